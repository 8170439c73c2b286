"""URLs and host names, one module for the parsers, the spiders' sources and the archive.

Reading a URL written inside a document (a sitemap's ``<loc>``, a feed's link or
enclosure, a REST post's link, a listing's card: ``join_url``, where one unreadable value
costs only itself), host names as sites (``site_host``, ``same_site``), and the one
spelling of a URL the archive keys items by (``canonical_url``, ``absolute_url``; rules in
``pipeline.normalise``'s module doc). Pure; imports only ``text``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from .text import remove_control_chars


def join_url(base: str, text: str | None, bad_urls: list[str] | None = None) -> str | None:
    """``text`` made absolute against ``base``, or None when it is empty or cannot be read
    as a URL (``http://[::1/evil``, a port out of range); an unreadable text is added to
    ``bad_urls`` when given, so the caller can say what it skipped."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        joined = urljoin(base, text)
        _ = urlsplit(safe_url_string(joined)).port  # reading the port checks it
    except ValueError:  # UnicodeError (a bad IDNA host) is a ValueError too
        if bad_urls is not None:
            bad_urls.append(text)
        return None
    return joined


_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|"
    r"mc_cid|mc_eid|_hsenc|_hsmi|__hssc|__hstc|__hsfp|hsctatracking|mkt_tok|_ga|_gl|"
    r"oly_anon_id|oly_enc_id|vero_id|wickedid|ref_src|s_kwcid|ss_source|ss_campaign_id)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}  # also: the schemes a web address may have
_INDEX_PAGE = re.compile(r"(?<=/)index\.html?$", re.IGNORECASE)


def site_host(host: str) -> str:
    """A host name as a site: lower case, no final dot, no ``www.`` (a port, if any, stays):
    ``WWW.IFMSA.org.`` and ``ifmsa.org`` are one site."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, other: str) -> bool:
    """Do two URLs (or a URL and a bare host) belong to the same site (``www.`` ignored)?"""
    a = urlsplit(url if "//" in url else "//" + url).hostname or ""
    b = urlsplit(other if "//" in other else "//" + other).hostname or ""
    return bool(a) and site_host(a) == site_host(b)


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
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    if canonical_host and site_host(host) == site_host(canonical_host):
        scheme, host, port = "https", canonical_host.lower(), None
    netloc = host
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + host
    if port and port != DEFAULT_PORTS[scheme]:
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
        if urlsplit(resolved).scheme.lower() not in DEFAULT_PORTS:
            return None
        return safe_url_string(resolved)
    except ValueError:  # "http://[::1/evil": costs only this value
        return None
