"""Sitemaps: a ``urlset`` gives page URLs, a ``sitemapindex`` gives child sitemaps.
hreflang alternates (``xhtml:link``) are ignored: each language copy has its own <url>."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree


def parse_sitemap(xml: str | bytes, url: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs), absolute, in document order, without duplicates."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml.strip(), parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # a plain-text sitemap: one URL per line
        lines = xml.decode("utf-8", "replace").split()
        return [u for u in lines if u.startswith(("http://", "https://"))], []
    pages: list[str] = []
    children: list[str] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        kind = etree.QName(entry).localname
        loc = next(
            (c.text for c in entry if isinstance(c.tag, str) and etree.QName(c).localname == "loc"),
            None,
        )
        if not loc or not loc.strip():
            continue
        target = children if kind == "sitemap" else pages if kind == "url" else None
        if target is not None and (absolute := urljoin(url, loc.strip())) not in target:
            target.append(absolute)
    return pages, children
