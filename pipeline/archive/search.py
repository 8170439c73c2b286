"""Searching the items: full text (FTS5 syntax, ranked by relevance or newest first),
filters by source, content type and date, and stories grouped (``query_items``,
``query_stories``).

Each query is shaped so SQLite never sorts the whole match set or the whole table:
- filters only: the ``(published_utc)`` or ``(source, published_utc)`` index is walked
  newest first and stops at the limit;
- words, by relevance: the matches are ranked inside the full-text index (bm25, title
  weighted over summary and text; ``items_recent_fts``, the newest items' own index,
  when it holds every candidate) and only the best ``window`` rowids are joined to
  ``items`` and filtered; the window grows only while the filters leave fewer than
  ``limit``. A word matching more than ``RANK_CANDIDATES`` items is ranked among its
  most recently stored matches only (see there: the one place results differ from
  ranking every match);
- words, newest first: a few matches (up to ``FEW_MATCHES``) are looked up by rowid and
  sorted; with more, the newest rows that pass the filters are each checked against the
  full-text index (``PROBED_PER_RESULT`` per result asked), and only if they hold too few
  matches is the whole match set checked against while the date index is walked.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from pipeline.archive._db import Row, select_rows
from pipeline.archive.fts_syntax import SearchSyntaxError, fts_query
from spiders.pages.content_types import TYPES
from spiders.pages.dates import to_utc_iso

RANK_WEIGHTS = {"title": 10.0, "summary": 3.0, "text": 1.0}
"""bm25 weight of each ``items_fts`` column: a word in the title counts ten times one in
the text."""
RANK = "bm25(items_fts, {})".format(", ".join(str(w) for w in RANK_WEIGHTS.values()))
RECENT_RANK = RANK.replace("items_fts", "items_recent_fts")
SEARCH_SORTS = ("relevance", "newest")
FEW_MATCHES = 2000
"""Up to this many matches, "newest first" sorts the matches themselves; past it, it walks
the date index (which stops early when matches are common)."""
RANK_CANDIDATES = 2000
"""Ranking by relevance considers at most this many matches, the most recently stored
(highest rowids), widened x8 at a time while the filters keep fewer than the limit. bm25
scores every row it is given, so ranking every match of a common word ("health" matches
most of the archive) took seconds at 1,000,000 items. The trade-off: an older item can
rank below a newer, less relevant one, or not be found by relevance at all (``--sort
newest`` or narrower words or filters find it). Fewer matches than this: every match is
ranked, exactly as before.

