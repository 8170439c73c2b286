"""Organisation descriptions: "About X (ACR)" sections in press releases, and an
organisation's own description page ("About us", IFMSA's organisation page)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..items import OrganisationProfile
from .dates import parse_date
from .document import HtmlDocument
from .dom import (
    HEADING_TAGS,
    absolute,
    text_of,
    title_element,
)
from .metadata import ORGANISATION_TYPES, string
from .names import is_acronym
from .text import clean_line

ABOUT = re.compile(
    r"^About\s+(?:the\s+)?(?P<name>[^()]{2,120}?)\s*(?:\((?P<acronym>[^()]{2,20})\))?\s*:?$"
)
NAME_WITH_ACRONYM = re.compile(
    r"^(?:The\s+)?(?P<name>[^()]{2,150}?)\s*\((?P<acronym>[^()]{2,20})\)$"
)
URL_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.I)
STOP_LINE = re.compile(
    r"^(contact|media contact|for more information|press contact|click on|references)\b", re.I
)
GENERIC_NAMES = re.compile(
    r"^(us|ourselves|our (organi[sz]ation|federation|association)|who we are|in short)$", re.I
)
BLOCKS = ("p", "div", "li", "blockquote", *HEADING_TAGS)


def _blocks(container: HtmlElement) -> list[HtmlElement]:
    """Leaf text blocks in document order (a block with block children is not a leaf)."""
    out = []
    for element in container.iter(*BLOCKS):
        if any(child.tag in BLOCKS for child in element):
            continue
        if text_of(element):
            out.append(element)
    return out


def _about_heading(block: HtmlElement) -> tuple[re.Match, str] | None:
    """An "About X" heading at the start of a block, and the text that follows it there."""
    text = text_of(block)
    short = block.tag in HEADING_TAGS or len(text) <= 150
    if short and (match := ABOUT.match(text)) and not text.endswith("."):
        return match, ""
    lead = (
        block[0]
        if len(block) and block[0].tag in ("strong", "b") and not (block.text or "").strip()
        else None
    )
    if lead is not None and (match := ABOUT.match(text_of(lead))):
        return match, text[len(text_of(lead)) :].strip()
    return None


def _website(block: HtmlElement, base: str) -> str | None:
    text = text_of(block)
    if URL_LINE.match(text):
        return text if "://" in text else f"https://{text}"
    links = block.xpath(".//a[@href]")
    if len(links) == 1 and text_of(links[0]) == text and len(text) <= 100:
        href = absolute(links[0].get("href"), base)
        return href if href and not href.startswith("mailto:") else None
    return None


def _expand(acronym: str, description: str) -> str | None:
    """The full name written before "(ACRONYM)" in the description, if any."""
    word = r"[A-Z][\w’'\-]*"
    pattern = (
        rf"(?:The\s+)?((?:{word}\s+)(?:(?:of|for|and|the|de|&|{word})\s+)*?{word})"
        rf"\s*\({re.escape(acronym)}\)"
    )
    match = re.search(pattern, description)
    return clean_line(match.group(1)) if match else None


def _split_name(name: str, description: str) -> tuple[str, str | None]:
    name = clean_line(name)
    if match := NAME_WITH_ACRONYM.match(name):
        return match["name"].strip(), match["acronym"].strip()
    if is_acronym(name):
        return _expand(name, description) or name, name
    return name, None


def read_about_sections(
    doc: HtmlDocument, url: str | None = None, source: str = "", observed: str | None = None
) -> list[OrganisationProfile]:
    """One profile per "About <Name> (<ACR>)" section of a parsed page;
    kind="press_release". Profiles are filed under ``url``
    (the page's canonical address, say), ``doc.url`` by default."""
    url = url or doc.url
    base = doc.base
    blocks = [b for c in doc.containers or [doc.region] for b in _blocks(c)]
    profiles = []
    index = 0
    while index < len(blocks):
        found = _about_heading(blocks[index])
        index += 1
        if not found:
            continue
        match, rest = found
        paragraphs, website = [rest] if rest else [], None
        while index < len(blocks):
            block = blocks[index]
            if (
                block.tag in HEADING_TAGS
                or _about_heading(block)
                or STOP_LINE.match(text_of(block))
            ):
                break
            index += 1
            if website := _website(block, base):
                break
            paragraphs.append(text_of(block))
        description = "\n\n".join(p for p in paragraphs if p)
        if not description:
            continue
        name, acronym = _split_name(match["name"], description)
        if match["acronym"]:
            acronym = match["acronym"].strip()
        profiles.append(
            OrganisationProfile(
                name=name,
                acronym=acronym,
                description=description,
                website=website,
                source=source,
                url=url,
                observed=observed,
                kind="press_release",
            )
        )
    return profiles


def _page_name(raw: HtmlElement, region: HtmlElement, meta) -> str | None:
    heading = re.sub(r"^About\s+", "", text_of(title_element(region)), flags=re.I)
    if heading and not GENERIC_NAMES.match(heading):
        return heading
    organisation = meta.node(ORGANISATION_TYPES) or {}
    for candidate in (
        *meta.names(organisation),
        meta.first("og:site_name"),
        text_of(raw.find(".//title")).split(" | ")[-1].split(" - ")[-1],
    ):
        if candidate and not GENERIC_NAMES.match(candidate):
            return candidate
    return None


def read_organisation_page(doc: HtmlDocument, source: str = "") -> OrganisationProfile | None:
    """An organisation's own description page, parsed; kind="organisation_page"."""
    url, base, meta, region = doc.url, doc.base, doc.meta, doc.region
    paragraphs, objectives, website = [], [], None
    for block in (b for c in doc.containers or [region] for b in _blocks(c)):
        text = text_of(block)
        if block.tag in HEADING_TAGS or len(text) < 3:
            continue
        if (link := _website(block, base)) and (len(text) < 100):
            website = website or (
                link
                if urlsplit(link).netloc != urlsplit(base).netloc
                or link.rstrip("/").count("/") <= 2
                else None
            )
            continue
        if block.tag == "li" or (
            block.getparent() is not None and block.getparent().tag in ("ul", "ol")
        ):
            objectives.append(text.rstrip(" ;"))
        else:
            paragraphs.append(text)
    description = "\n\n".join(paragraphs)
    name = _page_name(doc.raw, region, meta)
    if not name or not description:
        return None
    name, acronym = _split_name(name, description)
    organisation = meta.node(ORGANISATION_TYPES) or {}
    homepage = absolute(string(organisation.get("url")), base)
    parts = urlsplit(url)
    website = homepage or website or f"{parts.scheme}://{parts.netloc}/"
    observed = None
    for node in meta.jsonld:
        observed = (
            observed
            or parse_date(string(node.get("dateModified")))
            or parse_date(string(node.get("datePublished")))
        )
    observed = observed or parse_date(meta.first("article:modified_time", "article:published_time"))
    return OrganisationProfile(
        name=name,
        acronym=acronym,
        description=description,
        website=website,
        source=source,
        url=url,
        observed=observed,
        kind="organisation_page",
        objectives=objectives,
    )
