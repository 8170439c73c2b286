"""Reading a URL written inside a document (a sitemap's ``<loc>``, a feed's link or
enclosure, a REST post's link, a listing's card): one unreadable value costs only itself."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import safe_url_string


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
