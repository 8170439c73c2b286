"""The generic layer: what the field's libraries read on any page. trafilatura gives the
main text (with its own boilerplate removal), title, author and site name;
htmldate gives the publication date, original date first, from the page's head and its
URL only (a date htmldate finds in body text, such as "since January 1, 2020", is a guess
and never used). Both get the tree we already parsed; both copy it before changing it."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

import htmldate
import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_to_html

from .text import clean_line

# htmldate and trafilatura log every page they discard at WARNING; a page without a main
# text is an answer here, not a problem
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)

# htmldate's own date reading, without its text heuristics ("extensive search" reads
# copyright lines and any date in the text; those are guesses, not what the publisher wrote)
DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass
class GenericReading:
    """What trafilatura and htmldate read on one page (empty values when they found none)."""

    text: str = ""
    paragraph_length: int = 0  # characters of main text outside headings
    body: lxml.etree._Element | None = None  # the main text as simple HTML (a <div>)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    published: str | None = None


def _head_only(tree: HtmlElement) -> HtmlElement:
    """A page holding a copy of ``tree``'s head and an empty body: where htmldate may look
    for a date."""
    root = lxml.html.Element("html")
    head = tree.find("head")
    if head is not None:
        root.append(copy.deepcopy(head))
    root.append(lxml.html.Element("body"))
    return root


def read_published(tree: HtmlElement, url: str) -> str | None:
    """htmldate's publication date from the head's metadata and the URL path (ISO day)."""
    try:
        found = htmldate.find_date(
            _head_only(tree), url=url, outputformat="%Y-%m-%d", **DATE_PARAMS
        )
    except ValueError:
        return None
    return found or None


def _drop_title(body: lxml.etree._Element, headings: set[str]) -> None:
    """Remove the page's h1 where trafilatura read it as main text: a block of its own,
    or the start of the first paragraph (it glues a heading to the text after it)."""
    for element in list(body)[:2]:
        text = clean_line("".join(element.itertext()))
        heading = next((h for h in headings if text.startswith(h)), None)
        if heading is None:
            continue
        rest = text[len(heading) :].strip()
        if not rest:
            body.remove(element)
        elif not len(element):
            element.text = rest


def read_generic(tree: HtmlElement, url: str) -> GenericReading:
    """trafilatura's main text and metadata, and htmldate's date, for ``tree``."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        # trafilatura's own algorithm only: its fallbacks (readability, jusText) parse
        # the page again from text
        fast=True,
        include_comments=False,
        include_tables=True,
        include_links=True,
        include_formatting=True,
        date_extraction_params={**DATE_PARAMS, "url": url},
    )
    reading = GenericReading(published=read_published(tree, url))
    if document is None:
        return reading
    reading.text = (document.text or "").strip()
    body = document.body  # trafilatura's own result, discarded after this: no copy needed
    if body is not None:
        _drop_title(body, {clean_line(h.text_content()) for h in tree.iter("h1")} - {""})
    if body is not None and len(body) and reading.text:
        reading.paragraph_length = sum(
            len(clean_line("".join(e.itertext()))) for e in body if e.tag != "head"
        )
        reading.body = convert_to_html(body)[0]
        reading.body.tag = "div"
    reading.title = clean_line(document.title) or None
    reading.authors = [clean_line(a) for a in (document.author or "").split(";") if clean_line(a)]
    reading.site_name = clean_line(document.sitename) or None
    return reading
