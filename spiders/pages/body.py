"""The item's body: a known CMS body container when there is one, else the element holding
most paragraph text inside the article/main region. Share/enquiry widgets and related lists
are removed; "Notes to editors" with its "About ..." sections stays (it is part of a press
release and ``parse_about_sections`` reads it from there)."""

from __future__ import annotations

import copy

import lxml.html
from lxml.html import HtmlElement

from .dom import WIDGET_CLASS, _drop, main_region, select, text_of

BODY_SELECTORS = (
    "[itemprop=articleBody]",
    ".w-richtext",
    ".entry-content",
    ".field--name-body",
    ".post-content",
    ".article-content",
    ".article-body",
    ".gh-content",
    ".content-body",
    ".node__content",
)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    return [e for e in elements if not any(a in elements for a in e.iterancestors())]


def _paragraph_score(element: HtmlElement) -> int:
    return sum(
        len(text_of(p)) for p in element if p.tag in ("p", "ul", "ol", "blockquote", "h2", "h3")
    )


def body_elements(root: HtmlElement) -> list[HtmlElement]:
    """Body element(s) in a cleaned page (``HtmlDocument.root``)."""
    region = main_region(root)
    for selector in BODY_SELECTORS:
        found = _outermost([e for e in select(region, selector) if text_of(e)])
        if not found and region is not root:
            found = _outermost([e for e in select(root, selector) if text_of(e)])
        if found:
            return found
    candidates = [region, *region.iter("div", "section", "article", "main")]
    best = max(candidates, key=_paragraph_score)
    return [best] if _paragraph_score(best) else []


def _remove_widgets(element: HtmlElement) -> None:
    for node in list(element.iter()):
        if node is element or node.getparent() is None or not isinstance(node.tag, str):
            continue
        if WIDGET_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            _drop(node)


def body_html(elements: list[HtmlElement]) -> tuple[str | None, list[HtmlElement]]:
    """(content HTML, cleaned copies of the ``body_elements``). The title h1 is not part of
    the body."""
    parts = []
    for element in elements:
        element = copy.deepcopy(element)
        _remove_widgets(element)
        for heading in element.xpath(".//h1 | .//header"):
            _drop(heading)
        if text_of(element):
            parts.append(element)
    if not parts:
        return None, []
    html = "\n".join(
        lxml.html.tostring(p, encoding="unicode", with_tail=False).strip() for p in parts
    )
    return html, parts
