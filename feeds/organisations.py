"""``organisations.atom``: one entry per change of an organisation's fact
("IFMSA member organisations: 124 → 133"), linking the page that stated the old value
and the one that states the new. Pure: changes (``pipeline.archive.query_fact_changes``
rows) in, Atom bytes out.

An entry's id is made from the organisation, the fact and both statements (value and
page), so it never changes between runs; its ``updated`` is when the new value was
observed (the page's date, or when an undated page was first seen); the feed's is its
newest entry's, so an unchanged archive gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any

from feeds.build import EPOCH, FeedMeta, _generator
from feeds.entries import TAG_AUTHORITY, plain_text, safe_url, slugify
from pipeline.archive.profiles import FACT_LABELS, as_of, fact_text
from spiders.pages.dates import aware_datetime

SLUG = "organisations"
TITLE = "organisation facts"


def organisations_meta(
    base_url: str, hub: str | None = None, title: str = "partnerwire"
) -> FeedMeta:
    """What ``organisations.atom`` says about itself."""
    return FeedMeta(
        SLUG,
        f"{title}: {TITLE}",
        "Each change of a partner organisation's facts (members, countries, people, "
        "founding year, where it is based), with the pages before and after.",
        base_url,
        hub=hub,
        formats=("atom",),
    )


def change_id(change: Mapping[str, Any]) -> str:
    """A stable id for one change of one fact of one organisation."""
    old, new = change["old"], change["new"]
    parts = [change["organisation"], change["fact"], old["url"], old["value"], new["url"]]
    digest = hashlib.sha256(repr([*parts, new["value"]]).encode("utf-8")).hexdigest()[:20]
    return f"{TAG_AUTHORITY}org-fact:{slugify(change['organisation'])}:{change['fact']}:{digest}"


def change_title(change: Mapping[str, Any]) -> str:
    label = FACT_LABELS[change["fact"]]
    old, new = fact_text(change["old"]), fact_text(change["new"])
    return plain_text(f"{change['organisation']} {label}: {old} → {new}")


def _statement_html(statement: Mapping[str, Any]) -> str:
    url = safe_url(statement["url"]) or ""
    owner = "its own page" if statement["own"] else "a third party's page"
    day = as_of(statement)[:10]
    when = f"dated {day}" if statement.get("observed") else f"undated, first seen {day}"
    return f'{owner} <a href="{html.escape(url)}">{html.escape(url)}</a> ({when})'


def change_html(change: Mapping[str, Any]) -> str:
    esc = html.escape
    old, new = change["old"], change["new"]
    label = FACT_LABELS[change["fact"]]
    return (
        f"<p>{esc(change['name'] or change['organisation'])}: {esc(label)} "
        f"<strong>{esc(fact_text(new, width=None))}</strong>, stated on {_statement_html(new)}."
        f"</p><p>Before: {esc(fact_text(old, width=None))}, stated on "
        f"{_statement_html(old)}.</p><p>Why this value: {esc(new.get('why') or '')}.</p>"
    )


def build_organisations_atom(changes: Sequence[Mapping[str, Any]], meta: FeedMeta) -> bytes:
    """Atom 1.0 with one entry per change, in the given order (newest first)."""
    dated = [(change, aware_datetime(as_of(change["new"])) or EPOCH) for change in changes]
    fg = _generator([], meta, "atom")
    fg.updated(max((when for _, when in dated), default=EPOCH))
    for change, when in dated:
        fe = fg.add_entry(order="append")
        fe.id(change_id(change))
        fe.title(change_title(change))
        new_url = safe_url(change["new"]["url"])
        old_url = safe_url(change["old"]["url"])
        if new_url:
            fe.link(href=new_url, rel="alternate", type="text/html")
        if old_url and old_url != new_url:
            fe.links.links.append(
                {"href": old_url, "rel": "related", "type": "text/html", "title": "before"}
            )
        fe.published(when)
        fe.updated(when)
        fe.author({"name": plain_text(change["name"] or change["organisation"])})
        fe.category(term=change["fact"], label=FACT_LABELS[change["fact"]])
        fe.content(change_html(change), type="html")
    return fg.atom_str(pretty=True)
