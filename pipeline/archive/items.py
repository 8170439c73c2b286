"""News items: saving one (new, unchanged or updated, with its old version kept) and
grouping it into its story as it is stored."""

from __future__ import annotations

import dataclasses
import functools
import json
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
    update_row,
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
    return save_items(db, [item], now=now)[0]


def save_items(
    db: Database, items: Iterable[NewsItem | Mapping[str, object]], *, now: datetime | str
) -> list[str]:
    """Store many items as ``save_item`` stores one, in one transaction (one commit):
    each item's outcome, in order. Every item is checked before anything is written (a
    ValueError if one cannot be stored); a database error rolls back the lot.

    Written for speed, with the same outcomes and stories as one by one: no savepoint
    per item (FTS5 writes its pending terms out as a new segment at every savepoint,
    which cost more than the items' own statements), the full-text rows of the new items
    in one statement, the rows the batch updates read in one query and the new items'
    story candidates in another; both kept current as the batch goes, so a page saved
    twice in one batch is new once, then unchanged or updated.
    """
    checked = [_item_data(item) for item in items]
    with write_transaction(db):
        batch = _Batch(db, checked, as_stamp(now))
        outcomes = [batch.save(data) for data in checked]
        batch.save_search_rows()
    return outcomes


def _item_data(item: NewsItem | Mapping[str, object]) -> Row:
    """The fields ``save_items`` stores of ``item``; a ValueError if it cannot be stored."""
    data = _fields_of(item)
    data["authors"] = list(data["authors"] or [])
    data["tags"] = list(data["tags"] or [])
    data["canonical_url"] = data["canonical_url"] or data["url"]
    if not data["canonical_url"] or not data["title"]:
        raise ValueError("an item needs a url and a title to be archived")
    data["type"] = data["type"] or type_of_row(data)
    return data


class _Batch:
    """The state of one ``save_items`` call: the archived rows its items update (by
    canonical URL), the rows its new items are inserted as, their story candidates, and
    the new rows whose full-text rows are still to be written."""

    def __init__(self, db: Database, checked: list[Row], stamp: str) -> None:
        self.db, self.stamp = db, stamp
        for source in sorted({data["source"] for data in checked if data["source"]}):
            save_placeholder_source(db, source)
        self.stored = _stored_items(db, [data["canonical_url"] for data in checked])
        self.fresh: dict[str, Row] = {}  # canonical URL -> the row a new item will be
        for data in checked:
            url = data["canonical_url"]
            if url not in self.stored and url not in self.fresh:
                self.fresh[url] = _new_row(data, stamp)
        self.candidates = _StoryCandidates(_story_candidates(db, list(self.fresh.values())))
        self.unindexed: list[int] = []

    def save(self, data: Row) -> str:
        """Store one item's checked fields; its outcome."""
        row = self.stored.get(data["canonical_url"])
        if row is None:
            row = self.fresh.pop(data["canonical_url"])
            if self.candidates.matches(row):
                row["id"] = insert_row(self.db, "items", encode_row(row))
                _save_story(self.db, row["id"])
            else:  # alone: the story id cluster_items gives a group of one, no update
                row["story_id"] = story_id_for(row["canonical_url"])
                row["id"] = insert_row(self.db, "items", encode_row(row))
            self.keep(row)
            self.unindexed.append(row["id"])
            return "new"
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
                self.db,
                "item_versions",
                {
                    "item_id": row["id"],
                    **{key: row[key] for key in VERSION_FIELDS},
                    "replaced_at": self.stamp,
                },
            )
        changed = {key: value for key, value in merged.items() if value != row[key]}
        if "title" in changed:
            changed["title_numbers"] = title_numbers(merged["title"])
        if row["id"] in self.unindexed and _SEARCHED & changed.keys():
            # new in this batch: its full-text row is written before the update trigger
            # replaces it with the new text
            self.save_search_rows()
        update_row(self.db, "items", row["id"], encode_row({**changed, "last_seen": self.stamp}))
        self.keep({**row, **changed, "last_seen": self.stamp})
        if _STORY_FIELDS & changed.keys() or not row.get("story_id"):
            _save_story(self.db, row["id"])
        return status

    def keep(self, row: Row) -> None:
        """Remember a row as this batch wrote it."""
        self.stored[row["canonical_url"]] = row
        self.candidates.add(row)

    def save_search_rows(self) -> None:
        """Write the full-text rows of the batch's new items, in one statement per index
        (``items_fts``, and ``items_recent_fts``, which then drops the items that fell out
        of it). The items table's insert triggers leave the rows ``save_items`` writes
        (those with ``title_numbers``) to this: a trigger writes one FTS5 segment per row."""
        if self.unindexed:
            new_ids = [json.dumps(self.unindexed)]
            self.db.conn.execute(
                "INSERT INTO items_fts (rowid, title, summary, text) "
                "SELECT id, title, summary, text FROM items "
                "WHERE id IN (SELECT value FROM json_each(?))",
                new_ids,
            )
            self.db.conn.execute(
                "INSERT INTO items_recent_fts (rowid, title, summary, text) "
                "SELECT id, title, summary, text FROM items "
                "WHERE id IN (SELECT value FROM json_each(?)) "
                "AND id > (SELECT max(id) FROM items) - (SELECT size FROM items_recent_size)",
                new_ids,
            )
            self.db.conn.execute(
                "DELETE FROM items_recent_fts WHERE rowid <= "
                "(SELECT max(id) FROM items) - (SELECT size FROM items_recent_size)"
            )
            self.unindexed = []


