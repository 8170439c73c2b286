"""search: ``query_items`` vs the same search written as one plain FTS join, on a
generated archive of 100,000 items (run alone: ``.venv/bin/python bench/search.py``).

The archive is generated once and kept under ``bench/.data/`` (delete it to rebuild):
items with words drawn, by frequency, from the snapshot's own texts and titles (most
of an item's words from one of 40 topics, a tenth of the vocabulary each, so a word is
not in every item), five
sources, six content types, dates over 15 years in several offsets (2% undated), and 3%
of items published again by another source as one story. Inserted in batches into the
archive's schema, its triggers' work (full-text index, counts per source) done once at
the end (``save_item`` would take minutes; its speed is the ``archive`` benchmark's
business). A larger multiple of 100,000 is that many SQL copies of the 100k archive.

Each of 48 realistic queries (words, phrases, OR/NOT, prefixes, columns, with and
without filters, newest first, filters alone) runs through ours and the baseline, which
must return the same rows; the time of a query is the median of ``REPEATS`` runs, and
the table gives p50 and p95 over the queries, by shape, with ours / baseline (``-v``:
each query's times too).
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import random
import re
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlite_utils import Database

from bench.common import ROOT, normalised_items
from bench.table import aligned
from pipeline.archive import open_archive, open_archive_readonly, query_items
from pipeline.archive.fts_syntax import fts_query
from pipeline.archive.migrations import count_source_items, fill_recent_index
from pipeline.archive.search import RANK, RANK_CANDIDATES
from spiders.pages.content_types import type_of_label

ITEMS = 100_000
REPEATS = 3
LIMIT = 20
SOURCES = {"dthlab": 0.15, "ifmsa": 0.35, "ipsf": 0.25, "ivsa": 0.15, "iads": 0.10}
TYPES = {
    "News": 0.40,
    "News & insights": 0.20,
    "Publication": 0.15,
    "Statement": 0.12,
    "Multimedia": 0.08,
    "Journal article": 0.05,
}
TOPICS = 40  # each item's words: a quarter from all the texts, the rest from one topic
OFFSETS = ["+00:00", "+01:00", "+02:00", "-05:00", "-07:00", "+05:30", "+09:00"]

# (query, filters, sort); filters as query_items takes them
QUERIES: list[tuple[str | None, dict[str, str], str | None]] = [
    ("health", {}, None),
    ("students", {}, None),
    ("medical students", {}, None),
    ('"medical students"', {}, None),
    ('"world health"', {}, None),
    ("digital health", {}, None),
    ("pharmac*", {}, None),
    ("vaccin* OR immunis*", {}, None),
    ("health NOT youth", {}, None),
    ("title:health", {}, None),
    ("title:partnership", {}, None),
    ("(digital OR technology) health", {}, None),
    ("federation members", {}, None),
    ("antimicrobial resistance", {}, None),
    ("veterinary", {}, None),
    ("zoonoses", {}, None),
    ("health", {"source": "ifmsa"}, None),
    ("health", {"content_type": "Publication"}, None),
    ("health", {"content_type": "journal article"}, None),
    ("students", {"since": "2024-01-01"}, None),
    ("medical students", {"source": "ipsf", "since": "2020-01-01"}, None),
    ("pharmac*", {"source": "iads"}, None),
    ('"world health"', {"until": "2015-12-31"}, None),
    ("digital health", {"source": "dthlab", "content_type": "news & insights"}, None),
    ("students", {"content_type": "News"}, None),
    ("health", {"since": "2025-01-01"}, None),
    ("medical", {"source": "ifmsa", "content_type": "News"}, None),
    ("stud*", {}, None),
    ("health*", {"source": "ifmsa"}, None),
    ("med*", {"since": "2023-01-01"}, None),
    ("pharmac*", {}, "newest"),
    ("health", {}, "newest"),
    ("students", {}, "newest"),
    ("partnership", {}, "newest"),
    ("antimicrobial", {}, "newest"),
    ("health", {"source": "ivsa"}, "newest"),
    ("students", {"content_type": "Statement", "since": "2022-01-01"}, "newest"),
    (None, {}, None),
    (None, {"source": "ifmsa"}, None),
    (None, {"source": "iads"}, None),
    (None, {"content_type": "Publication"}, None),
    (None, {"content_type": "Journal article"}, None),
    (None, {"since": "2025-06-01"}, None),
    (None, {"since": "2012-01-01", "until": "2012-12-31"}, None),
    (None, {"source": "dthlab", "since": "2024-01-01"}, None),
    (None, {"source": "ipsf", "content_type": "Multimedia"}, None),
    (None, {"until": "2011-06-30"}, None),
    (None, {"source": "ivsa", "content_type": "News", "since": "2020-01-01"}, None),
]


def vocabulary() -> tuple[list[str], list[int], list[str], list[int]]:
    """Words of the snapshot's texts and of its titles, with their counts."""
    texts, titles = collections.Counter(), collections.Counter()
    for item in normalised_items():
        texts.update(re.findall(r"[A-Za-z][A-Za-z'-]+", item.text or ""))
        titles.update(re.findall(r"[A-Za-z][A-Za-z'-]+", item.title or ""))
    return list(texts), list(texts.values()), list(titles), list(titles.values())


