"""The commands that read the archive: ``search``, ``orgs`` and ``sources``."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import archive
from pipeline.archive.profiles import FACT_LABELS, fact_text
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
from spiders.pages.names import fold_name


@click.command()
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@ARCHIVE_OPTION
@click.option("--source", help="Only items from this source id, e.g. ifmsa.")
@click.option(
    "--type",
    "content_type",
    help='Only this type: a shared type ("publication", "call") or a partner\'s own label '
    '("News & insights").',
)
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
    "--history",
    is_flag=True,
    help="Also every statement of every fact: value, page, date, own or third party.",
)
@JSON_OPTION
def orgs(name: str | None, archive_path: Path, history: bool, as_json: bool) -> None:
    """Organisation profiles (those matching NAME or acronym, or all): the winning value
    of each fact and the page it came from, relations, and with --history every
    statement of every fact, newest first.

    A fact from the organisation's own site outranks a third party's statement of it,
    unless the third party's page is newer.
    """
    db = open_existing(archive_path)
    try:
        profiles = archive.query_profiles(db, name)
    finally:
        db.close()
    if name and not profiles:
        raise click.ClickException(f"no organisation matches {name!r}")
    if as_json:
        if not history:
            for profile in profiles:
                del profile["history"]
        print_json(profiles)
        return
    for profile in profiles:
        echo_profile(profile, history=history)


def echo_profile(profile: dict, *, history: bool) -> None:
    """One profile as text: identity, winning facts with their page, relations, and
    (``history``) every statement, per fact, newest first."""
    acronym = profile.get("acronym")
    click.echo(f"{profile['name']} ({acronym or '-'})  {profile.get('website') or ''}")
    others = [n for n in profile["names"][1:] if n != profile["name"]]
    if others:
        click.echo(f"  also written: {'; '.join(others)}")
    if profile["id"] is None:
        click.echo("  no page describes it; known from what pages say of its relations")
    click.echo(f"  own site: {', '.join(profile['own_hosts']) or 'unknown'}")
    for fact, best in profile["facts"].items():
        line = f"  {FACT_LABELS[fact]}: {fact_text(best)}"
        click.echo(f"{line}  [{best['why']}: {where(best)}]")
    for relation in relation_lines(profile):
        click.echo(f"  {relation}")
    if history:
        click.echo("  history (newest first):")
        for fact in FACT_LABELS:
            for statement in (s for s in profile["history"] if s["fact"] == fact):
                owner = "own" if statement["own"] else "third party"
                click.echo(
                    f"    {FACT_LABELS[fact]}: {fact_text(statement)}  {owner}, {where(statement)}"
                )
    click.echo()


def where(statement: dict) -> str:
    """The page and its date ("undated, seen <day>" for an undated page)."""
    if statement.get("observed"):
        return f"{statement['url']} ({statement['observed'][:10]})"
    return f"{statement['url']} (undated, seen {(statement.get('seen_at') or '')[:10]})"


RELATION_WORDS = {
    ("member_of", True): "member of",
    ("member_of", False): "has member",
    ("partner_of", True): "partner of",
    ("partner_of", False): "partner of",
}


def relation_lines(profile: dict) -> list[str]:
    """Each relation once, as seen from this organisation, with the first page that
    stated it and how many others did."""
    own_names = {fold_name(profile.get("acronym")), *(fold_name(n) for n in profile["names"])}
    own_names.discard("")
    grouped: dict[tuple[str, str], list[dict]] = {}
    for relation in profile["relations"]:
        forward = bool(
            {fold_name(relation["subject"]), fold_name(relation["subject_name"])} & own_names
        )
        other = "object" if forward else "subject"
        words = RELATION_WORDS.get((relation["relation"], forward), relation["relation"])
        grouped.setdefault((words, fold_name(relation[other])), []).append(
            {**relation, "other": relation[other], "other_name": relation[f"{other}_name"]}
        )
    lines = []
    for (words, _), stated in grouped.items():
        first = stated[0]
        name = next((r["other_name"] for r in stated if r["other_name"]), None)
        label = f"{first['other']} ({name})" if name and name != first["other"] else first["other"]
        more = len(stated) - 1
        others = f", and {more} other page{'s' if more > 1 else ''}" if more else ""
        lines.append(f"{words} {label}  [{where(first)}{others}]")
    return lines


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
