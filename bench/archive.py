"""archive: ``save_item`` (new, unchanged, updated) vs. bare sqlite3 INSERT OR REPLACE.

Both sides write one row per transaction into a fresh WAL database in a temp dir, with
Python's default ``sqlite3`` connection settings.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import statistics
import tempfile
from pathlib import Path

from bench.common import Result, Row, normalised_items, seconds
from pipeline.archive import ITEM_FIELDS, open_archive, save_item
from pipeline.normalise import content_hash
from spiders.items import NewsItem

N = 300
REPEATS = 3
NOW = ("2026-01-23T10:00:00+00:00", "2026-01-24T10:00:00+00:00", "2026-01-25T10:00:00+00:00")
PHASES = ("insert (new)", "re-save (unchanged)", "save (updated)")


def make_items(n: int) -> tuple[list[NewsItem], list[NewsItem]]:
    """``n`` distinct items cycled from the snapshot's, and an edited copy of each."""
    base = normalised_items()
    items = []
    for i in range(n):
        item = dataclasses.replace(base[i % len(base)])
        item.canonical_url = item.url = f"{item.canonical_url}?copy={i}"
        items.append(item)
    updated = []
    for item in items:
        edited = dataclasses.replace(item, title=item.title + " (updated)")
        edited.text = (item.text or "") + " A correction was added."
        edited.content_hash = content_hash(edited)
        updated.append(edited)
    return items, updated


def ours_once(folder: Path, phases: list[list[NewsItem]]) -> list[float]:
    db = open_archive(folder / "archive.db")
    try:
        return [
            seconds(lambda items=items, now=now: [save_item(db, it, now=now) for it in items])
            for items, now in zip(phases, NOW, strict=True)
        ]
    finally:
        db.close()


def bare_once(folder: Path, phases: list[list[NewsItem]]) -> list[float]:
    columns = (*ITEM_FIELDS, "first_seen", "last_seen")
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"CREATE TABLE items ({', '.join(columns)}, PRIMARY KEY (canonical_url))")
    sql = f"INSERT OR REPLACE INTO items VALUES ({', '.join('?' * len(columns))})"

    def write(items: list[NewsItem], now: str) -> None:
        for item in items:
            row = dataclasses.asdict(item)
            row["authors"], row["tags"] = json.dumps(item.authors), json.dumps(item.tags)
            conn.execute("BEGIN")
            conn.execute(sql, [*(row[k] for k in ITEM_FIELDS), now, now])
            conn.execute("COMMIT")

    try:
        return [
            seconds(lambda items=items, now=now: write(items, now))
            for items, now in zip(phases, NOW, strict=True)
        ]
    finally:
        conn.close()


def run() -> Result:
    items, updated = make_items(N)
    phases = [items, items, updated]
    ours_runs, bare_runs = [], []
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as tmp:
            ours_runs.append(ours_once(Path(tmp), phases))
            bare_runs.append(bare_once(Path(tmp), phases))
    rows = [
        Row(
            phase,
            statistics.median(run[i] for run in ours_runs),
            statistics.median(run[i] for run in bare_runs),
            N,
            "items",
        )
        for i, phase in enumerate(PHASES)
    ]
    return Result(
        "archive",
        "sqlite3 INSERT OR REPLACE, one row per transaction, WAL",
        rows,
        [f"{N} items, median of {REPEATS} fresh archives; ours includes FTS triggers"],
    )
