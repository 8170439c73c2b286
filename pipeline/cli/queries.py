"""The commands that read the archive: ``search``, ``orgs`` and ``sources``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline import archive
from pipeline.cli.options import (
    ARCHIVE_OPTION,
    JSON_OPTION,
    SOURCES_OPTION,
    check_date,
    configured_sources,
    open_existing,
)
from pipeline.cli.output import print_json, print_table


@click.command()
@click.argument("query", required=False)
@ARCHIVE_OPTION
@click.option("--source", help="Only items from this source id.")
@click.option(
    "--type",
    "content_type",
    help='Only this type: a shared type ("publication", "call") or a partner\'s own label '
    '("News & insights").',
)
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@JSON_OPTION
def search(
    query: str | None,
    archive_path: Path,
    source: str | None,
    content_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of the archive (title, summary, text), newest first.

    With no QUERY, lists the newest items that match the filters.
    """
    since_day, until_day = check_date(since, "--since"), check_date(until, "--until")
    db = open_existing(archive_path)
    try:
        rows = archive.query_items(
            db,
            query,
            source=source,
            content_type=content_type,
            since=since_day,
            until=until_day,
            limit=limit,
        )
    finally:
        db.close()
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["date"] = (row.get("published") or "")[:10]
    print_table(
        rows,
        [
            ("date", "published", 10),
            ("source", "source", 8),
            ("type", "type", 15),
            ("content_type", "label", 16),
            ("title", "title", 70),
            ("canonical_url", "url", 90),
        ],
    )


@click.command()
@click.argument("name", required=False)
@ARCHIVE_OPTION
@click.option(
    "--history", is_flag=True, help="Show every observation of each profile, oldest first."
)
@JSON_OPTION
def orgs(name: str | None, archive_path: Path, history: bool, as_json: bool) -> None:
    """Organisation profiles (optionally those matching NAME or acronym) and their facts."""
    db = open_existing(archive_path)
    try:
        organisations = archive.query_organisations(db, name)
        if name and not organisations:
            raise click.ClickException(f"no organisation matches {name!r}")
        for org in organisations:
            org["observations"] = archive.query_observations(db, org["id"])
    finally:
        db.close()
    if as_json:
        if not history:
            for org in organisations:
                org["observations"] = org["observations"][-1:]
        print_json(organisations)
        return
    for org in organisations:
        click.echo(f"{org['name']} ({org.get('acronym') or '-'})  {org.get('website') or ''}")
        observations = org["observations"] if history else org["observations"][-1:]
        for obs in observations:
            if obs.get("observed"):
                when = f"page dated {obs['observed'][:10]}"
            else:
                when = f"undated page, seen {(obs.get('seen_at') or '')[:10]}"
            click.echo(f"  {obs['url']}  ({when})")
            if obs.get("founded_year") is not None:
                click.echo(f"    founded: {obs['founded_year']}")
            for fact in ("member_organisations", "countries", "people_represented"):
                if obs.get(fact) is not None:
                    label = fact.replace("_", " ")
                    click.echo(f"    {label}: {_qualifier(obs, fact)}{obs[fact]:,}")
            for key in ("based_in", "related_organisations"):
                values = obs.get(key)
                values = json.loads(values) if isinstance(values, str) else values
                if values:
                    click.echo(f"    {key.replace('_', ' ')}: {', '.join(values)}")
        click.echo()


def _qualifier(obs: dict, fact: str) -> str:
    facts = obs.get("facts")
    facts = json.loads(facts) if isinstance(facts, str) else (facts or {})
    qualifier = (facts.get(fact) or {}).get("qualifier")
    return f"{qualifier} " if qualifier else ""


@click.command(name="sources")
@ARCHIVE_OPTION
@SOURCES_OPTION
@JSON_OPTION
def sources_command(archive_path: Path, sources_file: Path | None, as_json: bool) -> None:
    """The configured sources and the health of their last crawl.

    Under the table, each source whose last crawl found its configuration drifted (a
    configured page gone, and what replaced it) gets its drift lines and the command that
    rewrites its entry.
    """
    configured = configured_sources(sources_file)
    health: dict[str, dict] = {}
    if archive_path.exists():
        db = open_existing(archive_path)
        try:
            health = {row["id"]: row for row in archive.query_sources(db)}
        finally:
            db.close()
    rows = []
    for source in configured.values():
        last = health.get(source.id, {})
        last_run = last.get("last_run") or {}
        rows.append(
            {
                "id": source.id,
                "name": source.name,
                "platform": source.platform,
                "homepage": source.homepage,
                "collect": list(source.collect),
                "last_crawl": last.get("last_crawl"),
                "status": last.get("status"),
                "items": last.get("items"),
                "errors": last.get("errors"),
                "crawled_as": last_run.get("platform"),
                "drift": last_run.get("drift") or [],
            }
        )
    if as_json:
        print_json(rows)
        return
    drifted = [(row["id"], row["homepage"], row["drift"]) for row in rows if row["drift"]]
    for row in rows:
        row["collect"] = ", ".join(row["collect"])
        row["last_crawl"] = (row["last_crawl"] or "never")[:19]
        if row["crawled_as"] and row["crawled_as"] != row["platform"]:
            row["platform"] = f"{row['platform']}: {row['crawled_as']}"  # auto: wordpress
        row["drift"] = len(row["drift"]) or ""
    print_table(
        rows,
        [
            ("id", "id", 8),
            ("platform", "platform", 18),
            ("homepage", "homepage", 30),
            ("collect", "collect", 24),
            ("last_crawl", "last crawl", 19),
            ("status", "status", 8),
            ("items", "items", 6),
            ("errors", "errors", 6),
            ("drift", "drift", 5),
        ],
    )
    for source_id, homepage, lines in drifted:
        click.echo(f"{source_id}: the configuration has drifted (last crawl):")
        for line in lines:
            click.echo(f"  config_drift: {line}")
        click.echo(f"  rewrite the entry: partnerwire add {homepage} --update {source_id}")
