"""The two things partnerwire collects. Plain dataclasses: Scrapy reads them through
ItemAdapter, the archive stores them column for column (same names everywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NewsItem:
    """One news entry (article, publication, post) as found on a partner's site.

    Parsers fill what the page says; ``pipeline.normalise`` cleans it and fills
    ``canonical_url``, ``text``, ``language`` and ``content_hash``.
    Dates are ISO 8601 strings; after normalisation they keep the publisher's offset
    (``2020-04-07T17:10:46-07:00``) or stay a date (``2026-01-22``).
    """

    source: str
    url: str
    title: str
    canonical_url: str | None = None
    published: str | None = None
    updated: str | None = None
    content_type: str | None = None
    type: str | None = None
    """The shared content type (``spiders.pages.content_types.TYPES``): a page sets it from
    its JSON-LD ``@type``; ``pipeline.normalise`` decides it from all the evidence."""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    content_html: str | None = None
    text: str | None = None
    image: str | None = None
    language: str | None = None
    content_hash: str | None = None


@dataclass
class OrganisationProfile:
    """One observation of an organisation's description: its own "about" page, or an
    "About X" paragraph inside someone's press release.

    Parsers fill name/acronym/website/description and where and when it was seen;
    ``pipeline.facts`` pulls the facts out of ``description`` during normalisation.
    """

    name: str
    description: str
    source: str
    url: str
    acronym: str | None = None
    website: str | None = None
    observed: str | None = None  # date of the page the description came from
    kind: str = "organisation_page"  # or "press_release"
    founded_year: int | None = None
    member_organisations: int | None = None
    countries: int | None = None
    people_represented: int | None = None
    based_in: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    related_organisations: list[str] = field(default_factory=list)
    facts: dict[str, dict] = field(default_factory=dict)  # name -> {value, qualifier, text}


@dataclass
class SeenItem:
    """An archived news item whose page answered 304 "not modified": nothing to read or
    store again, only that it was seen (``items.last_seen``). ``url`` is the page's
    address as the archive keys it (``urls.canonical_url``)."""

    source: str
    url: str


@dataclass
class CrawlRecord:
    """What one crawl of one source did, as the crawl saw it: the last line of a job's
    JSON-lines output (``spiders.job_output``), from which ``partnerwire ingest`` writes
    the run's ``crawl_runs`` row exactly as a local crawl does. What the archive did with
    the items (new, updated, unchanged) is counted where they are stored, not here."""

    run_id: str
    source: str
    started: str
    finished: str
    duration_seconds: float
    pages: int = 0
    pages_not_modified: int = 0
    item_pages: int = 0  # announced item pages fetched: each should give an item
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    error_messages: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    platform: str | None = None
    drift: list[str] = field(default_factory=list)
    # error kinds that do not make the run partial (``SourceSpider.errors_not_failing``)
    errors_not_failing: list[str] = field(default_factory=list)
    finish_reason: str | None = None  # Scrapy's reason for closing ("finished" when done)
