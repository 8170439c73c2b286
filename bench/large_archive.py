"""large_archive: the archive at 100,000 and 1,000,000 items (``bench/search.py``'s generated
archives, made once under ``bench/.data/``): building it, publishing it (first and
unchanged), searching it, ``sources`` and ``orgs``, each vs a bare baseline.

- build: our schema (indexes, full-text index) vs a bare table, the same rows inserted;
- publish: ``publish_feeds`` (every feed, page and format) vs feedgen writing one
  50-entry Atom feed from ``SELECT … ORDER BY published_utc DESC LIMIT 50``; the
  unchanged re-publish vs the same;
- search: ``query_items`` vs the plain FTS join (``bench/search.py``), p50 and p95;
- sources / orgs: ``query_sources`` / ``query_profiles`` vs one ``count(*) GROUP BY``.

``quick`` (``make bench-quick``): 100k only, no build, every second query.
"""

from __future__ import annotations

import resource
import sqlite3
import statistics
import tempfile
from pathlib import Path

from bench import search
from bench.common import Result, Row, median_seconds, seconds
from bench.publish import bare_atom
from feeds.publish import publish_feeds
from pipeline.archive import open_archive, open_archive_readonly, query_profiles, query_sources

SIZES = (100_000, 1_000_000)
QUICK_SIZES = (100_000,)


def build_rows(archive: Path, folder: Path) -> tuple[float, float]:
    """Seconds to insert the archive's items into our schema (as ``bench/search.py``
    generates it: rows, then the full-text index once) and into a bare table; the rows
    are streamed from ``archive`` in both (1M rows do not fit in memory twice)."""
    source = sqlite3.connect(archive)
    columns = [row[1] for row in source.execute("PRAGMA table_info(items)")]
    sources = source.execute("SELECT * FROM sources").fetchall()

    def rows() -> sqlite3.Cursor:
        return source.execute("SELECT * FROM items")

    marks = ", ".join("?" * len(columns))
    insert = f"INSERT INTO items ({', '.join(columns)}) VALUES ({marks})"

    def ours() -> None:
        db = open_archive(folder / "ours.db")
        with search.items_in_bulk(db), db.conn:
            marks = ", ".join("?" * len(sources[0]))
            db.conn.executemany(f"INSERT INTO sources VALUES ({marks})", sources)
            db.conn.executemany(insert, rows())
        db.close()

    def bare() -> None:
        conn = sqlite3.connect(folder / "bare.db")
        conn.execute(f"CREATE TABLE items ({', '.join(columns)})")
        with conn:
            conn.executemany(insert, rows())
        conn.close()

    try:
        return seconds(ours), seconds(bare)
    finally:
        source.close()


def run(quick: bool = False) -> Result:
    sizes = QUICK_SIZES if quick else SIZES
    queries = search.QUERIES[::2] if quick else search.QUERIES
    rows, notes = [], []
    for size in sizes:
        archive = search.generated_archive(size)
        label = f"{size // 1000:,}k"
        with tempfile.TemporaryDirectory(dir=archive.parent) as tmp:
            folder = Path(tmp)
            if not quick:  # minutes: inserting every row twice
                ours, bare = build_rows(archive, folder)
                rows.append(Row(f"build {label}", ours, bare, size, "items"))
            out, bare_out = folder / "out", folder / "bare"
            bare_out.mkdir()
            bare_s = median_seconds(lambda o=bare_out, a=archive: bare_atom(a, o), 3)
            first = seconds(lambda o=out, a=archive: publish_feeds(a, o))
            again = median_seconds(lambda o=out, a=archive: publish_feeds(a, o), 3)
            rows.append(Row(f"publish {label}", first, bare_s))
            rows.append(Row(f"publish unchanged {label}", again, bare_s))
        db = open_archive_readonly(archive)
        try:
            shapes, different = search.time_queries(db, queries)
            ours_times = [o for o, _ in shapes["all"]]
            plain_times = [p for _, p in shapes["all"]]
            rows.append(
                Row(
                    f"search p50 {label}",
                    statistics.median(ours_times),
                    statistics.median(plain_times),
                )
            )
            rows.append(Row(f"search p95 {label}", search.p95(ours_times), search.p95(plain_times)))
            capped = sum(1 for case in different if case[-1])
            notes.append(
                f"search {label}: {len(queries)} queries; differing from the plain join:"
                f" {len(different) - capped}, and {capped} by the capped ranking of common words"
            )
            count = "SELECT source, count(*) FROM items GROUP BY source"
            bare_count = median_seconds(lambda d=db, c=count: d.execute(c).fetchall(), 3)
            sources_s = median_seconds(lambda d=db: query_sources(d), 3)
            rows.append(Row(f"sources {label}", sources_s, bare_count))
            rows.append(
                Row(f"orgs {label}", median_seconds(lambda d=db: query_profiles(d), 3), bare_count)
            )
        finally:
            db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes.append(f"peak memory (this process, all of the above): {peak:,.0f} MiB")
    return Result("large_archive", "bare SQLite / feedgen / plain FTS join", rows, notes)
