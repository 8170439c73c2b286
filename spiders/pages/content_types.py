"""One vocabulary of content types across partners (``items.type``).

Each partner labels its posts in its own words ("News & insights", "Statements",
"Publicaciones"); the archive keeps that label (``items.content_type``) and beside it one
shared type from ``TYPES``, which drives the type feeds and pages. The shared type is read
from the evidence in this order, and the first *specific* type (anything but ``news``)
wins; ``news`` is both what a generic label says and the fallback when nothing else does:

1. the partner's label (``content_type``), matched whole against ``LABELS``;
2. the page's JSON-LD ``@type`` (``SCHEMA_TYPES``; ``Article`` and ``WebPage`` say nothing);
3. the feed's or page's categories (``tags``), each matched like a label;
4. the URL path: a folder (``/publications/``, ``/events/``, ...) or the slug's wording
   (``PATHS``);
5. the title's wording, only for what titles announce plainly (``TITLES``: "Call for
   applications", "Press release", "Joint statement").

Pure data and two functions: no clock, no network, importing nothing of ours. The tables
are data, tried in order; patterns are case-insensitive and read accent-free text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

FALLBACK = "news"

TYPES: dict[str, str] = {
    "news": "News",
    "publication": "Publications",
    "report": "Reports",
    "journal-article": "Journal articles",
    "statement": "Statements",
    "press-release": "Press releases",
    "event": "Events",
    "call": "Calls for applications",
    "multimedia": "Videos and multimedia",
    "blog": "Blog posts",
}
"""Every shared type and its title in plain words (feeds, pages), in display order."""

LABELS: tuple[tuple[str, str], ...] = (
    (
        "press-release",
        r"press[ -]?releases?|media releases?|communiques? de presse"
        r"|comunicados? de prensa|notas? de prensa|pressemitteilung(en)?",
    ),
    (
        "statement",
        r"(joint |policy |public )?statements?|position (papers?|statements?)"
        r"|declarations?|comunicados?|posicionamientos?|prises? de position|stellungnahmen?",
    ),
    (
        "journal-article",
        r"(journal|scholarly|scientific|peer[- ]reviewed|research) articles?"
        r"|articles? scientifiques?|articulos? cientificos?|papers?",
    ),
    ("report", r"(annual |impact |event )?reports?|rapports?|informes?|berichte?"),
    (
        "publication",
        r"publications?|publicaciones?|publicacoes|publikationen?|policy briefs?"
        r"|briefs?|guides?|toolkits?|resources?|recursos?|ressources?",
    ),
    (
        "event",
        r"events?|evenements?|eventos?|veranstaltungen?|webinars?|conferences?"
        r"|meetings?|symposi(um|a)|workshops?|agenda",
    ),
    (
        "call",
        r"calls?( for (applications|proposals|abstracts|papers|nominations))?"
        r"|opportunit(y|ies)|vacanc(y|ies)|jobs?|careers?|convocatorias?"
        r"|appels? (a|de) (candidatures?|projets?|propositions?)",
    ),
    (
        "multimedia",
        r"multimedias?|videos?|podcasts?|photos?|(photo |media )?galler(y|ies)"
        r"|galerias?|webcasts?|infographics?",
    ),
    ("blog", r"blogs?( posts?)?|opinions?|op-eds?|commentar(y|ies)|columns?"),
    (
        "news",
        r"news( (&|and) (insights|updates|stories|events))?|latest( news)?|updates?"
        r"|announcements?|annonces?|anuncios?|actualites?|actualidad(es)?|noticias?|nouvelles"
        r"|novedades|noticias|nachrichten|aktuelles|stories|uncategori[sz]ed|general|sin categoria",
    ),
)
"""A whole label (or category) -> its type; the first pattern that matches all of it."""

SCHEMA_TYPES: dict[str, str] = {
    "NewsArticle": "news",
    "AnalysisNewsArticle": "news",
    "ReportageNewsArticle": "news",
    "BackgroundNewsArticle": "news",
    "ScholarlyArticle": "journal-article",
    "MedicalScholarlyArticle": "journal-article",
    "Report": "report",
    "Event": "event",
    "EducationEvent": "event",
    "BusinessEvent": "event",
    "SocialEvent": "event",
    "VideoObject": "multimedia",
    "AudioObject": "multimedia",
    "PodcastEpisode": "multimedia",
    "ImageGallery": "multimedia",
    "VideoGallery": "multimedia",
    "BlogPosting": "blog",
    "OpinionNewsArticle": "blog",
    "PressRelease": "press-release",
    "JobPosting": "call",
    "Grant": "call",
}
"""JSON-LD ``@type`` -> type. ``Article``, ``WebPage`` and the like are not evidence."""

PATHS: tuple[tuple[str, str], ...] = (
    (
        "press-release",
        r"/(press[-_]?releases?|media-releases?|communiques?(-de-presse)?"
        r"|comunicados?-de-prensa|notas-de-prensa|pressemitteilungen?)/",
    ),
    ("press-release", r"(^|[/-])press-release(-|/|$)"),
    ("statement", r"/(statements?|position-papers?|declarations?|posicionamientos?)/"),
    ("statement", r"(^|[/-])(joint-)?statement(-|/|$)"),
    ("journal-article", r"/(journal-articles?|scholarly-articles?|papers)/"),
    ("report", r"/(reports?|rapports?|informes?)/"),
    ("publication", r"/(publications?|publicaciones|publicacoes|research|resources)/"),
    ("event", r"/(events?|evenements?|eventos?|webinars?|agenda)/"),
    ("call", r"/(calls?|opportunities|vacancies|jobs|careers|convocatorias?)/"),
    (
        "call",
        r"(^|[/-])(call-for-(applications|proposals|abstracts|nominations)"
        r"|applications-(are-)?open|open-call)(-|/|$)",
    ),
    ("multimedia", r"/(videos?|multimedia|podcasts?|gallery|galleries)/"),
    ("blog", r"/(blogs?)/"),
    ("news", r"/(news|actualites|noticias|nouvelles|novedades|aktuelles|press)/"),
)
"""A URL path (with a trailing ``/`` added) -> its type; searched, first match wins."""

TITLES: tuple[tuple[str, str], ...] = (
    (
        "call",
        r"^(open )?call for (applications|proposals|abstracts|nominations)\b"
        r"|^applications (are )?open\b|^convocatoria\b|^appel a (candidatures|projets)\b",
    ),
    ("press-release", r"^press release\b|^comunicado de prensa\b|^communique de presse\b"),
    ("statement", r"\bjoint statement\b|^statement\b|^declaracion\b"),
)
"""A title's wording -> its type (only plain announcements); searched, first match wins."""

