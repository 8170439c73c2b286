"""Reading the archive: organisations, sources, crawl runs and what the feeds publish
(``query_*``; searching items is ``search``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from pipeline.archive._db import ArchiveError, Row, select_rows
from pipeline.archive.profiles import (
    current_facts,
    fact_changes,
    fact_statements,
    identity,
    known_by_relations,
    matching_source,
    own_hosts,
    statement_order,
    winner,
)
from pipeline.archive.stories import STORY_COLUMNS, cluster_items
from spiders.pages.content_types import type_of_row
from spiders.pages.names import fold_name


def query_organisations(db: Database, name: str | None = None) -> list[Row]:
    """Organisations (all, or those whose acronym is ``name`` or whose name contains it;
    case and punctuation aside: ``fold_name``), each with ``observations``: how many
    observations it has."""
    rows = select_rows(
        db,
        "SELECT organisations.*, "
        "(SELECT count(*) FROM org_observations o WHERE o.organisation_id = organisations.id)"
        " AS observations FROM organisations"
        " ORDER BY coalesce(acronym, name) COLLATE NOCASE",
    )
    if not name or not name.strip():
        return rows
    wanted = fold_name(name)
    return [
        row
        for row in rows
        if fold_name(row["acronym"]) == wanted or wanted in fold_name(row["name"])
    ]


def query_relations(db: Database, names: Iterable[str | None] = ()) -> list[Row]:
    """Relations (all, or those whose subject or object is one of ``names``, spelling
    aside), oldest first; none in an archive older than the relations table."""
    if "relations" not in db.table_names():
        return []
    rows = select_rows(db, "SELECT * FROM relations ORDER BY seen_at, id")
    wanted = {fold_name(n) for n in names if n}
    if not wanted:
        return rows
    return [
        row
        for row in rows
        if wanted
        & {fold_name(row[k]) for k in ("subject", "subject_name", "object", "object_name")}
    ]


def query_profiles(
    db: Database, name: str | None = None, *, with_relations: bool = True
) -> list[Row]:
    """The current profile of each organisation ``query_organisations`` finds (module
    ``profiles``): id, name, acronym, website, names (every spelling published),
    own_hosts, first_seen, last_seen, description, facts (fact -> the winning statement
    and why it won), history (every statement of every fact, newest first) and
    (``with_relations``) relations, with the page that stated each. An organisation
    only relations name ("WHSA") gets a profile of its relations alone."""
    sources = query_feed_sources(db)
    profiles = []
    for org in query_organisations(db, name):
        observations = query_observations(db, org["id"])
        source = matching_source(org, sources)
        hosts = own_hosts(org, source, observations)
        who = identity(org, source, observations, hosts)
        history = fact_statements(observations, hosts)
        description = winner(fact_statements(observations, hosts, facts=("description",)))
        profiles.append(
            {
                "id": org["id"],
                **who,
                "own_hosts": hosts,
                "first_seen": org["first_seen"],
                "last_seen": org["last_seen"],
                "description": description["value"] if description else org["description"],
                "facts": current_facts(history),
                "history": history,
            }
        )
        if with_relations:
            profiles[-1]["relations"] = query_relations(db, [org["acronym"], *who["names"]])
    if name and not profiles and with_relations and (relations := query_relations(db, [name])):
        profiles.append(known_by_relations(name, relations))
    return profiles


def query_fact_changes(db: Database) -> list[Row]:
    """Every change of an organisation's winning fact value (``profiles.fact_changes``),
    newest first: organisation (its label), name, acronym, fact, old and new statements.
    None in a file with no organisations table."""
    if "org_observations" not in db.table_names():
        return []
    changes = []
    for profile in query_profiles(db, with_relations=False):
        label = profile["acronym"] or profile["name"]
        for change in fact_changes(profile["history"]):
            changes.append(
                {"organisation": label, "name": profile["name"], "acronym": profile["acronym"]}
                | change
            )
    return sorted(changes, key=lambda c: statement_order(c["new"]), reverse=True)


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


SOURCES_SQL = (
    "SELECT sources.*, coalesce((SELECT items FROM source_counts"
    " WHERE source_counts.source = sources.id), 0) AS items FROM sources ORDER BY id"
)
"""Each source with its item count, read from ``source_counts`` (migration 15, kept by
triggers when items are stored): one primary-key lookup per source, however many items."""
_SOURCES_COUNTED_SQL = (
    "SELECT sources.*, (SELECT count(*) FROM items WHERE items.source = sources.id)"
    " AS items FROM sources ORDER BY id"
)
"""The same, counted, for a read-only archive older than migration 15."""


def _has_source_counts(db: Database) -> bool:
    return db.table("source_counts").exists()


def query_sources(db: Database) -> list[Row]:
    """Each stored source with ``items`` (how many it has in the archive), ``last_run``
    (its latest crawl_runs row as a dict, or None if it was never crawled) and, for
    tables, that run's ``last_crawl`` (started), ``status`` and ``errors`` (None if never)."""
    sources = select_rows(db, SOURCES_SQL if _has_source_counts(db) else _SOURCES_COUNTED_SQL)
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
    "type",
    "authors",
    "tags",
    "summary",
    "content_html",
    "image",
    "language",
)
"""The items columns the feeds are built from."""


