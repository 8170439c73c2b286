"""Normalisation: turn what a parser found into what the archive stores.

Pure functions (no clock, no network, no database). The rules, in short:

- **Canonical URL** (``canonical_url``): scheme and host lower-cased, default port,
  fragment and tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``...) dropped,
  the rest of the query kept byte for byte in its order. *Trailing slash rule*: the path is
  kept exactly as the site gives it (WordPress ``/<slug>/`` keeps its slash, Drupal
  ``/news/x`` stays without one), except that an empty path becomes ``/`` and a final
  ``index.html``/``index.htm`` segment is dropped (``/a/index.html`` -> ``/a/``). Sites
  publish one form in their canonical links, so both stay stable. With ``canonical_host``
  (e.g. "www.dthlab.org"), same-site URLs (``dthlab.org``, ``http://``...) are rewritten to
  ``https://<canonical_host>``. *Cards*: an item that names itself, fragment included,
  as its own canonical URL (a JavaScript application's news card with no route of its
  own, ``https://www.iads-web.org/#<slug>``, see ``spiders.pages.app``) keeps the
  fragment: it is the card's only address.
- **Dates keep the publisher's day** (``normalise_date``): ISO 8601 with the publisher's
  own offset (``2020-04-07T17:10:46-07:00`` is April 7, as the partner meant), a date
  without a time of day stays a date (``2026-01-22``), a naive time is taken as UTC (the
  only guess). ``to_utc_iso`` gives the UTC sort key stored beside it
  (``items.published_utc``). Both read dates with the page parsers' own
  ``spiders.pages.dates.parse_date``; anything unreadable becomes None (never a guess,
  never "now"). Organisation observations' page dates follow the same rule; our own
  clock (first/last seen, versions, crawl runs) stays UTC.
- **Content hash** (``content_hash``): sha256 over title, text (whitespace collapsed) and
  published date. A reader would call a change of any of those "the content changed"; a new
  tracking parameter, another URL form, re-ordered tags, a new image or a different
  ``updated`` stamp (WordPress bumps it on every save) are not.
- **Shared type** (``type``): one of ``spiders.pages.content_types.TYPES``, decided from
  the partner's label, the page's JSON-LD type (what the parser put in ``type``), the
  categories, the canonical URL and the title; the label itself stays in ``content_type``.
- **Text** from the parsers is plain text and stays so: entities and tag-like words in a
  title, a name or a description are left as written ("the <br> tag", "AT&amp;T"). Text
  keeps paragraph breaks as a blank line (``\\n\\n``) and line breaks inside a
  paragraph (``<br>``, lines of a plain-text description) as ``\\n``; other runs of
  whitespace become one space. Quotes, dashes and spelling are left as the site wrote them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from pipeline import facts as facts_module
from spiders.items import NewsItem, OrganisationProfile
from spiders.pages.content_types import shared_type
from spiders.pages.dates import normalise_date
from spiders.pages.hashes import content_hash
from spiders.pages.text import (
    MAX_TITLE,
    clean_line,
    clean_paragraphs,
    html_to_text,
    remove_control_chars,
    sanitise_html,
    truncate,
)
from spiders.pages.urls import DEFAULT_PORTS, absolute_url, canonical_url, same_site

if TYPE_CHECKING:
    from spiders.sources import Source

SUMMARY_LENGTH = 300
MIN_DETECT_CHARS = 200


class InvalidItem(ValueError):
    """An item or profile that cannot be archived; the message says why in plain words."""


# --- hashes and language --------------------------------------------------------------------


def primary_language(tag: str | None) -> str | None:
    """ "en-GB" / "EN_us" / "es" -> "en" / "en" / "es"; None if not a language tag."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def detect_language(text: str | None, default: str | None) -> str | None:
    """The language of ``text`` (primary subtag) by langdetect with a fixed seed, only when
    there is enough text (200+ characters) and the guess is confident; else ``default``."""
    if not text or len(text.strip()) < MIN_DETECT_CHARS:
        return default
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        guesses = detect_langs(text[:5000])
    except LangDetectException:
        return default
    if not guesses or guesses[0].prob < 0.8:
        return default
    return primary_language(guesses[0].lang) or default


# --- items and profiles ---------------------------------------------------------------------


def _dedupe(values: list[str] | None, *, drop: re.Pattern[str] | None = None) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values or []:
        text = clean_line(value)
        if not text or (drop and drop.match(text)):
            continue
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


_NO_AUTHOR = re.compile(r"^(by\s*)?[-–—]*$", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)


def _summary_from(text: str) -> str | None:
    if not text:
        return None
    first = " ".join(text.split())
    return truncate(first, SUMMARY_LENGTH)


