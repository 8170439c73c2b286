"""store: storing N new items as a crawl does (``save_items`` in batches of
``ARCHIVE_BATCH_ITEMS``, story grouping and FTS included) vs. sqlite-utils ``insert_all``
of the same rows plus building an FTS5 index over them, in the same run.

The items are the snapshot's, copied under distinct URLs and titles, four partners
publishing one item each every 12 hours, so each new item has neighbours to be grouped
against as on a real network's archive.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils
from sqlite_utils import Database

from bench.common import Result, Row, normalised_items
from pipeline.archive import ITEM_FIELDS, open_archive, save_items
from pipeline.normalise import content_hash
from spiders.items import NewsItem
from spiders.settings import ARCHIVE_BATCH_ITEMS

N = 5_000
N_QUICK = 1_000
NOW = "2026-01-23T10:00:00+00:00"
SOURCES = ("dthlab", "ifmsa", "ipsf", "ivsa")
WORDS = (
    "health",
    "students",
    "network",
    "youth",
    "policy",
    "climate",
    "cohort",
    "assembly",
    "training",
    "report",
    "vaccine",
    "pharmacy",
    "veterinary",
    "dental",
    "campaign",
    "fellows",
    "summit",
    "statement",
    "mental",
    "access",
)


def make_items(n: int) -> list[NewsItem]:
    """``n`` distinct items: the snapshot's texts, each with its own URL, a title of its
    own (words and a number) and a date 12 hours after its partner's previous one."""
    base = normalised_items()
    start = datetime.fromisoformat("2020-01-01T09:00:00+00:00")
    items = []
    for i in range(n):
        source = SOURCES[i % len(SOURCES)]
        words = [WORDS[(i * k + k) % len(WORDS)] for k in (3, 5, 7, 11)]
        item = dataclasses.replace(
            base[i % len(base)],
            source=source,
            url=f"https://{source}.example/news/{i}",
            canonical_url=f"https://{source}.example/news/{i}",
            title=f"{' '.join(words).capitalize()} {i}",
            published=(start + timedelta(hours=12 * (i // len(SOURCES)))).isoformat(),
        )
        item.content_hash = content_hash(item)
        items.append(item)
    return items


def ours(db: Database, items: list[NewsItem]) -> None:
    for first in range(0, len(items), ARCHIVE_BATCH_ITEMS):
        save_items(db, items[first : first + ARCHIVE_BATCH_ITEMS], now=NOW)


def baseline(folder: Path, items: list[NewsItem]) -> None:
    db = sqlite_utils.Database(folder / "bare.db")
    db.enable_wal()
    rows = []
    for item in items:
        row = {key: getattr(item, key) for key in ITEM_FIELDS}
        row["authors"], row["tags"] = json.dumps(item.authors), json.dumps(item.tags)
        rows.append({**row, "first_seen": NOW, "last_seen": NOW})
    db["items"].insert_all(rows, pk="canonical_url", batch_size=ARCHIVE_BATCH_ITEMS)
    db["items"].enable_fts(["title", "summary", "text"], create_triggers=True, tokenize="porter")
    db.close()


def clocks(fn: Callable[[], object]) -> tuple[float, float]:
    """The wall and CPU seconds of one call of ``fn`` (on a shared machine the CPU time is
    the steadier of the two)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(quick: bool = False) -> Result:
    n = N_QUICK if quick else N
    items = make_items(n)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_archive(Path(tmp, "archive.db"))  # created and migrated before the clock
        try:
            ours_s = clocks(lambda: ours(db, items))
        finally:
            db.close()
        base_s = clocks(lambda: baseline(Path(tmp), items))
    rows = [
        Row("store new items", ours_s[0], base_s[0], n, "items"),
        Row("store new items, CPU", ours_s[1], base_s[1]),
    ]
    return Result(
        "store",
        "sqlite-utils insert_all + FTS5 (porter) build of the same rows",
        rows,
        [
            f"{n} new items of 4 partners, batches of {ARCHIVE_BATCH_ITEMS}; ours includes "
            "story grouping, the full-text rows and the archive's indexes",
            "throughput vs the baseline (goal >= 0.5x): "
            f"{1 / rows[0].ratio:.2f}x wall, {1 / rows[1].ratio:.2f}x CPU",
        ],
    )
