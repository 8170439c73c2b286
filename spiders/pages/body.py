"""The item's body: a known CMS body container when there is one, else the element holding
most paragraph text inside the article/main region. Share/enquiry widgets and related lists
are removed; "Notes to editors" with its "About ..." sections stays (it is part of a press
release and ``parse_about_sections`` reads it from there)."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import lxml.html
from lxml.html import HtmlElement

from .dom import WIDGET_PAIRS, WIDGET_TOKENS, _drop, has_name, main_region, select, text_of
from .platforms import GENERIC

# a container holding less than this share of the main text trafilatura reads is a teaser
# or a fragment (``[itemprop=articleBody]`` around one sentence), not the body
MIN_SHARE_OF_MAIN_TEXT = 0.5


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    return [e for e in elements if not any(a in elements for a in e.iterancestors())]


def _paragraph_score(element: HtmlElement) -> int:
    return sum(
        len(text_of(p)) for p in element if p.tag in ("p", "ul", "ol", "blockquote", "h2", "h3")
    )


def _candidates(
    root: HtmlElement, selectors: tuple[str, ...]
) -> Iterator[tuple[str, list[HtmlElement]]]:
    """(layer, elements) that could be the body, best evidence first: the CMS's body
    containers in ``selectors`` order (in the main region, then anywhere), then the
    element holding most paragraph text."""
    region = main_region(root)
    for selector in selectors:
        found = _outermost([e for e in select(region, selector) if text_of(e)])
        if not found and region is not root:
            found = _outermost([e for e in select(root, selector) if text_of(e)])
        if found:
            yield f"selector:{selector}", found
    candidates = [region, *region.iter("div", "section", "article", "main")]
    best = max(candidates, key=_paragraph_score)
    if _paragraph_score(best):
        yield "densest-block", [best]


def body_elements(
    root: HtmlElement, selectors: tuple[str, ...] = GENERIC.body, main_text_length: int = 0
) -> tuple[list[HtmlElement], str]:
    """(body element(s) in a cleaned page, the layer that found them). The first candidate
    holding at least half of ``main_text_length`` (trafilatura's main text) wins; when
    none does, ([], "") and the caller takes the library's text."""
    needed = MIN_SHARE_OF_MAIN_TEXT * main_text_length
    for layer, found in _candidates(root, selectors):
        if sum(len(text_of(e)) for e in found) >= needed:
            return found, layer
    return [], ""


def _remove_widgets(element: HtmlElement) -> None:
    for node in list(element.iter()):
        if node is element or node.getparent() is None or not isinstance(node.tag, str):
            continue
        if has_name(node, WIDGET_TOKENS, WIDGET_PAIRS):
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