The candidates are ranked in ``items_recent_fts`` (the newest ``RECENT_ITEMS`` stored
items, migration 17) when it holds that many matches: bm25 first counts the rows of its
index that hold each word, ~200 ms for "health" over 1,000,000 items, and a prefix
(``stud*``) merges every word it covers, over the small index only. bm25's weight of each
word, and the average length, are then counted among those recent items (the order can
differ from the whole index's, even for one word).
Fewer matches there: the whole index, as before (a word that rare is cheap to count)."""
PROBED_PER_RESULT = 16
""""Newest first" with many matches: the newest ``limit`` x this rows passing the filters
are checked one by one against the full-text index (cheap when the words are common);
too few matches among them, and the whole match set is read instead. Not for prefix
queries (``vaccin*``): FTS5 merges every term of the prefix on each check."""
FILTERED_WINDOW = 2000
"""The ranked hits asked for first when filters may drop some (ranking costs the same
for any window; each hit costs a lookup in ``items``)."""

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STORY_ITEM = ("source", "url", "title", "published")
_NEWEST = "ORDER BY items.published_utc DESC, items.id DESC"  # NULLs (undated) sort last


class QueryError(ValueError):
    """A search that cannot run as asked (bad syntax, unknown source or type, bad date);
    the message is one line and says what would work."""


def query_items(
    db: Database,
    query: str | None = None,
    *,
    source: str | None = None,
    content_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    limit: int | None = 50,
) -> list[Row]:
    """Items matching ``query`` (FTS5 syntax, see ``fts_syntax``; stemmed) and the
    filters, each row with ``rank`` (bm25, lower is better; None when sorted by date).

    ``sort``: "relevance" (the default with words; ties go to the newest) or "newest"
    (the default, and the only order, without words; undated items last).
    ``since``/``until`` are dates or date-times, both ends included: a bare date compares
    the publisher's day (``2026-01-22`` matches ``2026-01-22T23:30:00-07:00``), a
    date-time the instant (``published_utc``). ``source`` is a source id and
    ``content_type`` a shared type or a partner's label, both case-insensitive.
    Raises QueryError for a malformed query, an unknown source or type, or a bad date."""
    search = _plan(db, query, source, content_type, since, until, sort)
    limit_param = -1 if limit is None else int(limit)
    if search.shape == "ranked":
        return _ranked_matches(db, search, limit)
    if search.shape == "newest":
        few = _few_matches(db, search.match)
        if few is not None:
            rowids = json.dumps(few)
            sql = _newest_sql([_ROWIDS, *search.where])
            return select_rows(db, sql, [rowids, *search.where_params, limit_param])
        if limit is not None and "*" not in search.match:  # see PROBED_PER_RESULT
            probed = _probed_newest(db, search, int(limit))
            if len(probed) >= limit:
                return probed
    return select_rows(db, search.sql, [*search.params, limit_param])


def _few_matches(db: Database, match: str) -> list[int] | None:
    """The rowids of every match of ``match`` when there are up to ``FEW_MATCHES``, None
    when there are more. For a prefix (``pharmac*``) ``items_recent_fts`` (a subset of
    ``items_fts``) is asked first: more matches there means more in all, found without
    merging the prefix's terms over the whole index (which costs as much as listing every
    match). A word is not: the whole index stops at its first matches, faster than the
    small index opens its segments."""
    if "*" in match and _has_recent_index(db):
        sql = _FEW_MATCHES_SQL.format("items_recent_fts")
        if len(_fts_rows(db, sql, [match, FEW_MATCHES + 1])) > FEW_MATCHES:
            return None
    few = _fts_rows(db, _FEW_MATCHES_SQL.format("items_fts"), [match, FEW_MATCHES + 1])
    return [row[0] for row in few] if len(few) <= FEW_MATCHES else None


def _probed_newest(db: Database, search: _Search, limit: int) -> list[Row]:
    """The newest matches among the newest ``limit`` x ``PROBED_PER_RESULT`` rows that
    pass the filters (the date index walked newest first, each row checked against the
    full-text index by rowid): all ``limit`` of them when the words are common."""
    where = "WHERE " + " AND ".join(search.where) if search.where else ""
    sql = (
        "SELECT items.*, NULL AS rank FROM ("  # noqa: S608 fixed SQL
        f"SELECT items.id AS probed FROM items {where} {_NEWEST} LIMIT ?) AS recent "
        f"CROSS JOIN items ON items.id = recent.probed WHERE {_FTS_PROBE} {_NEWEST} LIMIT ?"
    )
    params = [*search.where_params, limit * PROBED_PER_RESULT, search.match, limit]
    with _fts_refusals():
        return select_rows(db, sql, params)


def explain_search(db: Database, query: str | None = None, **arguments: str | None) -> list[str]:
    """What SQLite does for ``query_items(db, query, **arguments)``: the lines of
    ``EXPLAIN QUERY PLAN`` for its main statement (with "newest", the one for many
    matches), indented by two spaces per level as the ``sqlite3`` shell shows them; to
    check that no search sorts the whole table or match set."""
    names = ("source", "content_type", "since", "until", "sort")
    search = _plan(db, query, *(arguments.get(name) for name in names))
    bound = [_ALL_ROWIDS] if search.shape == "ranked" else []
    plan = db.execute(f"EXPLAIN QUERY PLAN {search.sql}", [*search.params, *bound, 20])
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _, detail in plan:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def query_stories(
    db: Database,
    query: str | None = None,
    *,
    limit: int = 50,
    **arguments: str | None,
) -> list[Row]:
    """``query_items`` with the items of one story shown once: the best (or newest) item
    of each story, with ``sources`` (every source that carried the story, its own first)
    and ``story_items`` (each item of the story: source, url, title, published, its own
    first), whether or not the story's other items matched the query or the filters.
    ``limit`` counts stories."""
    asked = limit
    while True:
        rows = query_items(db, query, limit=asked, **arguments)
        stories: dict[object, Row] = {}
        for row in rows:
            stories.setdefault(row.get("story_id") or ("item", row["id"]), row)
        if len(stories) >= limit or len(rows) < asked:
            break
        asked *= 4
    shown = list(stories.values())[:limit]
    members = _story_members(db, [row["story_id"] for row in shown if row.get("story_id")])
    for row in shown:
        own = {key: row[key] for key in _STORY_ITEM}
        others = [m for m in members.get(row.get("story_id"), []) if m["id"] != row["id"]]
        row["story_items"] = [own, *({key: m[key] for key in _STORY_ITEM} for m in others)]
        row["sources"] = list(dict.fromkeys(item["source"] for item in row["story_items"]))
    return shown


def query_known_sources(db: Database) -> list[str]:
    """Every source id the archive knows: the stored sources and the items' sources."""
    stored = {row["id"] for row in select_rows(db, "SELECT id FROM sources")}
    return sorted(stored | set(_distinct_values(db, "source")))