def normalise_item(
    item: NewsItem,
    *,
    canonical_host: str | None = None,
    default_language: str | None = None,
) -> NewsItem:
    """A cleaned copy of ``item`` ready for the archive (rules in the module doc). Raises
    InvalidItem when it has no usable url, title or source."""
    url = remove_control_chars(item.url or "").strip()
    if not url:
        raise InvalidItem("no url")
    if absolute_url(url, url) is None or not urlsplit(url).hostname:
        raise InvalidItem(f"url is not a web address: {url[:200]!r}")
    title = truncate(clean_line(item.title), MAX_TITLE)
    if not title:
        raise InvalidItem("no title")
    source = clean_line(item.source)
    if not source:
        raise InvalidItem("no source")

    canonical = canonical_url(url, canonical_host)
    if item.canonical_url:
        declared = absolute_url(item.canonical_url, url) or url
        if same_site(declared, url) or (canonical_host and same_site(declared, canonical_host)):
            canonical = canonical_url(declared, canonical_host)
    fragment = urlsplit(url).fragment
    if fragment and item.canonical_url == url:  # a card on a page: its fragment is its address
        canonical = f"{canonical}#{fragment}"

    content_html = sanitise_html(item.content_html, url) or None
    summary_text = html_to_text(item.summary) if item.summary else ""
    text = html_to_text(content_html) or clean_paragraphs(item.text) or summary_text or None
    summary = truncate(" ".join(summary_text.split()), 1000) if summary_text else None
    summary = summary or _summary_from(text or "")
    language = primary_language(item.language) or detect_language(
        text, primary_language(default_language)
    )
    content_type = clean_line(item.content_type) or None
    tags = _dedupe(item.tags)
    cleaned = NewsItem(
        source=source,
        url=url,
        title=title,
        canonical_url=canonical,
        published=normalise_date(item.published),
        updated=normalise_date(item.updated),
        content_type=content_type,
        type=shared_type(
            content_type, schema_type=item.type, categories=tags, url=canonical, title=title
        ),
        authors=[_BY.sub("", a) for a in _dedupe(item.authors, drop=_NO_AUTHOR)],
        tags=tags,
        summary=summary,
        content_html=content_html,
        text=text,
        image=absolute_url(item.image, url),
        language=language,
    )
    cleaned.content_hash = content_hash(cleaned)
    return cleaned


def _website(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        url = canonical_url(value.strip())
        parts = urlsplit(url)
    except ValueError:  # "http://[::1/evil" is no website
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return urlunsplit(("https", parts.netloc, parts.path, parts.query, ""))


def normalise_profile(p: OrganisationProfile) -> OrganisationProfile:
    """A cleaned copy of an organisation profile with its facts filled from the
    description (``pipeline.facts``). Facts the description does not state keep the
    parser's values. Raises InvalidItem without a name or description."""
    name = clean_line(p.name)
    if not name:
        raise InvalidItem("organisation has no name")
    description = clean_paragraphs(p.description)
    if not description:
        raise InvalidItem(f"organisation {name!r} has no description")
    acronym = clean_line(p.acronym).strip("()[] ") or None
    found = facts_module.extract_facts(description)
    return OrganisationProfile(
        name=name,
        description=description,
        source=clean_line(p.source),
        url=remove_control_chars(p.url or "").strip(),
        acronym=acronym,
        website=_website(p.website),
        observed=normalise_date(p.observed),
        kind=clean_line(p.kind) or "organisation_page",
        founded_year=found["founded_year"] or p.founded_year,
        member_organisations=found["member_organisations"] or p.member_organisations,
        countries=found["countries"] or p.countries,
        people_represented=found["people_represented"] or p.people_represented,
        based_in=found["based_in"] or list(p.based_in or []),
        objectives=found["objectives"] or list(p.objectives or []),
        related_organisations=[
            other
            for other in found["related_organisations"] or list(p.related_organisations or [])
            if other not in {acronym, name}  # an alliance's members name the organisation too
        ],
        facts={**(p.facts or {}), **found["facts"]},
    )


def normalise_for_source(
    obj: NewsItem | OrganisationProfile,
    source: Source | None,
    *,
    organisation_page: bool = False,
) -> NewsItem | OrganisationProfile:
    """``obj`` normalised as ``source`` (a ``spiders.sources.Source``, or None when the
    page is on no configured site) wants it: an item's same-site URLs are rewritten to the
    homepage's host and its language defaults to the source's; a profile read from one of
    the source's own organisation pages (``organisation_page``) describes the source,
    so when its acronym is not the source's ("FAQ", "About us") it is filed under the
    source's name and acronym. Raises InvalidItem as ``normalise_item``/``_profile`` do."""
    if isinstance(obj, OrganisationProfile):
        own = source.acronym if source else None
        found = clean_line(obj.acronym).strip("()[] ")
        if organisation_page and own and found.casefold() != own.casefold():
            obj = dataclasses.replace(obj, name=source.name, acronym=own)
        return normalise_profile(obj)
    return normalise_item(
        obj,
        canonical_host=urlsplit(source.homepage).netloc if source else None,
        default_language=source.language if source else None,
    )
