"""The item's body: a known CMS body container when there is one, else the element holding
most paragraph text inside the article/main region. Share/enquiry widgets and related lists
are removed; "Notes to editors" with its "About ..." sections stays (it is part of a press
release and ``read_about_sections`` reads it from there)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import lxml.html
from lxml.html import HtmlElement

from .dom import WIDGET_PAIRS, WIDGET_TOKENS, drop, has_name, main_region, select, text_of
from .platforms import GENERIC

# a container holding less than this share of the main text trafilatura reads is a teaser
# or a fragment (``[itemprop=articleBody]`` around one sentence), not the body
MIN_SHARE_OF_MAIN_TEXT = 0.5
# the densest block is a guess, not a container the CMS names: it must hold nearly all of
# trafilatura's main text (all but a byline and a share line), or the article's paragraphs
# are spread over several blocks (page builders) and trafilatura's text is the body
MIN_DENSEST_SHARE = 0.8
MAX_DENSEST_MISSING = 300  # characters


# a link to another story inside the body, in the languages of the partners' pages
READ_ALSO = re.compile(
    r"^(read|see) (also|more|next)|^related( story| article)?\s*:|^also read|^lire aussi|"
    r"^(lea|léase|leia) (también|tambien|também)|^ver también|^siehe auch|^lesen sie auch|"
    r"^leggi anche|^mehr zum thema",
    re.I,
)
MAX_READ_ALSO = 200
# a label an ad slot leaves in the body ("- Advertisement -", "Publicité"), nothing else
AD_LABEL = re.compile(
    r"^\W*(advertisement|advertising|advert|ad|sponsored( content)?|publicidad|publicité|"
    r"anuncio|anzeige|werbung|pubblicità)\W*$",
    re.I,
)
# a newsletter sign-up prompt between paragraphs ("Get our Global Health newsletter: …",
# "Abonnez-vous à notre lettre d'information")
NEWSLETTER_PROMPT = re.compile(
    r"^\W*(get|sign up|signup|subscribe|join|receive|don[’']?t miss|abonnez|inscrivez|"
    r"suscr[ií]b|reg[ií]str|abonnieren)[^.!?]*\b(newsletters?|bulletin|boletín|"
    r"lettre d[’']information|inbox)\b",
    re.I,
)
# a link back to the listing ("« Back to news", "Retour aux actualités")
BACK_LINK = re.compile(r"^\W*(back to|return to|retour|volver a|zurück zu)\b", re.I)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    return [e for e in elements if not any(a in elements for a in e.iterancestors())]


def _paragraph_score(element: HtmlElement) -> int:
    return sum(
        len(text_of(p)) for p in element if p.tag in ("p", "ul", "ol", "blockquote", "h2", "h3")
    )


# the elements a body can be: blocks, and the content cell of an old table layout (its
# partner-list column and its menu row are other cells)
BLOCKS = ("div", "section", "article", "main", "td")


def _densest(region: HtmlElement) -> HtmlElement | None:
    """The element holding most paragraph text (its own ``p``, lists, quotes, subheadings)."""
    best = max([region, *region.iter(*BLOCKS)], key=_paragraph_score)
    return best if _paragraph_score(best) else None


MAX_BLOCK_CLIMB = 3  # how far above the densest block its sibling content blocks are looked for
CONTENT = ".//p | .//blockquote | .//ul | .//ol | .//h2 | .//h3"


def _sibling_blocks(element: HtmlElement, region: HtmlElement) -> list[HtmlElement]:
    """The densest block with the sibling blocks the body is split into (Squarespace's
    text, quote and text ``.sqs-block`` elements; a builder's sections): siblings of the same
    tag sharing a class name that hold text of their own, in page order. The body is all
    of them, not the biggest."""
    node = element
    for _ in range(MAX_BLOCK_CLIMB):
        parent = node.getparent()
        if node is region or parent is None:
            break
        names = set(node.get("class", "").split())
        blocks = [
            child
            for child in parent
            if child.tag == node.tag and names & set(child.get("class", "").split())
        ]
        blocks = [b for b in blocks if b is node or (text_of(b) and b.xpath(CONTENT))]
        if len(blocks) > 1:
            return blocks
        node = parent
    return [element]


def _containers(
    root: HtmlElement, region: HtmlElement, selectors: tuple[str, ...]
) -> Iterator[tuple[str, list[HtmlElement]]]:
    """(layer, elements): the CMS's body containers in ``selectors`` order, in the main
    region, then anywhere."""
    for selector in selectors:
        found = _outermost([e for e in select(region, selector) if text_of(e)])
        if not found and region is not root:
            found = _outermost([e for e in select(root, selector) if text_of(e)])
        if found:
            yield f"selector:{selector}", found


def body_elements(
    root: HtmlElement, selectors: tuple[str, ...] = GENERIC.body, main_text_length: int = 0
) -> tuple[list[HtmlElement], str]:
    """(body element(s) in a cleaned page, the layer that found them): the first CMS
    container holding at least half of the main text, else the densest block. The main
    text's length is the smaller of trafilatura's (``main_text_length``, when given) and
    the densest block's: trafilatura sometimes adds share boxes and related links to a
    short article, and a densest block of a few words says nothing. ([], "") when the page
    has neither: the caller takes the library's text."""
    region = main_region(root)
    densest = _densest(region)
    densest_length = len(text_of(densest)) if densest is not None else 0
    reference = min(main_text_length, densest_length) if densest_length else main_text_length
    for layer, found in _containers(root, region, selectors):
        if sum(len(text_of(e)) for e in found) >= MIN_SHARE_OF_MAIN_TEXT * reference:
            return found, layer
    missing = main_text_length - densest_length
    if densest is not None and (
        densest_length >= MIN_DENSEST_SHARE * main_text_length or missing <= MAX_DENSEST_MISSING
    ):
        return _sibling_blocks(densest, region), "densest-block"
    return [], ""


def _is_read_also(node: HtmlElement) -> bool:
    """A "Read also: <link>" line between paragraphs: a short caption, then only a link."""
    if node.tag not in ("p", "div", "aside") or node.find(".//a") is None:
        return False
    text = text_of(node)
    return len(text) <= MAX_READ_ALSO and READ_ALSO.match(text) is not None


def _is_promo_line(node: HtmlElement, top: HtmlElement) -> bool:
    """A line between paragraphs that is not the story's: an ad slot's label, a
    newsletter sign-up prompt, a link back to the listing. Only short block lines are
    judged, so a paragraph that mentions a newsletter stays."""
    if node.tag not in ("p", "div", "aside", "h4", "h5", "h6") and not (
        node.tag == "a" and node.getparent() is top  # a bare link between paragraphs
    ):
        return False
    text = text_of(node)
    if not text or len(text) > MAX_READ_ALSO:
        return False
    if AD_LABEL.match(text) or NEWSLETTER_PROMPT.match(text):
        return True
    links = node.xpath("self::a | .//a")
    return bool(BACK_LINK.match(text)) and any(text_of(a) == text for a in links)


def _remove_widgets(element: HtmlElement) -> None:
    for node in list(element.iter()):
        if node is element or node.getparent() is None or not isinstance(node.tag, str):
            continue
        if (
            has_name(node, WIDGET_TOKENS, WIDGET_PAIRS)
            or _is_read_also(node)
            or _is_promo_line(node, element)
        ):
            drop(node)


def body_html(elements: list[HtmlElement]) -> tuple[str | None, list[HtmlElement]]:
    """(content HTML, cleaned copies of the ``body_elements``). The title h1 is not part of
    the body."""
    parts = []
    for element in elements:
        element = copy.deepcopy(element)
        if element.tag in ("td", "th"):
            element.tag = "div"  # a table layout's content cell, outside its table
        _remove_widgets(element)
        for heading in element.xpath(".//h1 | .//header"):
            drop(heading)
        if text_of(element):
            parts.append(element)
    if not parts:
        return None, []
    html = "\n".join(
        lxml.html.tostring(p, encoding="unicode", with_tail=False).strip() for p in parts
    )
    return html, parts