def query_known_types(db: Database) -> list[str]:
    """Every type ``--type`` accepts: the shared types of the vocabulary
    (``spiders.pages.content_types.TYPES``, when the archive has ``items.type``), then the
    partners' own labels the items carry that are not one of them."""
    shared = list(TYPES) if _has_shared_type(db) else []
    folded = {value.casefold() for value in shared}
    labels = _distinct_values(db, "content_type")
    return shared + [label for label in labels if label.casefold() not in folded]


def _has_shared_type(db: Database) -> bool:
    """Whether the archive has ``items.type`` (migration 7; an older read-only file has not)."""
    return "type" in db["items"].columns_dict


def _distinct_values(db: Database, column: str) -> list[str]:
    """The distinct non-null values of an indexed ``items`` column, found by seeking its
    index once per value (fast on a large archive with few distinct values)."""
    values: list[str] = []
    sql = f"SELECT {column} FROM items WHERE {column} > ? ORDER BY {column} LIMIT 1"  # noqa: S608
    while row := db.execute(sql, [values[-1] if values else ""]).fetchone():
        values.append(row[0])
    return values


@dataclass(frozen=True)
class _Search:
    """One search's shape ("filters", "ranked" or "newest"), its main statement and that
    statement's parameters but the last (the limit, or the window of ranked hits)."""

    shape: str
    sql: str
    params: list[object]
    where: list[str]
    where_params: list[object]
    match: str | None = None


def _plan(
    db: Database,
    query: str | None,
    source: str | None,
    content_type: str | None,
    since: str | None,
    until: str | None,
    sort: str | None,
) -> _Search:
    if sort is not None and sort not in SEARCH_SORTS:
        raise QueryError(f"unknown sort {sort!r}: use {' or '.join(SEARCH_SORTS)}")
    match = _match_expression(query)
    where, params = _filter_clauses(db, source, content_type, since, until)
    if match is None:
        return _Search("filters", _newest_sql(where), params, where, params)
    if sort == "newest":
        sql = _newest_sql([_FTS_MATCHES, *where])
        return _Search("newest", sql, [match, *params], where, params, match)
    return _Search("ranked", _ranked_sql(where), [*params, match], where, params, match)


def _match_expression(query: str | None) -> str | None:
    """The FTS5 expression of ``query``; None when there are no words (filters only)."""
    if query is None or not query.strip():
        return None
    try:
        return fts_query(query)
    except SearchSyntaxError as exc:
        raise QueryError(str(exc)) from None


def _filter_clauses(
    db: Database,
    source: str | None,
    content_type: str | None,
    since: str | None,
    until: str | None,
) -> tuple[list[str], list[object]]:
    """SQL conditions on ``items`` for the filters, and their parameters."""
    where: list[str] = []
    params: list[object] = []
    if source:
        where.append("items.source = ?")
        params.append(_known_source(db, source))
    if content_type:
        clause, values = _type_clause(db, content_type)
        where.append(clause)
        params += values
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            clauses, bounds = _date_clauses(value, op)
            where += clauses
            params += bounds
    return where, params


def _known_source(db: Database, source: str) -> str:
    known = query_known_sources(db)
    for name in known:
        if name.casefold() == source.strip().casefold():
            return name
    raise QueryError(f"unknown source {source!r}: the archive has {_listed(known)}")


