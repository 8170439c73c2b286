"""What a crawl that cannot open the archive (a Scrapyd job, ``ARCHIVE_ENABLED = False``)
is told of it: the spider argument ``archived``, the URLs of the source's archived items,
newest first, as a JSON list. A local crawl's archive pipeline gives the spider the same
knowledge (``SourceSpider.know_archived``) when it opens; with it a job behaves as a
local crawl of the same archive: not a first crawl once anything is archived (no sitemap
backfill), paging stopped at the first page of known items, a page that answers 304 a
sighting (``SeenItem``).

An argument is one string of a process's command line, which Linux caps at 128 KiB
(``MAX_ARG_STRLEN``): the list is cut at ``ARGUMENT_CAP`` bytes, keeping the newest URLs
(about 1,500 of 80 characters). Older items past the cap are unknown to the job: paging
meets the known ones first, and such a page that answers 304 is read from the HTTP cache
and saved unchanged instead of noted as a sighting. Content hashes are not passed:
nothing in a crawl compares them (the archive does, when it saves)."""

from __future__ import annotations

import json
from collections.abc import Iterable

ARGUMENT = "archived"  # the spider argument's name (``-a archived=[...]``)
ARGUMENT_CAP = 120_000  # bytes: under Linux's 128 KiB per argument, with room for the name


def build_archived_argument(urls: Iterable[str], cap: int = ARGUMENT_CAP) -> str:
    """The ``archived`` argument: ``urls`` (newest first) as a JSON list, as many as fit
    in ``cap`` bytes."""
    kept: list[str] = []
    size = 2  # the brackets
    for url in urls:
        size += len(json.dumps(url)) + (1 if kept else 0)
        if size > cap:
            break
        kept.append(url)
    return json.dumps(kept, separators=(",", ":"))


def parse_archived_argument(text: str) -> list[str]:
    """The URLs an ``archived`` argument names; ValueError, saying why, for any other text."""
    try:
        urls = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the '{ARGUMENT}' argument is not JSON ({exc})") from None
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise ValueError(f"the '{ARGUMENT}' argument is not a JSON list of URLs")
    return urls
