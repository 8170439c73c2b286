"""publish: ``publish_feeds`` of an archive of the snapshot's items vs. bare feedgen
writing one Atom feed of the same entries; and the second (unchanged) publish vs. the
first."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from pathlib import Path

from feedgen.feed import FeedGenerator

from bench.common import Result, Row, normalised_items, seconds
from feeds.publish import publish_feeds
from pipeline.archive import open_archive, save_item, save_source
from spiders.sources import load_sources

REPEATS = 3
NOW = "2026-01-23T10:00:00+00:00"


def fill_archive(path: Path) -> None:
    db = open_archive(path)
    try:
        for source in load_sources().values():
            save_source(db, source)
        for item in normalised_items():
            save_item(db, item, now=NOW)
    finally:
        db.close()


def bare_atom(archive: Path, out: Path) -> None:
    """Read the newest 50 items with sqlite3 and write them as one Atom file."""
    conn = sqlite3.connect(archive)
    rows = conn.execute(
        "SELECT canonical_url, title, published_utc, summary, content_html FROM items "
        "ORDER BY published_utc DESC LIMIT 50"
    ).fetchall()
    conn.close()
    fg = FeedGenerator()
    fg.id("http://127.0.0.1:8080/all.atom")
    fg.title("partnerwire")
    fg.link(href="http://127.0.0.1:8080/all.atom", rel="self")
    fg.updated(NOW)
    for url, title, published_utc, summary, content_html in rows:
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(title)
        entry.link(href=url)
        entry.updated(published_utc or NOW)
        if summary:
            entry.summary(summary)
        if content_html:
            entry.content(content_html, type="html")
    (out / "all.atom").write_bytes(fg.atom_str(pretty=True))


def run() -> Result:
    first, second, bare, files = [], [], [], 0
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as tmp:
            archive, out, bare_out = Path(tmp, "a.db"), Path(tmp, "out"), Path(tmp, "bare")
            fill_archive(archive)
            bare_out.mkdir()
            first.append(seconds(lambda a=archive, o=out: publish_feeds(a, o)))
            second.append(seconds(lambda a=archive, o=out: publish_feeds(a, o)))
            bare.append(seconds(lambda a=archive, o=bare_out: bare_atom(a, o)))
            files = sum(1 for p in out.rglob("*") if p.is_file())
    first_s, second_s = statistics.median(first), statistics.median(second)
    return Result(
        "publish",
        "feedgen, one Atom feed of the same items",
        [
            Row("first publish", first_s, statistics.median(bare)),
            Row("unchanged re-publish vs first", second_s, first_s),
        ],
        [f"{len(normalised_items())} items, {files} files written; median of {REPEATS}"],
    )
