"""``partnerwire extract``: the page parsers on one saved page, and everything the archive
would store from it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from pipeline.cli.options import JSON_OPTION, SOURCES_OPTION, InputError, configured_sources
from pipeline.cli.output import print_json


def _read_page(file: Path) -> str:
    """A saved page's text, or a one-line error for what is not one. Reads at most the
    crawl's page size cap (DOWNLOAD_MAXSIZE) and one byte more, whatever the file is."""
    from spiders.settings import DOWNLOAD_MAXSIZE

    try:
        with file.open("rb") as stream:
            data = stream.read(DOWNLOAD_MAXSIZE + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {file}") from None
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None
    if len(data) > DOWNLOAD_MAXSIZE:
        raise InputError(
            f"{file} is larger than a page may be ({DOWNLOAD_MAXSIZE // 2**20} MB, "
            "the crawl's DOWNLOAD_MAXSIZE)"
        )
    if b"\x00" in data[:4096]:
        raise InputError(f"{file} is not a web page (it holds binary data)")
    return data.decode("utf-8", errors="replace")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The address the page was saved from.")
@click.option(
    "--classify",
    is_flag=True,
    help="Decide what the page is as the crawl would for a page nobody announced "
    "(kind and why), instead of reading it as an announced item.",
)
@SOURCES_OPTION
@JSON_OPTION
def extract(file: Path, url: str, classify: bool, sources_file: Path | None, as_json: bool) -> None:
    """Run the page parsers on one saved page and print what they find.

    The page is read as a feed or sitemap would announce it (an item whenever it has a
    title); --json prints every field the archive would store, after normalisation, and
    which layer gave each ("sources"). When URL is on a configured source's site, the page
    is normalised as that source's.
    """
    from pipeline.normalise import InvalidItem, normalise_for_source
    from spiders import pages

    html = _read_page(file)
    source = next((s for s in configured_sources(sources_file).values() if s.is_own_url(url)), None)
    own_page = source is not None and source.is_organisation_page(url)
    expect = "organisation" if own_page else None if classify else "item"
    page = pages.extract_page(html, url, source=source.id if source else "", expect=expect)
    result: dict[str, Any] = {"kind": page.kind, "platform": page.platform}
    if classify:
        result["reason"] = page.reason
    if page.item is not None:
        try:
            item = normalise_for_source(
                dataclasses.replace(page.item, source=page.item.source or "extract"), source
            )
        except InvalidItem as exc:
            result["error"] = str(exc)
            item = page.item
        result.update(
            {
                "title": item.title,
                "published": item.published,
                "updated": item.updated,
                "type": item.content_type,
                "url": item.canonical_url or item.url,
                "canonical_url": item.canonical_url,
                "summary": item.summary,
                "authors": item.authors,
                "tags": item.tags,
                "image": item.image,
                "language": item.language,
                "text": item.text,
                "content_html": item.content_html,
                "content_hash": item.content_hash,
                "sources": page.sources,
            }
        )
    profiles = []
    for profile in page.organisations:
        try:
            profiles.append(
                normalise_for_source(
                    dataclasses.replace(profile, source=profile.source or "extract"),
                    source,
                    organisation_page=own_page,
                )
            )
        except InvalidItem as exc:
            result.setdefault("error", str(exc))
    result["organisations"] = [_profile_summary(p) for p in profiles]
    if page.listing:
        result["listing"] = [asdict(entry) for entry in page.listing]
        result["next_page"] = page.next_page
    if as_json:
        print_json(result)
        return
    for key in ("kind", "reason", "platform", "title", "published", "type", "url", "summary"):
        if result.get(key):
            click.echo(f"{key}: {result[key]}")
    if result.get("text"):
        click.echo(f"text: {len(result['text'])} characters")
    if result.get("error"):
        click.echo(f"error: {result['error']}")
    for org in result["organisations"]:
        facts = ", ".join(f"{k}={v}" for k, v in org.items() if k not in {"name", "acronym"} and v)
        click.echo(f"organisation: {org['name']} ({org['acronym'] or '-'}) {facts}")
    for entry in result.get("listing", []):
        click.echo(
            f"listing: {entry['published'] or '-':<25} {entry['content_type'] or '-':<16} "
            f"{entry['title']}  {entry['url']}"
        )
    if result.get("next_page"):
        click.echo(f"next page: {result['next_page']}")


def _profile_summary(profile: Any) -> dict[str, Any]:
    return {
        "name": profile.name,
        "acronym": profile.acronym,
        "website": profile.website,
        "founded_year": profile.founded_year,
        "member_organisations": profile.member_organisations,
        "countries": profile.countries,
        "people_represented": profile.people_represented,
        "based_in": profile.based_in,
        "related_organisations": profile.related_organisations,
        "objectives": profile.objectives,
    }
