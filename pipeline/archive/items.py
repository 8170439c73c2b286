"""News items: saving one (new, unchanged or updated, with its old version kept) and
grouping it into its story as it is stored."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlite_utils import Database

from pipeline.archive._db import (
    Row,
    as_dict,
    as_stamp,
    encode_row,
    insert_row,
    select_rows,
    write_transaction,
)
from pipeline.archive.runs import save_placeholder_source
from pipeline.archive.stories import (
    MAX_DAYS_APART,
    STORY_COLUMNS,
    cluster_items,
    same_story,
    story_id_for,
    title_numbers,
)
from pipeline.normalise import content_hash
from spiders.items import NewsItem
from spiders.pages.content_types import type_of_row
from spiders.pages.dates import to_utc_iso
from spiders.pages.urls import canonical_url, same_site

ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(NewsItem))
VERSION_FIELDS = (
    "content_hash",
    "title",
    "summary",
    "content_html",
    "text",
    "published",
    "updated",
)


def save_item(db: Database, item: NewsItem | Mapping[str, object], *, now: datetime | str) -> str:
    """Store one normalised NewsItem, keyed by canonical URL.

    Returns "new" (first time seen), "unchanged" (same content hash: no version is kept,
    but the row still takes what this save adds, such as tags, authors, an image or
    ``updated``, and ``last_seen`` moves) or "updated" (the old title/summary/content/
    text/dates are copied into ``item_versions`` first, then the row is updated).
    ``first_seen`` never changes.
    A re-crawl that sees less (say a listing entry without the body) does not erase
    what the archive already has: empty fields keep their stored values, and the hash is
    taken over the merged result. A copy that names another page as its canonical (a
    translation stub, a print version) only fills what the row lacks, so the canonical
    page's own values win whichever of the two a crawl saves last.
    """
    given = _fields_of(item)
    data = {key: given.get(key) for key in ITEM_FIELDS}
    data["authors"] = list(data["authors"] or [])
    data["tags"] = list(data["tags"] or [])
    data["canonical_url"] = data["canonical_url"] or data["url"]
    if not data["canonical_url"] or not data["title"]:
        raise ValueError("an item needs a url and a title to be archived")
    data["type"] = data["type"] or type_of_row(data)
    stamp = as_stamp(now)
    with write_transaction(db):
        save_placeholder_source(db, data["source"])
        old = select_rows(
            db, "SELECT * FROM items WHERE canonical_url = ?", [data["canonical_url"]]
        )
        if not old:
            data["content_hash"] = data["content_hash"] or content_hash(data)
            row = {**data, "published_utc": to_utc_iso(data["published"])}
            row = {**row, "first_seen": stamp, "last_seen": stamp}
            row["title_numbers"] = title_numbers(row["title"])
            if _story_matches(db, row):
                _save_story(db, insert_row(db, "items", encode_row(row)))
            else:  # alone: the story id cluster_items gives a group of one, no update
                row["story_id"] = story_id_for(row["canonical_url"])
                insert_row(db, "items", encode_row(row))
            return "new"
        row = old[0]
        alternate = _names_another_page(data)
        merged = {
            key: row[key]
            if data[key] in (None, "", []) or (alternate and row[key] not in (None, "", []))
            else data[key]
            for key in ITEM_FIELDS
        }
        merged["content_hash"] = content_hash(merged)
        merged["published_utc"] = to_utc_iso(merged["published"])
        status = "unchanged" if merged["content_hash"] == row["content_hash"] else "updated"
        if status == "updated":
            insert_row(
                db,
                "item_versions",
                {
                    "item_id": row["id"],
                    **{key: row[key] for key in VERSION_FIELDS},
                    "replaced_at": stamp,
                },
            )
        changed = {key: value for key, value in merged.items() if value != row[key]}
        if "title" in changed:
            changed["title_numbers"] = title_numbers(merged["title"])
        if changed:
            db.table("items").update(row["id"], encode_row({**changed, "last_seen": stamp}))
        else:  # the common re-crawl: nothing new but the sighting
            db.execute("UPDATE items SET last_seen = ? WHERE id = ?", [stamp, row["id"]])
        if _STORY_FIELDS & changed.keys() or not row.get("story_id"):
            _save_story(db, row["id"])
        return status


def save_items(
    db: Database, items: Iterable[NewsItem | Mapping[str, object]], *, now: datetime | str
) -> list[str]:
    """Store many items in one transaction (one commit, one fsync): each item's outcome
    as ``save_item`` gives it, in order. All or nothing: a bad item rolls back the lot."""
    with write_transaction(db):
        return [save_item(db, item, now=now) for item in items]


_STORY_FIELDS = frozenset({"source", "url", "canonical_url", "title", "published"})
_STORY_SELECT = "SELECT " + ", ".join(f"[{c}]" for c in STORY_COLUMNS) + " FROM items"  # noqa: S608
# ``published`` strings may carry different offsets (up to 14 h); the candidate range is
# widened by a day and ``stories.same_story`` then compares the publishers' days.
_STORY_MARGIN = timedelta(days=MAX_DAYS_APART + 1)


def _save_story(db: Database, item_id: int) -> None:
    """Give one just-stored item its ``story_id`` (inside the caller's transaction).

    The items it may share a story with are found through indexes only: other sources'
    items published within ``MAX_DAYS_APART`` days whose titles carry the same numbers
    (the ``(title_numbers, published)`` index: titles with other numbers are never one
    story, so they are never compared), items
    sharing its URLs, and every member of the stories those belong to (``story_id``
    index) or it belonged to before. ``stories.cluster_items`` regroups that
    neighbourhood with the rules and stable ids it uses for a whole archive.
    """
    item = select_rows(db, f"{_STORY_SELECT} WHERE id = ?", [item_id])[0]
    matches = _story_matches(db, item, item_id)
    stories = {row["story_id"] for row in matches} | {item["story_id"]}
    stories.discard(None)
    members = {item_id: item}
    if stories:
        marks = ", ".join("?" * len(stories))
        sql = f"{_STORY_SELECT} WHERE story_id IN ({marks})"
        members.update((row["id"], row) for row in select_rows(db, sql, sorted(stories)))
    members.update((row["id"], row) for row in matches)
    changes = [
        (story, row_id)
        for row_id, story in cluster_items(members.values()).items()
        if story != members[row_id]["story_id"]
    ]
    db.conn.executemany("UPDATE items SET story_id = ? WHERE id = ?", changes)


def _story_matches(db: Database, item: Row, item_id: int | None = None) -> list[Row]:
    """The stored items (other than ``item_id``) that are one story with ``item`` by
    ``stories.same_story``, found through the URL and (title_numbers, published) indexes."""
    urls = sorted({item["url"], item["canonical_url"]} - {None, ""})
    marks = ", ".join("?" * len(urls))
    near = select_rows(
        db,
        f"{_STORY_SELECT} WHERE id IS NOT ? AND (canonical_url IN ({marks}) OR url IN ({marks}))",
        [item_id, *urls, *urls],
    )
    published = to_utc_iso(item["published"]) if item["published"] else None
    if published:
        when = datetime.fromisoformat(published)
        near += select_rows(
            db,
            f"{_STORY_SELECT} WHERE title_numbers = ? AND published BETWEEN ? AND ? "
            "AND source != ?",
            [
                title_numbers(item["title"]),
                (when - _STORY_MARGIN).isoformat(),
                (when + _STORY_MARGIN).isoformat(),
                item["source"],
            ],
        )
    return [row for row in near if same_story(item, row)]


def save_stories(db: Database) -> int:
    """Regroup the stories of the whole archive (for archives made before items were
    grouped when stored: migration 6); returns how many items changed story."""
    rows = select_rows(db, _STORY_SELECT)
    stories = cluster_items(rows)
    changes = [(stories[r["id"]], r["id"]) for r in rows if stories[r["id"]] != r["story_id"]]
    with write_transaction(db):
        db.conn.executemany("UPDATE items SET story_id = ? WHERE id = ?", changes)
    return len(changes)


def _fields_of(item: NewsItem | Mapping[str, object]) -> Row:
    """The item's fields, without ``dataclasses.asdict``'s deep copy (save_item copies
    the two lists itself)."""
    if isinstance(item, NewsItem):
        return {key: getattr(item, key) for key in ITEM_FIELDS}
    return as_dict(item)


def _names_another_page(data: Row) -> bool:
    own, canonical = canonical_url(data["url"] or ""), data["canonical_url"]
    if not same_site(own, canonical):
        return True
    return urlsplit(own)[2:4] != urlsplit(canonical)[2:4]  # path and query


def save_sightings(db: Database, source: str, urls: list[str], *, now: datetime | str) -> int:
    """Note that these archived items of ``source`` were seen unchanged now (a page that
    answered 304): only ``last_seen`` moves, all in one transaction. Returns the number
    of item rows touched."""
    stamp, touched = as_stamp(now), 0
    with write_transaction(db):
        for start in range(0, len(urls), _SIGHTINGS_PER_STATEMENT):
            chunk = urls[start : start + _SIGHTINGS_PER_STATEMENT]
            marks = ", ".join("?" * len(chunk))
            touched += db.execute(
                f"UPDATE items SET last_seen = ? WHERE source = ? "  # noqa: S608
                f"AND (canonical_url IN ({marks}) OR url IN ({marks}))",
                [stamp, source, *chunk, *chunk],
            ).rowcount
    return touched


_SIGHTINGS_PER_STATEMENT = 400  # 2 x 400 host parameters, far below SQLite's limit
