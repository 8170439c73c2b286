"""Text and HTML cleaning, one leaf module for the parsers, the archive and the feeds.

Plain text stays plain text: nothing is decoded or stripped ("the <br> tag" is a title).
``clean_line`` (one line: a title, a name, a label) and ``clean_paragraphs`` (text that
keeps its paragraphs) collapse whitespace and remove characters XML cannot carry, for
the parsers, the archive and the feeds alike; ``truncate`` cuts on a word boundary;
``html_to_text`` reads an HTML fragment as text; ``sanitise_html`` is the one HTML policy
(nh3 allow-list) for the archive and the feeds. Imports nothing of ours.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

import nh3
from lxml import etree
from lxml import html as lxml_html

MAX_TITLE = 500  # one title cap for the archive and the feeds


# --- plain text -----------------------------------------------------------------------------

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
