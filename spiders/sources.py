"""Reading and checking ``sources.toml``: the partner sites and how to collect each."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from spiders.pages.urls import site_host

PLATFORMS = ("webflow", "wordpress", "drupal", "generic", "auto")
METHODS = ("feed", "rest", "sitemap", "listing")
DEFAULT_SOURCES_FILE = Path(__file__).resolve().parent.parent / "sources.toml"
SOURCES_ENV = "PARTNERWIRE_SOURCES"
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


class SourceConfigError(ValueError):
    """A sources.toml entry is unusable; the message names the source and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    homepage: str
    platform: str
    collect: tuple[str, ...]
    acronym: str | None = None
    language: str | None = None
    feed: str | None = None
    rest: str | None = None
    sitemap: str | None = None
    listings: tuple[str, ...] = ()
    item_patterns: tuple[str, ...] = ()
    organisation_pages: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    """Other host names that serve the same site (a second domain, a CDN or feed host)."""
    base_url: str | None = field(default=None, compare=False)
    """Where to fetch from instead of ``homepage`` (the offline snapshot, a mirror)."""

    @property
    def fetch_base(self) -> str:
        return (self.base_url or self.homepage).rstrip("/")

    def fetch_url(self, url_or_path: str) -> str:
        """The address to request for a public URL or a site path."""
        public = urljoin(self.homepage + "/", url_or_path)
        if not self.base_url:
            return public
        parts, home, base = urlsplit(public), urlsplit(self.homepage), urlsplit(self.fetch_base)
        if site_host(parts.netloc) != site_host(home.netloc):
            return public
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))

    def public_url(self, fetched_url: str) -> str:
        """The public address (on the homepage's host) of a URL fetched from ``fetch_base``."""
        if not self.base_url:
            return fetched_url
        parts, base, home = (
            urlsplit(fetched_url),
            urlsplit(self.fetch_base),
            urlsplit(self.homepage),
        )
        if parts.netloc.lower() != base.netloc.lower():
            return fetched_url
        return urlunsplit((home.scheme, home.netloc, parts.path, parts.query, parts.fragment))

    def is_own_url(self, url: str) -> bool:
        host = site_host(urlsplit(url).netloc)
        return host in {
            site_host(urlsplit(self.homepage).netloc),
            site_host(urlsplit(self.fetch_base).netloc),
            *(site_host(alias) for alias in self.hosts),
        }

    def url_refusal(self, url: str) -> str | None:
        """Why the crawl may not fetch ``url``, or None when it may: ``"bad_url"`` (it
        cannot be read), ``"not_http"`` (``file:``, ``ftp:``, ``data:``, ``s3:`` ...) or
        ``"offsite"`` (not on the homepage's host, the fetch base's host or ``hosts``)."""
        try:
            parts = urlsplit(url)
            _ = parts.port  # reading the port checks it
        except ValueError:
            return "bad_url"
        if parts.scheme.lower() not in {"http", "https"}:
            return "not_http"
        return None if self.is_own_url(url) else "offsite"

    def own_url(self, url: str) -> str | None:
        """``url`` on the site's own host when it is on any of the site's hosts, else None."""
        if not self.is_own_url(url):
            return None
        parts, home = urlsplit(url), urlsplit(self.homepage)
        if site_host(parts.netloc) in {site_host(alias) for alias in self.hosts}:
            return urlunsplit((home.scheme, home.netloc, parts.path, parts.query, ""))
        return url

    def is_organisation_page(self, url: str) -> bool:
        """Whether ``url`` is one of the pages configured to describe the source itself."""
        return self.is_own_url(url) and (urlsplit(url).path or "/") in self.organisation_pages

    def is_item_path(self, path: str) -> bool:
        return any(re.search(pattern, path) for pattern in self.item_patterns)