def _new_row(data: Row, stamp: str) -> Row:
    """The row a new item is inserted as: its fields and what the archive derives."""
    row = {**data, "content_hash": data["content_hash"] or content_hash(data)}
    row["published_utc"] = to_utc_iso(data["published"])
    row["first_seen"] = row["last_seen"] = stamp
    row["title_numbers"] = title_numbers(data["title"])
    return row


def _stored_items(db: Database, urls: list[str]) -> dict[str, Row]:
    """The archived rows of these canonical URLs, by canonical URL (one query per
    ``_URLS_PER_STATEMENT``)."""
    stored: dict[str, Row] = {}
    unique = sorted(set(urls))
    for start in range(0, len(unique), _URLS_PER_STATEMENT):
        chunk = unique[start : start + _URLS_PER_STATEMENT]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT * FROM items WHERE canonical_url IN ({marks})"  # noqa: S608
        stored.update((row["canonical_url"], row) for row in select_rows(db, sql, chunk))
    return stored


_URLS_PER_STATEMENT = 500  # host parameters per query, far below SQLite's limit


_SEARCHED = frozenset({"title", "summary", "text"})  # the columns items_fts indexes
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
        near += select_rows(
            db,
            f"{_STORY_SELECT} WHERE title_numbers = ? AND published BETWEEN ? AND ? "
            "AND source != ?",
            [title_numbers(item["title"]), *_story_window(published), item["source"]],
        )
    return [row for row in near if same_story(item, row)]


@functools.lru_cache(maxsize=1024)  # asked twice for each new item of a batch
def _story_window(published_utc: str) -> tuple[str, str]:
    """The ``published`` range an item's story candidates are looked for in."""
    when = datetime.fromisoformat(published_utc)
    return (when - _STORY_MARGIN).isoformat(), (when + _STORY_MARGIN).isoformat()


def _story_candidates(db: Database, rows: list[Row]) -> list[Row]:
    """The stored items ``_story_matches`` would look at for any of these new rows (those
    sharing a URL with one; those whose titles carry its numbers, published in its
    window), in one query per ``_ROWS_PER_STATEMENT`` rows, through the same indexes."""
    found: dict[int, Row] = {}
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[start : start + _ROWS_PER_STATEMENT]
        urls = sorted({url for row in chunk for url in (row["url"], row["canonical_url"]) if url})
        windows = [
            [row["title_numbers"], *_story_window(row["published_utc"])]
            for row in chunk
            if row["published_utc"]
        ]
        params = {"urls": json.dumps(urls), "windows": json.dumps(windows)}
        found.update((row["id"], row) for row in select_rows(db, _CANDIDATES_SQL, params))
    return list(found.values())


_ROWS_PER_STATEMENT = 200
_CANDIDATE_COLUMNS = ", ".join(f"items.[{c}]" for c in (*STORY_COLUMNS, "title_numbers"))
_CANDIDATES_SQL = (
    f"SELECT {_CANDIDATE_COLUMNS} FROM items "  # noqa: S608 (column names)
    "WHERE canonical_url IN (SELECT value FROM json_each(:urls)) "
    "OR url IN (SELECT value FROM json_each(:urls)) "
    f"UNION SELECT {_CANDIDATE_COLUMNS} FROM json_each(:windows) AS w "
    "JOIN items ON items.title_numbers = json_extract(w.value, '$[0]') "
    "AND items.published BETWEEN json_extract(w.value, '$[1]') AND json_extract(w.value, '$[2]')"
)


class _StoryCandidates:
    """A batch's story candidates in memory (``_story_candidates`` and the rows the batch
    writes), by URL and by title numbers: ``matches`` answers as ``_story_matches``
    would, without a query per item."""

    def __init__(self, rows: list[Row]) -> None:
        self.by_id: dict[int, Row] = {}
        self.by_url: dict[str, set[int]] = {}
        self.by_numbers: dict[str, set[int]] = {}
        for row in rows:
            self.add(row)

    def add(self, row: Row) -> None:
        """A row as stored now (one the batch wrote replaces what was read)."""
        self.by_id[row["id"]] = row
        for url in {row["url"], row["canonical_url"]} - {None, ""}:
            self.by_url.setdefault(url, set()).add(row["id"])
        if row.get("title_numbers") is not None:
            self.by_numbers.setdefault(row["title_numbers"], set()).add(row["id"])

    def matches(self, item: Row) -> list[Row]:
        """The stored rows that are one story with ``item`` (a row not yet inserted)."""
        urls = {item["url"], item["canonical_url"]} - {None, ""}
        near = {row_id for url in urls for row_id in self.by_url.get(url, ())}
        if item["published_utc"]:
            low, high = _story_window(item["published_utc"])
            for row_id in self.by_numbers.get(item["title_numbers"], ()):
                row = self.by_id[row_id]
                if (
                    row["title_numbers"] == item["title_numbers"]
                    and row["published"] is not None
                    and low <= row["published"] <= high
                    and row["source"] != item["source"]
                ):
                    near.add(row_id)
        return [self.by_id[row_id] for row_id in near if same_story(item, self.by_id[row_id])]


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
    given = as_dict(item)
    return {key: given.get(key) for key in ITEM_FIELDS}


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
