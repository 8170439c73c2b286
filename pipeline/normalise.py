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
  ``https://<canonical_host>``.
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
- **Text** from the parsers is plain text and stays so: entities and tag-like words in a
  title, a name or a description are left as written ("the <br> tag", "AT&amp;T"). Text
  keeps paragraph breaks as a blank line (``\\n\\n``) and line breaks inside a
  paragraph (``<br>``, lines of a plain-text description) as ``\\n``; other runs of
  whitespace become one space. Quotes, dashes and spelling are left as the site wrote them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import nh3
from lxml import etree
from lxml import html as lxml_html
from w3lib.url import safe_url_string

from pipeline import facts as facts_module
from spiders.items import NewsItem, OrganisationProfile
from spiders.pages.dates import parse_date

if TYPE_CHECKING:
    from spiders.sources import Source

MAX_TITLE = 500
SUMMARY_LENGTH = 300
MIN_DETECT_CHARS = 200


class InvalidItem(ValueError):
    """An item or profile that cannot be archived; the message says why in plain words."""


# --- text -------------------------------------------------------------------------------------

# XML 1.0 forbids C0 controls except \t \n \r, lone surrogates and U+FFFE/U+FFFF; C1
# controls and zero-width/BOM characters are invisible junk in news text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u200b]")
_SPACES = re.compile(r"[^\S\n]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def remove_control_chars(s: str) -> str:
    """Drop characters XML cannot carry and invisible junk; keep \\t, \\n and \\r."""
    return _CONTROL.sub("", s)


def clean_paragraphs(s: str | None) -> str:
    """Text that keeps its paragraphs: whitespace tidied (one space; single line breaks
    kept; blank lines become exactly one ``\\n\\n``), control characters removed, ends
    stripped. Nothing else changes. (``clean_line`` is the one-line kind.)"""
    if not s:
        return ""
    s = remove_control_chars(s.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(s):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def clean_line(s: str | None) -> str:
    """One line of plain text (a title, a name): control characters removed, all
    whitespace collapsed to single spaces. Nothing is decoded or stripped: parsers hand
    over plain text, so "AT&amp;T" and "the <br> tag" are words, not markup."""
    if not s:
        return ""
    return " ".join(remove_control_chars(s).split())


def truncate(s: str, limit: int) -> str:
    """``s`` cut to at most ``limit`` characters on a word boundary, with "…" if cut."""
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "title"})


def _text_parts(el: Any, out: list[str], *, pre: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP or not tag:
        if el.tail:
            out.append(el.tail if pre else re.sub(r"\s+", " ", el.tail))
        return
    in_pre = pre or tag == "pre"
    if tag in _BLOCKS:
        out.append("\n\n")
    elif tag == "br":
        out.append("\n")
    elif tag in _CELLS:
        out.append(" ")
    if el.text:
        out.append(el.text if in_pre else re.sub(r"\s+", " ", el.text))
    for child in el:
        _text_parts(child, out, pre=in_pre)
    if tag in _BLOCKS:
        out.append("\n\n")
    if el.tail:
        out.append(el.tail if pre else re.sub(r"\s+", " ", el.tail))


def _fragment(markup: str) -> Any:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def html_to_text(markup: str | None) -> str:
    """Readable plain text of an HTML fragment: paragraphs and list items separated by a
    blank line, ``<br>`` as a line break, scripts and styles left out, entities decoded."""
    if not markup or not markup.strip():
        return ""
    try:
        root = _fragment(remove_control_chars(markup))
    except (etree.ParserError, ValueError):
        return clean_paragraphs(markup)
    out: list[str] = []
    _text_parts(root, out)
    return clean_paragraphs("".join(out))


# --- URLs -------------------------------------------------------------------------------------

_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|"
    r"mc_cid|mc_eid|_hsenc|_hsmi|__hssc|__hstc|__hsfp|hsctatracking|mkt_tok|_ga|_gl|"
    r"oly_anon_id|oly_enc_id|vero_id|wickedid|ref_src|s_kwcid|ss_source|ss_campaign_id)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_PAGE = re.compile(r"(?<=/)index\.html?$", re.IGNORECASE)


def _site_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, other: str) -> bool:
    """Do two URLs (or a URL and a bare host) belong to the same site (``www.`` ignored)?"""
    a = urlsplit(url if "//" in url else "//" + url).hostname or ""
    b = urlsplit(other if "//" in other else "//" + other).hostname or ""
    return bool(a) and _site_host(a) == _site_host(b)