def _type_clause(db: Database, content_type: str) -> tuple[str, list[object]]:
    """The condition for ``--type``: the shared type (``news``, ``publication`` ...) or the
    partner's own label, case-insensitively. The ``+`` keeps SQLite walking the date index
    (types are few and common) rather than the type's index, which would sort every item
    of that type by date."""
    wanted = content_type.strip().casefold()
    labels = [label for label in _distinct_values(db, "content_type") if label.casefold() == wanted]
    shared = [kind for kind in TYPES if kind == wanted] if _has_shared_type(db) else []
    if not labels and not shared:
        known = query_known_types(db)
        raise QueryError(f"unknown type {content_type!r}: known types are {_listed(known)}")
    clauses, params = [], []
    if shared:
        clauses.append("+items.type = ?")
        params += shared
    if labels:
        clauses.append(f"+items.content_type IN ({', '.join('?' * len(labels))})")
        params += labels
    return f"({' OR '.join(clauses)})", params


def _listed(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "none yet"


def _date_clauses(value: str, op: str) -> tuple[list[str], list[str]]:
    """``published`` compared with ``value`` by ``op`` (">=" or "<="): a bare date compares
    the publisher's day (the date part of ``published``), with a looser bound on
    ``published_utc`` beside it so the date index can be used (a day's instants lie
    within 14 hours of it, either side); a date-time compares the instant."""
    value = value.strip()
    if _BARE_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"not a date: {value!r}") from None
        clauses, bounds = [f"substr(items.published, 1, 10) {op} ?"], [day.isoformat()]
        with contextlib.suppress(OverflowError):  # no looser bound past year 1 or 9999
            loose = day - timedelta(days=1) if op == ">=" else day + timedelta(days=2)
            clauses.append(f"items.published_utc {op[0]} ?")
            bounds.append(loose.isoformat())
        return clauses, bounds
    stamp = to_utc_iso(value)
    if stamp is None:
        raise QueryError(f"not a date: {value!r}")
    return [f"items.published_utc {op} ?"], [stamp]


_FEW_MATCHES_SQL = "SELECT rowid FROM {0} WHERE {0} MATCH ? LIMIT ?"
_CANDIDATE_BOUND_SQL = (
    "SELECT rowid FROM {0} WHERE {0} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
)
"""The rowid of the n-th most recently stored match (FTS5 walks its rowids backwards; no
ranking, no sort)."""
_ALL_ROWIDS = -(2**63)
_FTS_PROBE = "EXISTS (SELECT 1 FROM items_fts WHERE items_fts MATCH ? AND rowid = items.id)"
_ROWIDS = "items.id IN (SELECT value FROM json_each(?))"
_FTS_MATCHES = "+items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)"
"""Matches checked item by item while the date index is walked; the ``+`` keeps SQLite
from looking every match up by rowid and sorting them all."""


def _newest_sql(clauses: list[str]) -> str:
    """Items meeting ``clauses``, newest first, ``LIMIT ?`` (-1: no limit)."""
    where = "WHERE " + " AND ".join(clauses) if clauses else ""
    return f"SELECT items.*, NULL AS rank FROM items {where} {_NEWEST} LIMIT ?"  # noqa: S608


def _ranked_sql(where: list[str], index: str = "items_fts") -> str:
    """The best ``?`` FTS5 matches by rank in the full-text ``index`` (parameters: the
    filters', then the match, the lowest rowid and the window), each with ``keep``:
    whether it passes the filters.

    The ranking is ``bm25()`` ordered with a LIMIT inside the subquery: SQLite's sorter
    then keeps only the window's best rows (its plan says "USE TEMP B-TREE" inside
    ``hits``; no item is read for it). FTS5's own ``ORDER BY rank`` sorts every match
    in full and measured 1.4-1.8x slower on common words (``bench/search.py``)."""
    keep = " AND ".join(where) or "1"
    rank = RANK if index == "items_fts" else RECENT_RANK
    return (
        f"SELECT hits.rowid, hits.rank, {keep} AS keep FROM ("  # noqa: S608 fixed SQL
        f"SELECT rowid, {rank} AS rank FROM {index} WHERE {index} MATCH ? "
        "AND rowid >= ? ORDER BY rank LIMIT ?) AS hits CROSS JOIN items ON items.id = hits.rowid"
    )


