"""The ``[site]`` table of ``sources.toml``: the network's own name and where it publishes.

```toml
[site]
title = "Global Health Students & Partners Wire"
description = "News from DTH-Lab and the student federations it works with, in one place."
feed_url = "https://wire.example.org/"   # where the output folder is served
archive = "archive.db"
out = "out"
```

Every key is optional. ``title`` and ``description`` name the feeds and the reading page;
``feed_url``, ``archive`` and ``out`` are the defaults of ``--feed-url``, ``--archive`` and
``--out`` (``serve --dir``): a command-line flag wins, then the environment variable
(``PARTNERWIRE_FEED_URL``, ``PARTNERWIRE_ARCHIVE``, ``PARTNERWIRE_OUT``), then ``[site]``, then
the built-in default. Relative paths are read from the current folder, as flags are.
``spiders.sources.load_sources`` reads only the ``[sources.*]`` tables.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit


class SiteConfigError(ValueError):
    """A ``[site]`` table that cannot be used; the message names the key."""


@dataclass(frozen=True)
class SiteConfig:
    """What ``[site]`` says (None: not given, the command's own default applies)."""

    title: str | None = None
    description: str | None = None
    feed_url: str | None = None
    archive: str | None = None
    out: str | None = None


def parse_site(table: object, where: str = "sources.toml") -> SiteConfig:
    """A ``SiteConfig`` from the ``[site]`` table's value (None or absent: the defaults)."""
    if table is None:
        return SiteConfig()
    if not isinstance(table, dict):
        raise SiteConfigError(f"{where}: [site] must be a table")
    known = {f.name for f in fields(SiteConfig)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise SiteConfigError(
            f"{where}: [site] has no field {unknown[0]!r} (known: {', '.join(sorted(known))})"
        )
    values: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise SiteConfigError(f"{where}: [site] {key} must be a non-empty string")
        values[key] = " ".join(value.split()) if key in {"title", "description"} else value
    url = values.get("feed_url")
    if url and (urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).netloc):
        raise SiteConfigError(f"{where}: [site] feed_url must be an http(s) URL, not {url!r}")
    return SiteConfig(**values)


def load_site(path: str | Path) -> SiteConfig:
    """The ``[site]`` of a sources file. A file that cannot be read or parsed gives the
    defaults (the crawl reports such a file in its own words); a bad ``[site]`` raises
    ``SiteConfigError``."""
    try:
        data = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return SiteConfig()
    return parse_site(data.get("site"), str(path))


def command_defaults(site: SiteConfig) -> dict[str, dict[str, str]]:
    """``[site]``'s values as click's ``default_map``: below flags and environment
    variables, above the built-in defaults."""
    common = {
        name: value
        for name, value in (("archive_path", site.archive), ("out_dir", site.out))
        if value
    }
    publishing = {**common, **({"feed_url": site.feed_url} if site.feed_url else {})}
    crawling = {k: v for k, v in common.items() if k == "archive_path"}
    return {
        "publish": publishing,
        "run": publishing,
        "demo": common,
        "serve": {"directory": site.out} if site.out else {},
        "crawl": crawling,
        "search": crawling,
        "orgs": crawling,
        "sources": crawling,
    }
