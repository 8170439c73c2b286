"""Sitemaps: a ``urlset`` gives page URLs, a ``sitemapindex`` gives child sitemaps.
hreflang alternates (``xhtml:link``) are ignored: each language copy has its own <url>."""

from __future__ import annotations

from lxml import etree

from .urls import join_url


def parse_sitemap(
    xml: str | bytes, url: str, bad_urls: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs), absolute, in document order, without duplicates.
    A ``<loc>`` that is no readable URL is skipped (and added to ``bad_urls`` when given)."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml.strip(), parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # a plain-text sitemap: one URL per line
        lines = xml.decode("utf-8", "replace").split()
        return [
            absolute
            for line in dict.fromkeys(lines)
            if line.startswith(("http://", "https://"))
            and (absolute := join_url(url, line, bad_urls))
        ], []
    found: dict[str, dict[str, None]] = {"url": {}, "sitemap": {}}  # ordered sets
    for entry in root:
        if not isinstance(entry.tag, str) or (kind := etree.QName(entry).localname) not in found:
            continue
        loc = next(
            (c.text for c in entry if isinstance(c.tag, str) and etree.QName(c).localname == "loc"),
            None,
        )
        if (absolute := join_url(url, loc, bad_urls)) is not None:
            found[kind][absolute] = None
    return list(found["url"]), list(found["sitemap"])