def canonical_url(url: str, canonical_host: str | None = None) -> str:
    """The one spelling of ``url`` the archive keys items by (rules in the module doc).
    A bare host ("dthlab.org") is read as https. Non-web URLs are returned stripped."""
    url = remove_control_chars(url or "").strip()
    if not url:
        return ""
    if "//" not in url and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", url, re.IGNORECASE):
        url = "https://" + url
    parts = urlsplit(safe_url_string(url))
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    if canonical_host and _site_host(host) == _site_host(canonical_host):
        scheme, host, port = "https", canonical_host.lower(), None
    netloc = host
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + host
    if port and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = parts.path or "/"
    if not parts.query:
        path = _INDEX_PAGE.sub("", path)
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not _TRACKING.match(unquote_plus(pair.split("=", 1)[0]))
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def absolute_url(url: str | None, base_url: str) -> str | None:
    """``url`` resolved against ``base_url``; None unless it is a readable http(s) URL."""
    if not url or not url.strip():
        return None
    try:
        resolved = urljoin(base_url, remove_control_chars(url).strip())
        if urlsplit(resolved).scheme.lower() not in _DEFAULT_PORTS:
            return None
        return safe_url_string(resolved)
    except ValueError:  # "http://[::1/evil": costs only this value
        return None


# --- dates ---------------------------------------------------------------------------------

# a written time of day ("17:10", "T17:10:46"); without one a value is a date only
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def _as_utc(value: datetime) -> str | None:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    except (OverflowError, ValueError):
        return None


def _keeping_offset(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # no offset written: UTC is the only guess we make
    return value.replace(microsecond=0).isoformat()


def normalise_date(value: str | datetime | date | None) -> str | None:
    """A date as the publisher meant it: ISO 8601 with the publisher's own offset
    (``2020-04-07T17:10:46-07:00`` stays so), a naive time taken as UTC (nothing better
    is known), and a date without a time of day kept as a date (``2026-01-22``). Text is
    read by the parsers' own reader (``spiders.pages.dates.parse_date``). None when it
    cannot be read. ``to_utc_iso`` gives the UTC sort key of the same value."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _keeping_offset(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = remove_control_chars(value)
    parsed = parse_date(text)
    if not parsed:
        return None
    if not _TIME_OF_DAY.search(text):
        return parsed[:10]
    return _keeping_offset(datetime.fromisoformat(parsed))


def to_utc_iso(value: str | datetime | date | None) -> str | None:
    """A date/time as ``YYYY-MM-DDTHH:MM:SS+00:00``: the UTC sort key (``published_utc``)
    and our own clock's format. Text is read by the parsers' own reader
    (``spiders.pages.dates.parse_date``), so both accept the same dates; a datetime or date
    is taken as it is (naive means UTC; a bare date is midnight UTC). None when it cannot
    be read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _as_utc(value)
    if isinstance(value, date):
        return _as_utc(datetime(value.year, value.month, value.day))
    if not isinstance(value, str):
        return None
    parsed = parse_date(remove_control_chars(value))
    return _as_utc(datetime.fromisoformat(parsed)) if parsed else None


# --- HTML -------------------------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "form",
        "button",
        "select",
        "textarea",
    }
)
# Whole-element texts that are CMS leftovers or site chrome, not content.
_BOILERPLATE = re.compile(
    r"^(no items found\.?|by\s*[-–—]?|enquire now|give us a call|call us|contact us today|"
    r"share( this( (post|article|page|story))?)?( on \w+)?:?|print( this( page| article)?)?|"
    r"click to share.*|read more|tweet|follow us.*)$",
    re.IGNORECASE,
)
_KEEP_EMPTY = frozenset({"img", "br", "hr", "td", "th"})


def _is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(" ".join(text.split())))


