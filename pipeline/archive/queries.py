"""Reading the archive: organisations, sources, crawl runs and what the feeds publish
(``query_*``; searching items is ``search``)."""

from __future__ import annotations

from sqlite_utils import Database

from pipeline.archive._db import ArchiveError, Row, select_rows
from pipeline.archive.stories import STORY_COLUMNS, cluster_items


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