def query_feed_items(
    db: Database,
    *,
    limit: int | None = None,
    source: str | None = None,
    type: str | None = None,
    stories: bool = False,
) -> list[Row]:
    """The item rows a feed is built from (the ``FEED_COLUMNS`` the file has, JSON
    decoded), each with its ``story_id`` and shared ``type`` as the archive stored them.

    With ``limit``, only the newest ``limit`` dated rows (by ``published_utc``, through its
    indexes) and the newest ``limit`` undated ones, so a feed never loads the whole
    archive; ``source`` and ``type`` filter; ``stories`` adds every other member (that
    passes the same filters) of the stories those rows belong to (``story_id`` index), so
    a merged feed can name them and date the story by its first copy.
    Only an archive too old to have ``story_id`` or ``type`` gets them computed, for this
    read only: publishing never writes to the archive. ArchiveError if there is no
    ``items`` table."""
    if "items" not in db.table_names():
        raise ArchiveError("not a partnerwire archive (no items table)")
    columns = set(db["items"].columns_dict)
    if "type" not in columns or "story_id" not in columns:
        return _old_feed_items(db, columns, limit=limit, source=source, type=type)
    wanted = ", ".join(f"[{c}]" for c in FEED_COLUMNS if c in columns)
    select = f"SELECT {wanted} FROM items"  # noqa: S608 fixed names
    where, params = [], []
    for column, value in (("source", source), ("type", type)):
        if value is not None:
            where.append(f"[{column}] = ?")
            params.append(value)
    if limit is None:
        rows = select_rows(db, _where(select, where), params)
    else:
        rows = select_rows(
            db,
            _where(select, [*where, "published_utc IS NOT NULL"])
            + " ORDER BY published_utc DESC, id DESC LIMIT ?",
            [*params, limit],
        ) + select_rows(
            db,
            _where(select, [*where, "published_utc IS NULL"]) + " ORDER BY id DESC LIMIT ?",
            [*params, limit],
        )
    if stories and limit is not None:
        have = {row["id"] for row in rows}
        story_ids = sorted({row["story_id"] for row in rows if row.get("story_id")})
        for start in range(0, len(story_ids), 500):
            chunk = story_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            more = select_rows(
                db, _where(select, [*where, f"story_id IN ({marks})"]), [*params, *chunk]
            )
            rows += [row for row in more if row["id"] not in have]
    _fill_story_ids(rows, columns)
    return rows


def _where(select: str, clauses: list[str]) -> str:
    return select + (" WHERE " + " AND ".join(clauses) if clauses else "")


def _fill_story_ids(rows: list[Row], columns: set[str]) -> None:
    if "story_id" not in columns or any(not r.get("story_id") for r in rows):
        stories = cluster_items(rows)
        for row in rows:
            row["story_id"] = row.get("story_id") or stories[row["id"]]


def _old_feed_items(
    db: Database,
    columns: set[str],
    *,
    limit: int | None,
    source: str | None,
    type: str | None,
) -> list[Row]:
    """An archive from before ``items.type`` (or ``story_id``), read as it is: every row,
    typed and grouped here, then filtered and cut."""
    wanted = ", ".join(f"[{c}]" for c in FEED_COLUMNS if c in columns)
    rows = select_rows(db, f"SELECT {wanted} FROM items")  # noqa: S608 fixed names
    _fill_story_ids(rows, columns)
    for row in rows:
        row["type"] = row.get("type") or type_of_row(row)
    rows = [
        row
        for row in rows
        if (source is None or row["source"] == source) and (type is None or row["type"] == type)
    ]
    rows.sort(key=lambda r: (r.get("published_utc") is None, r.get("published_utc") or ""))
    if limit is not None:
        dated = [r for r in reversed(rows) if r.get("published_utc")][:limit]
        rows = dated + [r for r in rows if not r.get("published_utc")][:limit]
    return rows


def query_feed_types(db: Database) -> list[str]:
    """The shared types the archive's items have (``type`` index), sorted."""
    if "type" not in set(db["items"].columns_dict):
        return sorted({row["type"] for row in query_feed_items(db)})
    return [t for (t,) in db.execute("SELECT DISTINCT type FROM items ORDER BY type") if t]


def query_feed_source_ids(db: Database) -> list[str]:
    """The sources the archive's items come from (``source`` index), sorted."""
    return [s for (s,) in db.execute("SELECT DISTINCT source FROM items ORDER BY source") if s]


def query_feed_sources(db: Database) -> list[Row]:
    """Every stored source row (none if the file has no ``sources`` table)."""
    if "sources" not in db.table_names():
        return []
    return select_rows(db, "SELECT * FROM sources")


def query_newest_item_urls(db: Database, source: str) -> Iterator[str]:
    """The page and canonical URLs of ``source``'s archived items (those ``query_item_hashes``
    gives), newest first (by publication, else first seen), read as they are wanted: what
    a crawl that cannot open the archive is told it knows (``crawl --scrapyd``)."""
    rows = db.execute(
        "SELECT url, canonical_url FROM items WHERE source = ? AND content_hash IS NOT NULL "
        "ORDER BY COALESCE(published_utc, first_seen) DESC, id DESC",
        [source],
    )
    for row in rows:
        yield from dict.fromkeys(url for url in row if url)


def query_history_walked(db: Database, source: str) -> bool:
    """Whether a crawl of ``source`` ever ran to its end (``ok`` or ``partial``, not
    stopped early): until one has, every crawl of it is a first crawl, which walks the
    whole history (a first crawl killed half-way leaves items but no finished run)."""
    row = db.execute(
        "SELECT 1 FROM crawl_runs WHERE source = ? AND status IN ('ok', 'partial') "
        "AND json_extract(COALESCE(errors_by_kind, '{}'), '$.stopped_early') IS NULL LIMIT 1",
        [source],
    ).fetchone()
    return row is not None


def query_known_items(db: Database, source: str) -> dict[str, str]:
    """What a crawl of ``source`` may take as already archived ({URL: content hash}):
    ``query_item_hashes`` once its history was walked to the end, else nothing (so the
    crawl is a first crawl again)."""
    return query_item_hashes(db, source) if query_history_walked(db, source) else {}


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
