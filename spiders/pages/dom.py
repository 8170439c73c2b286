"""HTML helpers shared by the page readers: parsing, visible text, absolute URLs, and
removing what is not the page's own content (site chrome, hidden CMS bindings, related lists).
"""

from __future__ import annotations

import copy
import functools
import itertools
import re

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from .text import clean_line
from .urls import join_url

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "figcaption")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NEVER_CONTENT = "script, style, noscript, template, svg, form, iframe[src*='googletagmanager']"
# Site chrome: navigation, sidebars, footers. A <header> only counts when it is the site's.
CHROME = "nav, aside, footer, [role=navigation], [role=complementary], [role=contentinfo]"
# Class and id names are read as tokens (split on whitespace, "-" and "_"), never as
# substrings: a name with a chrome token is chrome unless it also names content, so
# "sidebar", "main-nav" and "site-footer" go while "content-sidebar-wrap" and
# "sidebar-and-content-body" (layout wrappers that hold the article) stay.
CHROME_TOKENS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "crumbs",
        "sidebar",
        "cookie",
        "cookies",
        "footer",
        "skip",
        "today",  # the visitor's date in a top bar ("mardi 23 septembre 2025"): a clock
    }
)
CHROME_NAMES = frozenset({"site-header", "widget-area", "masthead"})
# ("main" and "post" are not: "main-nav", "post-navigation" are chrome)
CONTENT_TOKENS = frozenset({"content", "article", "entry", "story"})
# an element holding any of these holds the page's own content: never chrome, whatever
# its name ("panel-two-col-sidebar-right" around the article)
CONTENT_ANCHORS = "article, main, [role=main], [itemprop=articleBody]"
CONTENT_WRAPPER_TEXT = 500  # characters beside an h1 that make an element the content's wrapper
# Parts of an item page that are not its content.
NOT_CONTENT = (
    ".w-dyn-empty, .w-dyn-bind-empty, .w-condition-invisible, [hidden], [aria-hidden=true]"
)
# Parts of a body that are not its content, as class/id tokens (or pairs of tokens).
# "widget" is not one: page builders (Elementor) wrap every text block in a "*-widget-*".
WIDGET_TOKENS = frozenset(
    {
        "share",
        "sharing",
        "sharethis",
        "addthis",
        "addtoany",
        "sharedaddy",
        "social",
        "newsletter",
        "subscribe",
        "subscription",
        "enquiry",
        "enquiries",
        "enquire",
        "related",
        "relatedposts",
        "comment",
        "comments",
        "respond",
        "cta",
    }
)
WIDGET_PAIRS = frozenset(
    {
        ("you", "may"),
        ("also", "like"),
        ("more", "posts"),
        ("post", "navigation"),
        ("read", "also"),
        ("see", "also"),
        ("read", "more"),
    }
)
RELATED_TOKENS = frozenset({"related", "relatedposts"})
RELATED_PAIRS = frozenset({("you", "may"), ("also", "like"), ("more", "posts")})
# whole class/id names of comment sections (WordPress, Disqus, Drupal, Ghost)
COMMENT_NAMES = frozenset(
    {"comments", "comments-area", "comment-list", "commentlist", "comments-section"}
    | {"disqus-thread", "respond", "comment-respond", "field--name-comment", "gh-comments"}
)
RELATED_HEADING = re.compile(
    r"^(you (may|might) also (like|be interested in)|related( (articles?|posts?|news|content|"
    r"stories|items))?|more (news|articles|stories|from .{1,30})|read (more|next)|latest news|"
    r"recent posts|see also)\W*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=256)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(element: HtmlElement, selector: str) -> list[HtmlElement]:
    """``select(element, selector)``, with the selector compiled to XPath only once."""
    return _compiled(selector)(element)


def parse_html(html: str | bytes) -> HtmlElement:
    """The document root; tolerant of XML declarations and of bytes."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    # libxml2 turns NUL into U+FFFD while parsing; it is never text, so drop it first
    html = html.replace(b"\x00", b"")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    return lxml.html.document_fromstring(html or b"<html></html>", parser=parser)


def html_text(markup: str | None) -> str:
    """The visible text of an HTML fragment (a feed description, a REST ``rendered``
    value). Entities are decoded once, by the parser: ``&amp;lt;`` reads ``&lt;``."""
    if not markup or not markup.strip():
        return ""
    return text_of(parse_html(f"<div>{markup}</div>").find(".//body"))


INVISIBLE_TAGS = ("script", "style", "noscript", "template")


def text_of(element: HtmlElement | None) -> str:
    """Visible text of an element, whitespace collapsed; <br> and block ends become spaces."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if not isinstance(node.tag, str) or node.tag in INVISIBLE_TAGS:
            return
        block = node.tag in BLOCK_TAGS or node.tag in ("br", "header", "section", "time", "td")
        if block:
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    walk(element)
    return clean_line("".join(parts))


def text_longer_than(element: HtmlElement, limit: int) -> bool:
    """Whether ``text_of(element)`` is longer than ``limit`` characters, known without
    reading all of it: its visible pieces of text are measured, each cleaned alone (never
    longer than in the whole), until they are more."""

    def left(node: HtmlElement, budget: int) -> int:
        if not isinstance(node.tag, str) or node.tag in INVISIBLE_TAGS:
            return budget
        budget -= len(clean_line(node.text))
        for child in node:
            if budget < 0:
                break
            budget = left(child, budget) - len(clean_line(child.tail))
        return budget

    return left(element, limit) < 0


def absolute(url: str | None, base: str, bad_urls: list[str] | None = None) -> str | None:
    """A link's absolute URL; None for fragments, script/mail/phone/data links and
    unreadable URLs (added to ``bad_urls`` when given)."""
    url = clean_line(url)
    if not url or url.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    return join_url(base, url, bad_urls)


def base_url(root: HtmlElement, url: str) -> str:
    for base in root.xpath("//head/base[@href]"):
        return join_url(url, base.get("href")) or url
    return url


def drop(element: HtmlElement) -> None:
    """Remove ``element`` from its tree, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:  # keep the text that follows the removed element
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def drop_all(root: HtmlElement, selector: str) -> None:
    for element in select(root, selector):
        drop(element)


def _classes(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def class_names(element: HtmlElement) -> list[list[str]]:
    """The element's class and id names, each split into lower-case tokens on "-"/"_"."""
    return [
        [token for token in re.split(r"[-_]+", name.lower()) if token]
        for name in _classes(element).split()
    ]


def is_chrome_name(element: HtmlElement) -> bool:
    """A class/id name says navigation, sidebar, footer, cookie banner (token match)."""
    for name in class_names(element):
        tokens = set(name)
        if "-".join(name) in CHROME_NAMES:
            return True
        if tokens & CHROME_TOKENS and not tokens & CONTENT_TOKENS:
            return True
    return False


def has_name(element: HtmlElement, tokens: frozenset, pairs: frozenset = frozenset()) -> bool:
    """One of the element's class/id names holds one of ``tokens`` or of the token
    ``pairs`` (consecutive, as in "you-may-like")."""
    return any(
        set(name) & tokens or set(itertools.pairwise(name)) & pairs for name in class_names(element)
    )


def _holds_content(element: HtmlElement) -> bool:
    """The element wraps the page's own content: an article/main element, or the h1 with
    more text than a menu or a teaser has."""
    if select(element, CONTENT_ANCHORS):
        return True
    return bool(element.xpath(".//h1")) and len(text_of(element)) > CONTENT_WRAPPER_TEXT


def _inside_content(element: HtmlElement) -> bool:
    return any(
        a.tag in ("article", "main") or a.get("role") == "main" for a in element.iterancestors()
    )


def strip_chrome(root: HtmlElement) -> HtmlElement:
    """A copy without scripts, navigation, sidebars, footers and the site header."""
    root = copy.deepcopy(root)
    drop_all(root, NEVER_CONTENT)
    drop_all(root, CHROME)
    for element in root.xpath("//header | //*[@class or @id]"):
        if element.getparent() is None or element.tag in ("html", "body", "main", "article"):
            continue
        is_site_header = element.tag == "header" and not _inside_content(element)
        if (is_site_header or is_chrome_name(element)) and not _holds_content(element):
            drop(element)
    return root


def strip_related(root: HtmlElement) -> None:
    """Remove "You may also like"/related sections (heading and all that follows it) and
    readers' comments."""
    for element in list(root.iter(*HEADING_TAGS, "div", "p", "strong")):
        if element.getparent() is None or not RELATED_HEADING.match(text_of(element)):
            continue
        if element.tag in ("div", "p", "strong") and len(element):
            continue  # only leaf-ish labels, not containers of the whole page
        wrapper = element
        while (
            wrapper.getparent() is not None
            and wrapper.getparent().tag not in ("body", "main", "article")
            and text_of(wrapper.getparent()) == text_of(element)
        ):
            wrapper = wrapper.getparent()
        parent = wrapper.getparent()
        if parent is None:
            continue
        for sibling in [wrapper, *wrapper.itersiblings()]:
            drop(sibling)
    for element in root.xpath("//*[@class or @id]"):
        if element.getparent() is None:
            continue
        if has_name(element, RELATED_TOKENS, RELATED_PAIRS) or _is_comments(element):
            drop(element)


def _is_comments(element: HtmlElement) -> bool:
    """The readers' comments under an article (their dates are not the article's)."""
    names = {"-".join(name) for name in class_names(element)}
    return bool(names & COMMENT_NAMES) and not _holds_content(element)


def strip_hidden(root: HtmlElement) -> None:
    """Remove CMS leftovers: empty-state lists, empty bindings, conditionally hidden blocks."""
    drop_all(root, NOT_CONTENT)
    for dyn_list in select(root, ".w-dyn-list"):
        if not select(dyn_list, ".w-dyn-item"):
            drop(dyn_list)


def main_region(root: HtmlElement) -> HtmlElement:
    """The element that holds the page's main content (article with the h1, main, body)."""
    articles = root.xpath("//article[.//h1]") or root.xpath("//article")
    if len(articles) > 1:
        # the article holding the most text is the page's own, not a card
        return max(articles, key=lambda a: len(text_of(a)))
    if articles:
        return articles[0]
    for selector in ("main", "[role=main]", "#content", ".main-content"):
        found = select(root, selector)
        if found:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def title_element(region: HtmlElement) -> HtmlElement | None:
    for heading in region.iter("h1"):
        if text_of(heading):
            return heading
    return None