def sanitise_html(markup: str | None, base_url: str) -> str:
    """Safe, tidy HTML for feeds and the archive: an allow-list of tags (no script, style,
    iframe, object, forms), no event handlers or styles, only http/https/mailto links (made
    absolute against ``base_url``, with ``rel="noopener noreferrer"``), no XML-illegal
    characters, and no CMS boilerplate ("No items found.", "By -", share and enquiry
    widgets) or elements left empty."""
    if not markup or not markup.strip():
        return ""
    base = base_url if urlsplit(base_url or "").scheme in {"http", "https"} else None
    cleaned = nh3.clean(
        _prepare(remove_control_chars(markup)),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        url_relative=("rewrite_with_base", base) if base else "deny",
    )
    if not cleaned.strip():
        return ""
    root = _fragment(cleaned)
    for el in list(root.iter("a", "img")):
        if el.tag == "a" and not el.get("href"):
            el.drop_tag()  # its link was unsafe or relative without a base: keep the words
        elif el.tag == "img" and not el.get("src"):
            el.drop_tree()
    _drop_boilerplate(root)
    _drop_empty(root)
    return _serialise(root).strip()


_CONTAINERS = frozenset({"div", "section", "article", "header", "footer", "main", "aside"})


def _serialise(root: Any) -> str:
    return (html.escape(root.text, quote=False) if root.text else "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


def _prepare(markup: str) -> str:
    """Before sanitising: drop boilerplate while the page's own blocks still separate it,
    and turn containers holding only inline content into paragraphs (the allow-list has
    no div, and stripping one would run its words into the next block's)."""
    try:
        root = _fragment(markup)
    except (etree.ParserError, ValueError):
        return markup
    _drop_boilerplate(root)
    for el in root.iter(*_CONTAINERS):
        if not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el):
            el.tag = "p"
        else:
            el.text, el.tail = (el.text or "") + " ", " " + (el.tail or "")
    return _serialise(root)


def _drop_boilerplate(root: Any) -> None:
    for el in list(root.iter()):
        if el is root or el.getparent() is None:
            continue
        if el.tag not in {"img", "br", "hr"} and _is_boilerplate(el.text_content()):
            el.drop_tree()
    # Loose text between elements ("No items found." straight inside the body).
    if root.text and _is_boilerplate(root.text):
        root.text = None
    for el in root.iter():
        if el.tail and _is_boilerplate(el.tail):
            el.tail = None


def _drop_empty(root: Any) -> None:
    changed = True
    while changed:
        changed = False
        for el in list(root.iter()):
            if el is root or el.tag in _KEEP_EMPTY:
                continue
            if el.text_content().strip() or el.find(".//img") is not None:
                continue
            el.drop_tree()
            changed = True


# --- hashes and language --------------------------------------------------------------------


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def content_hash(item: Any) -> str:
    """sha256 (hex) over title, text (whitespace collapsed) and published date: what a
    reader would call the content. Text falls back to the content HTML, then the summary."""
    text = (
        _field(item, "text")
        or html_to_text(_field(item, "content_html"))
        or clean_paragraphs(_field(item, "summary"))
    )
    payload = [
        " ".join((_field(item, "title") or "").split()),
        " ".join((text or "").split()),
        to_utc_iso(_field(item, "published")) or "",  # the instant: a new format is no change
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


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

    content_html = sanitise_html(item.content_html, url) or None
    summary_text = html_to_text(item.summary) if item.summary else ""
    text = html_to_text(content_html) or clean_paragraphs(item.text) or summary_text or None
    summary = truncate(" ".join(summary_text.split()), 1000) if summary_text else None
    summary = summary or _summary_from(text or "")
    language = primary_language(item.language) or detect_language(
        text, primary_language(default_language)
    )
    cleaned = NewsItem(
        source=source,
        url=url,
        title=title,
        canonical_url=canonical,
        published=normalise_date(item.published),
        updated=normalise_date(item.updated),
        content_type=clean_line(item.content_type) or None,
        authors=[_BY.sub("", a) for a in _dedupe(item.authors, drop=_NO_AUTHOR)],
        tags=_dedupe(item.tags),
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
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
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
