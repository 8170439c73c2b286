"""Reading the archive: search, organisations, sources, crawl runs and what the feeds
publish (``query_*``)."""

from __future__ import annotations

import re
from datetime import date

from sqlite_utils import Database

from pipeline.archive._db import ArchiveError, Row, select_rows
from pipeline.archive.stories import STORY_COLUMNS, cluster_items
from spiders.pages.dates import to_utc_iso

_WORD = re.compile(r"\w+\*?")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word quoted (so ``"``,
    ``-``, ``NEAR(``, ``:`` are never syntax), all words required (so a bare upper-case
    AND/OR/NOT/NEAR is dropped rather than searched for), and a trailing ``*`` on a word
    kept as a prefix search. Returns "" if there are no words."""
    terms = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word in _OPERATORS:  # "health AND youth": all words are required anyway
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_clause(value: str, op: str) -> tuple[str, str]:
    """``published`` compared with ``value`` by ``op`` (">=" or "<="): a bare date compares
    the publisher's day (the date part of ``published``), a date-time the instant
    (``published_utc``)."""
    value = value.strip()
    if _BARE_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None
        return f"substr(items.published, 1, 10) {op} ?", day
    stamp = to_utc_iso(value)
    if stamp is None:
        raise ValueError(f"not a date: {value!r}")
    return f"items.published_utc {op} ?", stamp


def query_items(
    db: Database,
    query: str | None = None,
    *,
    source: str | None = None,
    content_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 50,
) -> list[Row]:
    """Items matching the words of ``query`` (full-text, stemmed) and the filters, newest
    first (by ``published_utc``; undated items last). ``since``/``until`` are dates or
    date-times: a bare date compares the publisher's day (``2026-01-22`` matches
    ``2026-01-22T23:30:00-07:00``), a date-time the instant (``published_utc``); both ends
    are included. ``source``
    and ``content_type`` match exactly (content type case-insensitively)."""
    where, params = [], []
    if query is not None and query.strip():
        match = fts_query(query)
        if not match:
            return []
        where.append("items.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
        params.append(match)
    if source:
        where.append("items.source = ?")
        params.append(source)
    if content_type:
        where.append("items.content_type = ? COLLATE NOCASE")
        params.append(content_type)
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            clause, bound = _date_clause(value, op)
            where.append(clause)
            params.append(bound)
    sql = "SELECT * FROM items"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY published_utc IS NULL, published_utc DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return select_rows(db, sql, params)


def query_organisations(db: Database, name: str | None = None) -> list[Row]:
    """Organisations (all, or those whose acronym is ``name`` or whose name contains it,
    case-insensitively), each with ``observations``: how many observations it has."""
    sql = (
        "SELECT organisations.*, "
        "(SELECT count(*) FROM org_observations o WHERE o.organisation_id = organisations.id)"
        " AS observations FROM organisations"
    )
    params: list[object] = []
    if name:
        sql += " WHERE acronym = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\'"
        escaped = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [name.strip(), f"%{escaped}%"]
    sql += " ORDER BY coalesce(acronym, name) COLLATE NOCASE"
    return select_rows(db, sql, params)


def query_observations(db: Database, organisation_id: int) -> list[Row]:
    """Every observation of one organisation in the order they were recorded (oldest
    first), with lists and facts decoded from JSON."""
    return select_rows(
        db,
        "SELECT * FROM org_observations WHERE organisation_id = ? ORDER BY seen_at, id",
        [organisation_id],
    )


def query_crawl_runs(db: Database, run_id: str) -> list[Row]:
    """The crawl_runs rows of one run, by source, with JSON columns decoded."""
    return select_rows(db, "SELECT * FROM crawl_runs WHERE run_id = ? ORDER BY source", [run_id])


def query_sources(db: Database) -> list[Row]:
    """Each stored source with ``items`` (how many it has in the archive), ``last_run``
    (its latest crawl_runs row as a dict, or None if it was never crawled) and, for
    tables, that run's ``last_crawl`` (started), ``status`` and ``errors`` (None if never)."""
    sources = select_rows(
        db,
        "SELECT sources.*, (SELECT count(*) FROM items WHERE items.source = sources.id)"
        " AS items FROM sources ORDER BY id",
    )
    for source in sources:
        runs = select_rows(
            db,
            "SELECT * FROM crawl_runs WHERE source = ? ORDER BY started DESC, id DESC LIMIT 1",
            [source["id"]],
        )
        last = runs[0] if runs else None
        source["last_run"] = last
        source["last_crawl"] = last["started"] if last else None
        source["status"] = last["status"] if last else None
        source["errors"] = last["errors"] if last else None
    return sources


def query_counts(db: Database) -> dict[str, int]:
    """How many items, organisations and org_observations rows the archive holds."""
    return {
        table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]  # noqa: S608
        for table in ("items", "organisations", "org_observations")
    }


FEED_COLUMNS = (
    *STORY_COLUMNS,
    "updated",
    "content_type",
    "authors",
    "tags",
    "summary",
    "content_html",
    "image",
    "language",
)
"""The items columns the feeds are built from."""


def query_feed_items(db: Database) -> list[Row]:
    """Every item row (the ``FEED_COLUMNS`` the file has, JSON decoded) with its
    ``story_id`` as the archive stored it (grouped when the item was saved); only an
    archive too old to have one gets it computed, for this read only: publishing never
    writes to the archive. ArchiveError if there is no ``items`` table."""
    if "items" not in db.table_names():
        raise ArchiveError("not a partnerwire archive (no items table)")
    columns = set(db["items"].columns_dict)
    wanted = ", ".join(f"[{c}]" for c in FEED_COLUMNS if c in columns)
    rows = select_rows(db, f"SELECT {wanted} FROM items")  # noqa: S608 fixed names
    if "story_id" not in columns or any(not r.get("story_id") for r in rows):
        stories = cluster_items(rows)
        for row in rows:
            row["story_id"] = row.get("story_id") or stories[row["id"]]
    return rows


def query_feed_sources(db: Database) -> list[Row]:
    """Every stored source row (none if the file has no ``sources`` table)."""
    if "sources" not in db.table_names():
        return []
    return select_rows(db, "SELECT * FROM sources")


def query_item_hashes(db: Database, source: str) -> dict[str, str]:
    """{URL: content hash} of every archived item of ``source``, under both its page URL
    and its canonical URL: what a crawl of the source already knows (read once per crawl)."""
    known: dict[str, str] = {}
    for row in db.execute(
        "SELECT url, canonical_url, content_hash FROM items "
        "WHERE source = ? AND content_hash IS NOT NULL",
        [source],
    ):
        for url in row[:2]:
            if url:
                known[url] = row[2]
    return known