_LABELS = tuple((kind, re.compile(pattern)) for kind, pattern in LABELS)
_PATHS = tuple((kind, re.compile(pattern)) for kind, pattern in PATHS)
_TITLES = tuple((kind, re.compile(pattern)) for kind, pattern in TITLES)


def _plain(text: str) -> str:
    """Lower case, accents off, ``_``/runs of spaces as one space, ends trimmed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("_", " ").split())


def type_of_label(label: str | None) -> str | None:
    """The type a partner's label or category names (``"Publicaciones"`` ->
    ``"publication"``), or None when the label is not in ``LABELS``."""
    text = _plain(label or "").strip(" .:")
    return next((kind for kind, rx in _LABELS if rx.fullmatch(text)), None)


def type_of_schema(types: Iterable[str]) -> str | None:
    """The type of the first JSON-LD ``@type`` in ``SCHEMA_TYPES``, or None."""
    return next((SCHEMA_TYPES[t] for t in types if t in SCHEMA_TYPES), None)


def type_of_url(url: str | None) -> str | None:
    """The type a URL's path says (a folder such as ``/publications/``, or the slug's
    wording such as ``call-for-applications-...``), or None."""
    path = _plain(unquote(urlsplit(url or "").path)).replace(" ", "-")
    path = path if path.endswith("/") else path + "/"
    return next((kind for kind, rx in _PATHS if rx.search(path)), None)


def type_of_title(title: str | None) -> str | None:
    """The type a title announces plainly ("Call for applications: ..."), or None."""
    text = _plain(title or "")
    return next((kind for kind, rx in _TITLES if rx.search(text)), None)


def shared_type(
    label: str | None = None,
    *,
    schema_type: str | None = None,
    categories: Iterable[str] = (),
    url: str | None = None,
    title: str | None = None,
) -> str:
    """The shared type of one item from all its evidence (see the module doc): the first
    specific type in the order label, JSON-LD type (already one of ``TYPES``, as
    ``type_of_schema`` gives it), categories, URL, title; else ``news``."""
    candidates = (
        lambda: type_of_label(label),
        lambda: schema_type if schema_type in TYPES else None,
        *(lambda c=c: type_of_label(c) for c in categories),
        lambda: type_of_url(url),
        lambda: type_of_title(title),
    )
    for candidate in candidates:
        kind = candidate()
        if kind and kind != FALLBACK:
            return kind
    return FALLBACK


def type_of_row(row: Mapping[str, Any]) -> str:
    """The shared type of a stored item from what the archive keeps of it: its label
    (``content_type``), ``tags`` (a list, or JSON text), ``canonical_url`` and ``title``."""
    tags = row.get("tags") or []
    if isinstance(tags, str):
        try:
            tags = json.loads(tags)
        except ValueError:
            tags = []
    return shared_type(
        row.get("content_type"),
        categories=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        url=row.get("canonical_url") or row.get("url"),
        title=row.get("title"),
    )


def type_order(kind: str) -> tuple[int, str]:
    """Sort key: the order of ``TYPES`` (news first), unknown types after, by name."""
    order = list(TYPES)
    return (order.index(kind) if kind in TYPES else len(order), kind)


def type_title(kind: str) -> str:
    """A type's title in plain words ("Publications"); an unknown type as written."""
    return TYPES.get(kind, kind.replace("-", " ").capitalize())
