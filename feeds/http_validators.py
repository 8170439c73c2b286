"""HTTP conditional requests (RFC 9110 §13), shared by the feed server and the snapshot
server: does the client's copy still match, so a 304 will do?"""

from __future__ import annotations

from collections.abc import Iterable

from spiders.pages.dates import parse_http_date


def is_not_modified(
    if_none_match: str | None,
    if_modified_since: str | None,
    etags: Iterable[str],
    modified: float,
) -> bool:
    """True when the request's validators match the current representation.

    ``etags`` are the tags the current representation answers to (strong comparison of
    the opaque part; ``W/`` prefixes are ignored, as for GET). ``modified`` is its
    last-modified time as a POSIX timestamp. If-None-Match, when present, decides alone.
    """
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or any(etag in tags for etag in etags)
    if if_modified_since:
        since = parse_http_date(if_modified_since)
        return since is not None and int(modified) <= since.timestamp()
    return False