def http_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as an absolute http(s) URL with a host, or None if
    nothing is (``http://[::1`` and a port out of range are problems, not exceptions)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in {"http", "https"} or not parts.hostname or " " in parts.netloc:
        return "not an http(s) URL with a host"
    return None


def _check_paths(source_id: str, homepage: str, entry: dict) -> None:
    """Every path or URL of the entry must resolve against the homepage to a usable URL."""
    for key in ("feed", "rest", "sitemap", "listings", "organisation_pages"):
        values = entry.get(key) or []
        for value in [values] if isinstance(values, str) else values:
            try:
                problem = http_url_problem(urljoin(homepage + "/", value))
            except ValueError as exc:
                problem = f"not a valid URL ({exc})"
            if problem:
                raise SourceConfigError(f"source '{source_id}': field '{key}' {value!r}: {problem}")


def _strings(source_id: str, entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourceConfigError(f"source '{source_id}': field '{key}' must be a list of strings")
    return tuple(value)


def _optional_string(source_id: str, entry: dict, key: str) -> str | None:
    value = entry.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise SourceConfigError(f"source '{source_id}': field '{key}' must be a non-empty string")
    return value


def parse_source(source_id: str, entry: object) -> Source:
    """Check one ``[sources.<id>]`` table and turn it into a Source."""
    if not _ID.match(source_id):
        raise SourceConfigError(
            f"source '{source_id}': the id must be lower-case letters, digits, '-' or '_'"
        )
    if not isinstance(entry, dict):
        raise SourceConfigError(f"source '{source_id}': must be a table of fields")
    known = {f for f in Source.__dataclass_fields__ if f not in {"id", "base_url"}}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise SourceConfigError(f"source '{source_id}': unknown field '{unknown[0]}'")
    for key in ("name", "homepage", "platform"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise SourceConfigError(f"source '{source_id}': field '{key}' is missing or empty")
    homepage = entry["homepage"].rstrip("/")
    problem = http_url_problem(homepage)
    if problem:
        raise SourceConfigError(
            f"source '{source_id}': field 'homepage' must be an http(s) URL, got {homepage!r}: "
            f"{problem}"
        )
    if entry["platform"] not in PLATFORMS:
        raise SourceConfigError(
            f"source '{source_id}': field 'platform' must be one of {', '.join(PLATFORMS)}, "
            f"got {entry['platform']!r}"
        )
    collect = _strings(source_id, entry, "collect")
    for method in collect:
        if method not in METHODS:
            raise SourceConfigError(
                f"source '{source_id}': field 'collect' has unknown method {method!r} "
                f"(use {', '.join(METHODS)})"
            )
    if "rest" in collect and entry["platform"] not in {"wordpress", "auto"}:
        raise SourceConfigError(
            f"source '{source_id}': field 'collect' names 'rest', which only platform "
            f"'wordpress' has (or 'auto', when it finds WordPress)"
        )
    listings = _strings(source_id, entry, "listings")
    needs = {
        "feed": entry.get("feed"),
        "rest": entry.get("rest"),
        "sitemap": entry.get("sitemap"),
        "listing": listings,
    }
    for method in collect:
        if not needs[method]:
            field_name = "listings" if method == "listing" else method
            raise SourceConfigError(
                f"source '{source_id}': field 'collect' names '{method}' "
                f"but '{field_name}' is not set"
            )
    _check_paths(source_id, homepage, entry)
    patterns = _strings(source_id, entry, "item_patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourceConfigError(
                f"source '{source_id}': field 'item_patterns' has a bad pattern {pattern!r}: {exc}"
            ) from None
    return Source(
        id=source_id,
        name=entry["name"].strip(),
        homepage=homepage,
        platform=entry["platform"],
        collect=collect,
        acronym=_optional_string(source_id, entry, "acronym"),
        language=_optional_string(source_id, entry, "language"),
        feed=_optional_string(source_id, entry, "feed"),
        rest=_optional_string(source_id, entry, "rest"),
        sitemap=_optional_string(source_id, entry, "sitemap"),
        listings=listings,
        item_patterns=patterns,
        organisation_pages=_strings(source_id, entry, "organisation_pages"),
        hosts=_strings(source_id, entry, "hosts"),
    )


def sources_file(setting: str | os.PathLike[str] | None = None) -> Path | Traversable:
    """Which sources.toml to read, first found: the ``SOURCES_FILE`` setting (or the
    CLI's ``--sources``), the ``PARTNERWIRE_SOURCES`` environment variable, the project's
    ``sources.toml`` beside the code (a checkout), else the copy packaged inside
    ``spiders`` (an installed wheel, a Scrapyd egg)."""
    named = setting or os.environ.get(SOURCES_ENV)
    if named:
        return Path(named)
    if DEFAULT_SOURCES_FILE.is_file():
        return DEFAULT_SOURCES_FILE
    return resources.files("spiders").joinpath("sources.toml")


def load_sources(path: str | os.PathLike[str] | None = None) -> dict[str, Source]:
    """Read every source of a sources.toml (``sources_file(path)``); any bad entry stops
    the whole load."""
    found = sources_file(path)
    try:
        data = tomllib.loads(found.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise SourceConfigError(f"{found}: no such sources file") from None
    except OSError as exc:
        raise SourceConfigError(f"{found}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SourceConfigError(
            f"{found}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        raise SourceConfigError(f"{found}: not valid TOML: {message}") from None
    table = data.get("sources")
    if not isinstance(table, dict) or not table:
        raise SourceConfigError(f"{found}: no [sources.<id>] tables found")
    return {source_id: parse_source(source_id, entry) for source_id, entry in table.items()}


def with_base_urls(sources: dict[str, Source], base_urls: dict[str, str]) -> dict[str, Source]:
    """Point sources at another address (the offline snapshot): ``{"dthlab": "http://127.0.0.1:8001"}``."""
    from dataclasses import replace

    unknown = sorted(set(base_urls) - set(sources))
    if unknown:
        raise SourceConfigError(f"base URL given for unknown source '{unknown[0]}'")
    return {
        sid: replace(src, base_url=base_urls[sid].rstrip("/")) if sid in base_urls else src
        for sid, src in sources.items()
    }