def _ranked_matches(db: Database, search: _Search, limit: int | None) -> list[Row]:
    """Matching items by relevance, ties to the newest. The best ``window`` hits are
    ranked in the full-text index alone; the window grows (x8) while the filters leave
    fewer than ``limit``, or while the last result's rank ties with the window's last (a
    newer tie may follow). With a ``limit``, only the ``RANK_CANDIDATES`` most recently
    stored matches are ranked, more (x8) while the filters keep fewer than ``limit``."""
    candidates = RANK_CANDIDATES
    while True:
        lowest, sql = _ALL_ROWIDS, search.sql
        if limit is not None:
            lowest, sql = _candidates(db, search, candidates)
        kept = _ranked_window(db, search, sql, limit, lowest)
        if lowest == _ALL_ROWIDS or len(kept) >= limit:
            break
        candidates *= 8
    rows = select_rows(
        db,
        f"SELECT items.*, NULL AS rank FROM items WHERE {_ROWIDS}",  # noqa: S608
        [json.dumps(list(kept))],
    )
    for row in rows:
        row["rank"] = kept[row["id"]]
    rows.sort(key=lambda row: (row["published_utc"] or "", row["id"]), reverse=True)
    rows.sort(key=lambda row: row["rank"])
    return rows[:limit] if limit is not None else rows


def _candidates(db: Database, search: _Search, candidates: int) -> tuple[int, str]:
    """The rowid of the ``candidates``-th most recently stored match and the statement
    that ranks from it: in ``items_recent_fts`` when it holds that many matches (it holds
    every item past some rowid, so the bound is the same), else in ``items_fts``;
    ``_ALL_ROWIDS`` and ``items_fts``'s when there are fewer matches in all."""
    for index in ("items_recent_fts", "items_fts"):
        if index == "items_recent_fts" and not _has_recent_index(db):
            continue
        sql = _CANDIDATE_BOUND_SQL.format(index)
        bound = _fts_rows(db, sql, [search.match, candidates - 1])
        if bound:
            return bound[0][0], _ranked_sql(search.where, index)
    return _ALL_ROWIDS, search.sql


def _has_recent_index(db: Database) -> bool:
    """Whether the archive has ``items_recent_fts`` (migration 17; an older read-only file
    has not)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items_recent_fts'"
    return db.execute(sql).fetchone() is not None


def _ranked_window(
    db: Database, search: _Search, sql: str, limit: int | None, lowest: int
) -> dict[int, float]:
    """The rank of each match from rowid ``lowest`` up that passes the filters (ranked by
    ``sql``, a ``_ranked_sql``), as far as the best ``limit`` of them (ties included)
    need."""
    window = -1 if limit is None else limit + 1  # one more, to see whether a tie follows
    if limit is not None and search.where:
        window = max(limit * 8, FILTERED_WINDOW)
    while True:
        hits = _fts_rows(db, sql, [*search.params, lowest, window])
        kept = {rowid: rank for rowid, rank, keep in hits if keep}
        if limit is None or len(hits) < window:
            return kept
        if len(kept) >= limit and sorted(kept.values())[limit - 1] != hits[-1][1]:
            return kept
        window *= 8


def _fts_rows(db: Database, sql: str, params: list[object]) -> list[tuple]:
    """Rows of a statement with a MATCH; an FTS5 complaint becomes a QueryError."""
    with _fts_refusals():
        return db.execute(sql, params).fetchall()


@contextlib.contextmanager
def _fts_refusals() -> Iterator[None]:
    """An FTS5 complaint inside the block becomes a QueryError."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc):
            raise
        raise QueryError(f"the full-text index refused the query: {exc}") from None


def _story_members(db: Database, story_ids: list[object]) -> dict[object, list[Row]]:
    """The items of each story, oldest first."""
    rows = select_rows(
        db,
        "SELECT id, story_id, source, url, title, published FROM items WHERE story_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY published_utc, id",
        [json.dumps(story_ids)],
    )
    members: dict[object, list[Row]] = {}
    for row in rows:
        members.setdefault(row["story_id"], []).append(row)
    return members
