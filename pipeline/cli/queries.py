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
    InputError,
    check_date,
    configured_sources,
    open_existing,
)
from pipeline.cli.output import print_csv, print_json, print_search_results, print_table


@click.command()
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@ARCHIVE_OPTION
@click.option("--source", help="Only items from this source id, e.g. ifmsa.")
@click.option("--type", "content_type", help='Only this content type, e.g. "Publication".')
@click.option("--since", help="Published on or after this date (YYYY-MM-DD) or instant.")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD) or instant.")
@click.option(
    "--sort",
    type=click.Choice(archive.SEARCH_SORTS),
    default=None,
    help="relevance (the default with a QUERY; ties go to the newest) or newest.",
)
@click.option(
    "--group-stories",
    is_flag=True,
    help="Show each story once, naming every source that carried it.",
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@JSON_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (a header, then the rows).")
def search(
    words: tuple[str, ...],
    archive_path: Path,
    source: str | None,
    content_type: str | None,
    since: str | None,
    until: str | None,
    sort: str | None,
    group_stories: bool,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Full-text search of the archive (title, summary, text), best matches first.

    QUERY uses SQLite FTS5 syntax: words (all required), "quoted phrases", OR, NOT
    (or -word), AND, parentheses, a trailing * for a prefix, and title:, summary:,
    text: (or body:) before a word, phrase or group. It may be one argument or
    several (joined by spaces; quote a phrase inside one argument: '"digital health"').
    With no QUERY, lists the newest items that match the filters.
    """
    query = " ".join(words)
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    since_day, until_day = check_date(since, "--since"), check_date(until, "--until")
    db = open_existing(archive_path)
    try:
        find = archive.query_stories if group_stories else archive.query_items
        rows = find(
            db,
            query,
            source=source,
            content_type=content_type,
            since=since_day,
            until=until_day,
            sort=sort,
            limit=limit,
        )
    except archive.QueryError as exc:
        raise InputError(str(exc)) from None
    finally:
        db.close()
    if as_json:
        print_json(rows)
    elif as_csv:
        print_csv(rows, default_columns=("id", *archive.ITEM_FIELDS, "rank"))
    else:
        print_search_results(rows, stories=group_stories)


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
    """The configured sources and the health of their last crawl."""
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
            }
        )
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["collect"] = ", ".join(row["collect"])
        row["last_crawl"] = (row["last_crawl"] or "never")[:19]
    print_table(
        rows,
        [
            ("id", "id", 8),
            ("platform", "platform", 9),
            ("homepage", "homepage", 30),
            ("collect", "collect", 24),
            ("last_crawl", "last crawl", 19),
            ("status", "status", 8),
            ("items", "items", 6),
            ("errors", "errors", 6),
        ],
    )
