"""JavaScript applications (a React/Vue/Next/Nuxt single-page app): the HTML is an empty
shell and the content is data the script loads. Read that data instead of rendering:

- ``is_app_shell``: the page shows next to no text and mounts an app (``#root``, ``#app``,
  ``#__next`` ...) or is all scripts;
- ``embedded_state``: JSON embedded in the page (``window.__INITIAL_STATE__ = {...}``,
  ``<script type="application/json" id="__NEXT_DATA__">``, ``__NUXT__``, Apollo ...);
- ``script_urls`` / ``data_urls_in_script``: the bundles the page loads, and the JSON/API
  URLs a bundle names (``fetch("/api/news.json")``, ``"/api/..."`` string literals);
- ``read_news``: news cards from any such JSON, generic over key names (title/headline/name,
  date/published/publishedAt, summary/excerpt/description, body/content, url/link/path,
  slug ...);
- ``read_profile``: the organisation's own description from such JSON;
- ``read_cards``: the same news cards from the page once a browser has rendered it.

An item's URL is the card's own route (a link on the site, to a path no other card links
to); a card without one is addressed by the page it is shown on and its slug
(``https://www.iads-web.org/#world-oral-health-day-2025``): stable between runs, and
the same whether read from JSON or from the rendered page (``card_url``).

Numeric dates follow the source's order (``day_first``): ``1/5/2023`` is 1 May 2023
when day first. Pure: text in, items out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from lxml.html import HtmlElement

from spiders.items import NewsItem, OrganisationProfile

from .byline import is_label
from .dates import find_date, parse_date
from .document import HtmlDocument
from .dom import absolute, parse_html, select, strip_chrome, text_of
from .listing import TITLE_CLASS
from .organisations import read_organisation_page
from .urls import same_site

# where an application mounts itself in its shell
MOUNTS = (
    "#root, #app, #__next, #__nuxt, #___gatsby, #svelte, #main-app, #react-root, "
    "[data-reactroot], app-root, [ng-version]"
)
SHELL_TEXT = 200  # a shell shows fewer visible characters than this (a "noscript" line)
STATE_VARIABLES = re.compile(
    r"(?:window\.|self\.|globalThis\.)?"
    r"(__[A-Z][A-Z0-9_]*__|__NUXT__|__APOLLO_STATE__|__data)\s*=\s*",
)
# string literals in a bundle that name data: "/api/...", "...json", fetch("...")
DATA_LITERAL = re.compile(r"""["'`]((?:https?://[^"'`\s]+|/|\./)[^"'`\s<>]*)["'`]""")
DATA_PATH = re.compile(r"(^|/)(api|data|wp-json|graphql)(/|$)|\.json($|\?)", re.I)

TITLE_KEYS = ("title", "headline", "name", "heading", "label")
DATE_KEYS = (
    "date",
    "published",
    "publishedat",
    "datepublished",
    "publishdate",
    "publicationdate",
    "pubdate",
    "created",
    "createdat",
    "postedat",
    "posted",
    "time",
)
SUMMARY_KEYS = ("summary", "excerpt", "description", "teaser", "lead", "intro", "abstract")
BODY_KEYS = ("body", "content", "text", "html", "bodyhtml", "contenthtml", "about")
URL_KEYS = ("url", "link", "href", "path", "route", "permalink", "to")
SLUG_KEYS = ("slug", "anchor")
IMAGE_KEYS = ("image", "imageurl", "thumbnail", "cover", "picture", "img")
TYPE_KEYS = ("category", "type", "kind", "section")
AUTHOR_KEYS = ("author", "authors", "byline")
WRAPPER_KEYS = ("attributes", "fields", "node", "data", "frontmatter")
NESTED_TEXT_KEYS = ("rendered", "text", "value", "name", "url", "src", "href", "title")


# -- the page: a shell? ------------------------------------------------------------------


def is_app_shell(html: str | HtmlElement) -> bool:
    """Whether the page is a JavaScript application's shell, which a script builds: a
    script (a bundle, a module or embedded state; JSON-LD is none) and hardly any visible
    text, or an empty mount point (``<div id="root">``, ``#app``, ``#__next`` ...) with
    little text around it. A server-rendered Next.js page is none; an empty root that no
    script would ever fill is none either."""
    root = html if isinstance(html, HtmlElement) else parse_html(html)
    body = root.find(".//body")
    if body is None or not root.xpath("//script[not(contains(@type, 'ld+json'))]"):
        return False
    text = len(text_of(body))
    empty_mounts = [m for m in select(root, MOUNTS) if len(text_of(m)) < SHELL_TEXT]
    return text < SHELL_TEXT or (bool(empty_mounts) and text < SHELL_TEXT * 2)


def script_urls(html: str, page_url: str) -> list[str]:
    """The absolute URLs of the scripts the page loads, in page order."""
    root = parse_html(html)
    urls = (absolute(s.get("src"), page_url) for s in root.xpath("//script[@src]"))
    return list(dict.fromkeys(u for u in urls if u))


def embedded_state(html: str) -> list[Any]:
    """Every JSON document embedded in the page: ``<script type="application/json">``
    (Next.js ``__NEXT_DATA__``, Nuxt's payload) and ``window.__X__ = {...}`` assignments
    whose value is JSON. What is no JSON (a Nuxt function) is skipped."""
    root = parse_html(html)
    found: list[Any] = []
    for script in root.xpath("//script"):
        text = (script.text or "").strip()
        kind = (script.get("type") or "").lower()
        if not text or "ld+json" in kind:
            continue
        if kind == "application/json":
            found.extend(_json(text))
            continue
        for match in STATE_VARIABLES.finditer(text):
            found.extend(_json(text[match.end() :], prefix=True))
    return [f for f in found if isinstance(f, (dict, list))]


def data_urls_in_script(script: str, page_url: str) -> list[str]:
    """The URLs of JSON/API data a script names (``fetch("/api/news.json")``), resolved
    against the page (a ``fetch`` path is relative to the document, not the script)."""
    urls = []
    for match in DATA_LITERAL.finditer(script):
        literal = match[1]
        if "${" in literal or not DATA_PATH.search(urlsplit(literal).path + "?"):
            continue
        if (url := absolute(literal, page_url)) is not None:
            urls.append(url)
    return list(dict.fromkeys(urls))


def parse_json(text: str) -> Any:
    """``text`` as JSON, or None when it is none (an HTML error page)."""
    found = _json(text.strip())
    return found[0] if found else None


def chunk_urls_in_script(script: str, script_url: str) -> list[str]:
    """The other bundles a script loads by name (``import("./About-4f2a.js")``, a
    ``"/static/js/about.chunk.js"`` literal), resolved against the script: the data a
    route needs may be fetched from a chunk of its own."""
    urls = (
        absolute(m[1], script_url)
        for m in DATA_LITERAL.finditer(script)
        if urlsplit(m[1]).path.endswith((".js", ".mjs")) and "${" not in m[1]
    )
    return list(dict.fromkeys(u for u in urls if u and u != script_url))


def _json(text: str, *, prefix: bool = False) -> list[Any]:
    try:
        if prefix:
            return [json.JSONDecoder().raw_decode(text)[0]]
        return [json.loads(text)]
    except ValueError:
        return []


# -- reading records of any shape -------------------------------------------------------


def _key(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).lower()


def _record(value: dict) -> dict[str, Any]:
    """A record with its keys normalised (``published_at`` -> ``publishedat``) and a
    CMS wrapper (Strapi ``attributes``, Contentful ``fields``, GraphQL ``node``) opened."""
    record = {_key(k): v for k, v in value.items() if isinstance(k, str)}
    for wrapper in WRAPPER_KEYS:
        inner = record.get(wrapper)
        if isinstance(inner, dict):
            record = {**{_key(k): v for k, v in inner.items()}, **record}
    return record


def _text(value: Any) -> str | None:
    """A value as text: a string, a number, or a nested ``{"rendered": ...}`` string."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        nested = {_key(k): v for k, v in value.items()}
        for key in NESTED_TEXT_KEYS:
            if (text := _text(nested.get(key))) is not None:
                return text
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if (text := _text(record.get(key))) is not None:
            return text
    return None


def _date(record: dict[str, Any], day_first: bool) -> str | None:
    for key in DATE_KEYS:
        value = record.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 10**8:
            seconds = value / 1000 if value > 10**11 else value  # epoch milliseconds or seconds
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        text = _text(value)
        if text and (found := parse_date(text, day_first=day_first) or find_date(text)):
            return found
    return None


def _paragraphs_html(value: Any) -> str | None:
    """Body HTML from a value: HTML kept as it is, plain text split into paragraphs, a
    list of strings as paragraphs."""
    if isinstance(value, list):
        parts = [p for item in value if (p := _text(item))]
        return "".join(f"<p>{escape(p)}</p>" for p in parts) or None
    text = _text(value)
    if not text:
        return None
    if re.search(r"<(p|div|ul|ol|h\d|br|blockquote)\b", text, re.I):
        return text
    return "".join(f"<p>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [name for v in values if (name := _text(v))]


def slugify(text: str) -> str:
    """``World Oral Health Day 2025!`` -> ``world-oral-health-day-2025``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower().replace("'", "")).strip("-")


def card_url(page_url: str, slug: str, link: str | None, shared: bool) -> str:
    """A card's address: its own route (a link on the page's site that no other card of
    the page shares, and not the page itself), else the page URL with ``#<slug>``."""
    page = urlunsplit(urlsplit(page_url)._replace(fragment=""))
    if link and not shared and same_site(link, page_url) and link.split("#")[0] != page:
        return link
    return f"{page}#{slug}"


# -- news cards from JSON ----------------------------------------------------------------


def _is_news_record(record: dict[str, Any], day_first: bool) -> bool:
    return _first(record, TITLE_KEYS) is not None and _date(record, day_first) is not None


def news_records(data: Any, day_first: bool = True) -> Iterator[dict[str, Any]]:
    """The records of every list in ``data`` that is a list of news cards: most of its
    records have a title and a date (a menu of routes has no dates; it is not news).
    Then every record of it with a title is a card, dated or not."""
    if isinstance(data, dict):
        for value in data.values():
            yield from news_records(value, day_first)
        return
    if not isinstance(data, list):
        return
    records = [_record(v) for v in data if isinstance(v, dict)]
    news = [r for r in records if _is_news_record(r, day_first)]
    if news and len(news) * 2 >= len(data):
        yield from (r for r in records if _first(r, TITLE_KEYS) is not None)
        return
    for value in data:
        yield from news_records(value, day_first)


def read_news(documents: list[Any], page_url: str, *, day_first: bool = True) -> list[NewsItem]:
    """The news cards of the application's data (``documents``: parsed JSON), as items
    shown on ``page_url``. ``source`` is left for the spider to set."""
    items = []
    for record in (r for data in documents for r in news_records(data, day_first)):
        link = absolute(_first(record, URL_KEYS), page_url)
        title = _first(record, TITLE_KEYS) or ""
        summary = _first(record, SUMMARY_KEYS)
        body = next(
            (h for k in BODY_KEYS if (h := _paragraphs_html(record.get(k))) is not None), None
        )
        item = NewsItem(
            source="",
            url="",
            title=title,
            published=_date(record, day_first),
            content_type=_first(record, TYPE_KEYS),
            authors=[a for k in AUTHOR_KEYS for a in _names(record.get(k))],
            tags=_names(record.get("tags")),
            summary=summary,
            content_html=body or (f"<p>{escape(summary)}</p>" if summary else None),
            image=absolute(_first(record, IMAGE_KEYS), page_url),
        )
        items.append((item, _first(record, SLUG_KEYS) or title, link))
    return _addressed(items, page_url)


def _addressed(cards: list[tuple[NewsItem, str, str | None]], page_url: str) -> list[NewsItem]:
    """Each card (item, slug or title, link) with its address (``card_url``) as its URL
    and canonical URL; the first card of each address."""
    links = [link for _, _, link in cards]
    items: dict[str, NewsItem] = {}
    for item, slug, link in cards:
        url = card_url(page_url, slugify(slug), link, shared=links.count(link) > 1)
        item.url = item.canonical_url = url
        items.setdefault(url, item)
    return list(items.values())


# -- the organisation's description from JSON --------------------------------------------


def _description_records(data: Any) -> Iterator[dict[str, Any]]:
    """Every record (dict) of ``data`` that holds a description: a long body/text value."""
    if isinstance(data, list):
        for value in data:
            yield from _description_records(value)
    if not isinstance(data, dict):
        return
    record = _record(data)
    body = next((record[k] for k in BODY_KEYS if k in record), None)
    if len(" ".join(_names(body))) >= SHELL_TEXT:
        yield record
    for value in data.values():
        yield from _description_records(value)


def read_profile(documents: list[Any], page_url: str) -> OrganisationProfile | None:
    """The organisation's description in the application's data, read like a rendered
    about page (``organisations.read_organisation_page``): heading, paragraphs and the
    short lists beside them (objectives). The first document that holds a description
    gives it (``documents_for_route`` puts the route's own first); in it, the longest."""
    records = next((found for data in documents if (found := list(_description_records(data)))), [])
    if not records:
        return None

    def length(record: dict[str, Any]) -> int:
        return len(" ".join(n for k in BODY_KEYS for n in _names(record.get(k))))

    record = max(records, key=length)
    title = _first(record, TITLE_KEYS) or ""
    body = next(h for k in BODY_KEYS if (h := _paragraphs_html(record.get(k))) is not None)
    lists = "".join(
        "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in _names(value)) + "</ul>"
        for key, value in record.items()
        if key not in BODY_KEYS and key != "tags" and isinstance(value, list)
        if value and all(isinstance(v, str) and len(v) < 300 for v in value)
    )
    html = (
        f"<html><head><title>{escape(title)}</title></head><body><main>"
        f"<h1>{escape(title)}</h1>{body}{lists}</main></body></html>"
    )
    return read_organisation_page(HtmlDocument(html, page_url))


def documents_for_route(documents: dict[str, Any], page_url: str) -> list[Any]:
    """The data documents (``{url: parsed JSON}``) in the order to try them for a route:
    those whose URL names a word of the route (``/about`` -> ``/api/about.json``) first."""
    words = {w for w in re.split(r"[^a-z0-9]+", urlsplit(page_url).path.lower()) if len(w) > 2}

    def named(url: str) -> bool:
        return bool(words & set(re.split(r"[^a-z0-9]+", urlsplit(url).path.lower())))

    ordered = sorted(documents, key=lambda url: not named(url))
    return [documents[url] for url in ordered]


# -- news cards from the rendered page ---------------------------------------------------


def _leaf_date(card: HtmlElement, day_first: bool) -> tuple[HtmlElement, str] | None:
    for element in card.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "time" and (
            found := parse_date(element.get("datetime") or "", day_first=day_first)
        ):
            return element, found
        text = text_of(element) if len(element) == 0 else ""
        if text and len(text) <= 80 and (found := find_date(text, day_first=day_first)):
            return element, found
    return None


def _card_of(
    heading: HtmlElement, titles: set[HtmlElement], day_first: bool
) -> tuple[HtmlElement, HtmlElement, str] | None:
    """The smallest element around ``heading`` that also holds a date and no other
    title (of ``titles``): the card; with the element holding the date, and the date."""
    card = heading.getparent()
    while card is not None and card.tag not in ("body", "html"):
        if any(e in titles and e is not heading for e in card.iter()):
            return None
        if (found := _leaf_date(card, day_first)) is not None:
            return card, *found
        card = card.getparent()
    return None


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """``elements`` without those inside another of them (a title link in a title)."""
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def read_cards(html: str, page_url: str, *, day_first: bool = True) -> list[NewsItem]:
    """The news cards of a rendered page, whatever their class names: each heading with
    a date beside it (and no other heading) is a card; on a page whose cards have no
    headings, each element named as a title (``class="post-title"``) with a date beside
    it. Its paragraphs are the summary, a link in it the card's route, its ``id`` (or
    its title) the slug."""
    root = strip_chrome(parse_html(html))
    named = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and e.tag not in ("body", "main", "h1")
        if TITLE_CLASS.search(e.get("class", ""))
    ]
    cards = []
    for titles in (list(root.iter("h2", "h3", "h4", "h5", "h6")), _outermost(named)):
        marked = set(titles)
        for heading in titles:
            if (title := text_of(heading)) and (found := _card_of(heading, marked, day_first)):
                cards.append((title, *found))
        if cards:
            break
    items = []
    for title, card, date_element, published in cards:
        paragraphs = [
            t for p in card.iter("p") if date_element not in p.iter() and (t := text_of(p))
        ]
        labels = [
            t
            for e in card.iter()
            if isinstance(e.tag, str) and len(e) == 0 and e.tag not in ("a", "time", "p")
            if e is not date_element and is_label(t := text_of(e), title)
        ]
        hrefs = (absolute(a.get("href"), page_url) for a in card.xpath(".//a[@href]"))
        item = NewsItem(
            source="",
            url="",
            title=title,
            published=published,
            content_type=labels[0] if labels else None,
            summary=" ".join(paragraphs) or None,
            content_html="".join(f"<p>{escape(p)}</p>" for p in paragraphs) or None,
            image=next(
                (u for i in card.iter("img") if (u := absolute(i.get("src"), page_url))), None
            ),
        )
        items.append((item, card.get("id") or title, next((h for h in hrefs if h), None)))
    return _addressed(items, page_url)