def generated_archive(items: int = ITEMS) -> Path:
    """The generated archive of ``items`` items under ``bench/.data/``, made once."""
    path = ROOT / "bench" / ".data" / f"search-{items // 1000}k.db"
    if not path.exists():
        print(f"generating {items:,} items into {path} (once) ...", flush=True)
        start = time.perf_counter()
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        if items > ITEMS and items % ITEMS == 0:
            generate_copies(partial, generated_archive(ITEMS), items // ITEMS)
        else:
            generate(partial, items)
        partial.replace(path)
        print(f"  {time.perf_counter() - start:.0f} s", flush=True)
    open_archive(path).close()  # made by an older partnerwire: its pending migrations
    return path


def generate(path: Path, items: int = ITEMS) -> None:
    """The generated archive (see the module's doc)."""
    rng = random.Random(10)
    words, weights, title_words, title_weights = vocabulary()
    topics = [rng.sample(range(len(words)), len(words) // 10) for _ in range(TOPICS)]
    # cumulative weights once (``choices`` with plain weights sums them on every call)
    word_cums = list(itertools.accumulate(weights))
    title_cums = list(itertools.accumulate(title_weights))
    topic_words = [[words[i] for i in topic] for topic in topics]
    topic_cums = [list(itertools.accumulate(weights[i] for i in topic)) for topic in topics]
    source_cums = list(itertools.accumulate(SOURCES.values()))
    type_cums = list(itertools.accumulate(TYPES.values()))
    type_of = {label: type_of_label(label) for label in TYPES}
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_archive(path)
    db.execute("PRAGMA synchronous = OFF")  # a generated file: a crash means generate again
    for source in SOURCES:
        db["sources"].insert({"id": source, "name": source.upper()}, replace=True)
    with items_in_bulk(db):
        rows: list[dict] = []
        previous = None
        for i in range(items):
            source = rng.choices(list(SOURCES), cum_weights=source_cums)[0]
            label = rng.choices(list(TYPES), cum_weights=type_cums)[0]
            title = " ".join(rng.choices(title_words, cum_weights=title_cums, k=rng.randint(4, 12)))
            length = rng.randint(60, 250)
            topic = rng.randrange(TOPICS)
            text = " ".join(
                rng.choices(words, cum_weights=word_cums, k=length // 4)
                + rng.choices(topic_words[topic], cum_weights=topic_cums[topic], k=length)
            )
            when = datetime(2011, 1, 1) + timedelta(minutes=rng.randint(0, 15 * 365 * 24 * 60))
            published = None if rng.random() < 0.02 else when.isoformat() + rng.choice(OFFSETS)
            row = {
                "id": i + 1,
                "source": source,
                "url": f"https://{source}.example.org/{i}/",
                "canonical_url": f"https://{source}.example.org/{i}/",
                "title": title.capitalize(),
                "published": published,
                "published_utc": _utc(published),
                "content_type": label,
                "type": type_of[label],
                "summary": text[:200],
                "text": text,
                "content_hash": str(i),
                "first_seen": "2026-01-01T00:00:00+00:00",
                "last_seen": "2026-01-01T00:00:00+00:00",
                "story_id": f"story-{i}",
            }
            if previous and rng.random() < 0.03:  # the same story published again by another source
                row.update(title=previous["title"], published=previous["published"])
                row.update(published_utc=previous["published_utc"], story_id=previous["story_id"])
            rows.append(row)
            previous = row
            if len(rows) >= 50_000:
                _insert(db, rows)
                rows = []
        _insert(db, rows)
    db.execute("PRAGMA optimize")
    db.close()


def generate_copies(path: Path, base: Path, copies: int) -> None:
    """An archive of ``copies`` copies of the generated archive at ``base``, in SQL (the
    1M archive in minutes rather than the hour Python takes to write its texts): copy
    ``k`` has its own ids, URLs and stories, and its dates moved ``k`` x 17 minutes;
    texts, titles, sources and types repeat, so word frequencies scale as they are."""
    db = open_archive(path)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("ATTACH DATABASE ? AS base", [str(base)])
    columns = [row[1] for row in db.execute("PRAGMA base.table_info(items)")]
    moved = {
        "id": "id + :k * :n",
        "url": "url || 'copy-' || :k || '/'",
        "canonical_url": "canonical_url || 'copy-' || :k || '/'",
        "story_id": "story_id || '-' || :k",
        "content_hash": "content_hash || '-' || :k",
        "published": "strftime('%Y-%m-%dT%H:%M:%S', substr(published, 1, 19), :shift)"
        " || substr(published, 20)",
        "published_utc": "strftime('%Y-%m-%dT%H:%M:%S', substr(published_utc, 1, 19), :shift)"
        " || substr(published_utc, 20)",
    }
    select = ", ".join(moved.get(c, c) for c in columns)
    with items_in_bulk(db), db.conn:
        db.execute("INSERT INTO sources SELECT * FROM base.sources WHERE 1 ON CONFLICT DO NOTHING")
        for k in range(copies):
            db.execute(
                f"INSERT INTO items ({', '.join(columns)}) SELECT {select} FROM base.items",
                {"k": k, "n": ITEMS, "shift": f"+{k * 17} minutes"},
            )
    db.execute("DETACH DATABASE base")
    db.execute("PRAGMA optimize")
    db.close()


@contextlib.contextmanager
def items_in_bulk(db: Database) -> Iterator[None]:
    """Rows written into ``items`` inside the block skip the archive's per-row triggers;
    after it the triggers are back and what they derive (the full-text index, the counts
    per source, the index of the newest items) is made once for every row (minutes faster
    than a trigger per row)."""
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'items'"
    ).fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    yield
    for _, sql in triggers:
        db.execute(sql)
    with db.conn:
        db.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
        count_source_items(db)
        fill_recent_index(db)


def _insert(db, rows: list[dict]) -> None:
    if not rows:
        return
    with db.conn:
        db.conn.executemany(
            f"INSERT INTO items ({', '.join(rows[0])}) VALUES ({', '.join('?' * len(rows[0]))})",
            [tuple(row.values()) for row in rows],
        )


def _utc(published: str | None) -> str | None:
    from spiders.pages.dates import to_utc_iso

    return to_utc_iso(published) if published else None


def plain_sql(query: str | None, filters: dict[str, str], sort: str | None) -> tuple[str, list]:
    """The same search as one plain FTS join (the shape search had before)."""
    where, params = [], []
    if query:
        where.append("items_fts MATCH ?")
        params.append(fts_query(query))
    if "source" in filters:
        where.append("items.source = ?")
        params.append(filters["source"])
    if "content_type" in filters:  # a shared type (news, publication ...) or a partner's label
        where.append("(items.type = ? OR items.content_type = ? COLLATE NOCASE)")
        params += [filters["content_type"].casefold(), filters["content_type"]]
    for key, op in (("since", ">="), ("until", "<=")):
        if key in filters:
            where.append(f"substr(items.published, 1, 10) {op} ?")
            params.append(filters[key])
    joined = " JOIN items_fts ON items_fts.rowid = items.id" if query else ""
    newest = "items.published_utc IS NULL, items.published_utc DESC, items.id DESC"
    if query and sort != "newest":
        order = f"{RANK}, items.published_utc DESC, items.id DESC"
    else:
        order = newest
    sql = f"SELECT items.* FROM items{joined} WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT {LIMIT}"  # noqa: E501
    return sql, params


def timed(fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def capped(db, query: str | None, sort: str | None) -> bool:
    """Whether ``query`` is ranked among its newest matches only (``RANK_CANDIDATES``):
    by relevance, and more matches than that. Its results may differ from the plain
    join's by design (the README's search section says how)."""
    if not query or sort == "newest":
        return False
    sql = "SELECT count(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ?)"
    return db.execute(sql, [fts_query(query), RANK_CANDIDATES + 1]).fetchone()[0] > RANK_CANDIDATES


def time_queries(
    db, queries=QUERIES, *, verbose: bool = False
) -> tuple[dict[str, list[tuple[float, float]]], list[tuple]]:
    """Each query through ours and the plain join: (ours, plain) times by shape (and
    "all"), and the queries whose results differ: (query, filters, sort, capped)."""
    shapes: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    different = []
    for query, filters, sort in queries:
        shape = "filters only" if not query else ("newest" if sort == "newest" else "ranked")
        ours_time, ours = timed(
            lambda q=query, f=filters, s=sort: query_items(db, q, limit=LIMIT, sort=s, **f)
        )
        sql, params = plain_sql(query, filters, sort)
        plain_time, plain = timed(lambda sql=sql, params=params: db.execute(sql, params).fetchall())
        if [row["id"] for row in ours] != [row[0] for row in plain]:
            different.append((query, filters, sort, capped(db, query, sort)))
        shapes[shape].append((ours_time, plain_time))
        shapes["all"].append((ours_time, plain_time))
        if verbose:
            case = f"{query!r} {filters or ''} {sort or ''}".strip()
            print(f"   {_ms(ours_time):>11} {_ms(plain_time):>11}  {shape:<12} {case}")
    return shapes, different


def main(verbose: bool = False) -> int:
    """Print the table (``-v``: each query's times first); exit 1 if any result differs
    other than by the capped ranking of common words."""
    db = open_archive_readonly(generated_archive())
    shapes, different = time_queries(db, verbose=verbose)
    cells = [("queries", "n", "ours p50", "plain p50", "ratio", "ours p95", "plain p95", "ratio")]
    for shape in ("ranked", "newest", "filters only", "all"):
        ours = [o for o, _ in shapes[shape]]
        plain = [p for _, p in shapes[shape]]
        cells.append(
            (
                shape,
                str(len(ours)),
                _ms(statistics.median(ours)),
                _ms(statistics.median(plain)),
                f"{statistics.median(ours) / statistics.median(plain):.2f}x",
                _ms(p95(ours)),
                _ms(p95(plain)),
                f"{p95(ours) / p95(plain):.2f}x",
            )
        )
    print(f"== search, {ITEMS:,} items, limit {LIMIT}, median of {REPEATS} runs per query")
    print("\n".join(aligned(cells)))
    wrong = [case for case in different if not case[-1]]
    print(f"   results differing from the plain join: {len(wrong)}")
    for case in wrong:
        print(f"     {case[:-1]}")
    by_design = len(different) - len(wrong)
    print(f"   and by the capped ranking of common words (by design): {by_design}")
    db.close()
    return 1 if wrong else 0


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv[1:]))
