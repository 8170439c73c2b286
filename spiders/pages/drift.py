"""Configuration drift: where a configured page that is gone went, and the line that says so.

Pure, no network. The candidates come from ``discovery`` (the same questions ``partnerwire
add`` asks of a homepage); this module only picks among them for one configured field,
and, when the homepage does not link the page, picks the sitemap URL whose path looks
most like the old one (or, for an organisation page, like an about page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from . import discovery

# what each sources.toml field is called in a drift line
FIELD_NAMES = {
    "organisation_pages": "organisation page",
    "listing": "listing",
    "feed": "feed",
    "sitemap": "sitemap",
}
# slug words of an organisation's own page, in the partners' languages
ABOUT_WORDS = frozenset(
    {"about", "who", "mission", "acerca", "nosotros", "quienes", "propos", "qui", "somos"}
)
# words too common in paths to make two of them alike
COMMON_WORDS = frozenset({"the", "and", "of", "en", "es", "fr", "ar", "de", "page", "index"})
_WORD = re.compile(r"[a-z0-9]+")
SIMILAR = 0.5  # the share of words two paths must have in common to be alike


def drift_line(field_name: str, path: str, found: str | None, *, why: str = "is gone") -> str:
    """``organisation page /about-ifmsa/ is gone; found /about-us/`` (or ``no
    replacement found``): one plain line for crawl_runs, the summary and ``sources``."""
    what = FIELD_NAMES.get(field_name, field_name)
    return f"{what} {path} {why}; " + (f"found {found}" if found else "no replacement found")


def homepage_candidates(field_name: str, html: str, url: str) -> list[str]:
    """The homepage's candidates for a configured field, best first: its about links for
    an organisation page, its news listing links for a listing, its ``<link
    rel=alternate>`` feeds for a feed."""
    finders = {
        "organisation_pages": discovery.about_candidates,
        "listing": discovery.listing_candidates,
        "feed": discovery.feed_links,
    }
    finder = finders.get(field_name)
    if finder is None:
        return []
    ranked = sorted(finder(html, url), key=lambda c: -c.score)
    return [candidate.url for candidate in ranked]


def path_words(url: str) -> set[str]:
    """The words of a URL's path (``/news-insights`` -> {"news", "insights"})."""
    return set(_WORD.findall(urlsplit(url).path.lower())) - COMMON_WORDS


def similar_urls(field_name: str, old_url: str, urls: Iterable[str]) -> list[str]:
    """Sitemap URLs that may replace ``old_url``, best first: paths sharing at least half
    their words with the old one (Jaccard similarity; shallower paths win ties), and for an
    organisation page any about page, first. No deeper than one level below the old path."""
    old_words = path_words(old_url)
    old_depth = _depth(old_url)
    scored: list[tuple[float, int, int, str]] = []
    for url in dict.fromkeys(urls):
        words = path_words(url)
        if not words or _depth(url) > old_depth + 1:
            continue
        score = len(words & old_words) / len(words | old_words) if old_words else 0.0
        if field_name == "organisation_pages" and words & ABOUT_WORDS:
            score += 1.0
        if score >= SIMILAR:
            scored.append((-score, _depth(url), len(url), url))
    return [url for *_, url in sorted(scored)]


def _depth(url: str) -> int:
    return len([part for part in urlsplit(url).path.split("/") if part])
