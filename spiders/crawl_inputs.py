"""Checking a crawl's inputs before anything is fetched: ``-s NAME=VALUE`` settings and
``--base-url SOURCE=URL`` addresses. Each check raises ``CrawlInputError`` with one line
that names the input; nothing here touches the network or the archive."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from scrapy.settings import default_settings
from scrapy.utils.misc import load_object

from spiders import settings as project_settings
from spiders.sources import http_url_problem

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
# Settings whose default is a whole number but which Scrapy reads as seconds (a float).
_SECONDS_SUFFIXES = ("_DELAY", "_TIMEOUT", "_INTERVAL")
# Settings where 0 stops the crawl from ever getting anywhere (0 requests in flight).
_POSITIVE = {
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "CONCURRENT_ITEMS",
    "REACTOR_THREADPOOL_MAXSIZE",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "DOWNLOAD_TIMEOUT",
    "MAX_PAGES",
    "WORDPRESS_PER_PAGE",
}
# Settings the command line owns: each has its own option.
_OWN_OPTIONS = {
    "ARCHIVE_PATH": "--archive",
    "ARCHIVE_LOCK": "--wait (the command holds the archive's lock)",
    "CRAWL_RUN_ID": "nothing (each run gets its own)",
    "HTTPCACHE_DIR": "--archive (the cache lives beside the archive)",
    "SOURCES_FILE": "--sources",
    "SOURCES_BASE_URLS": "--base-url",
    "LOG_FILE": "--log-file",
    "LOG_ENABLED": "--log-file",
}
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class CrawlInputError(ValueError):
    """A crawl input is unusable; the message names it and says what is expected."""


def setting_default(name: str) -> Any:
    """The value a setting has when nobody sets it: ours, else Scrapy's. KeyError if
    neither knows the name."""
    for module in (project_settings, default_settings):
        if hasattr(module, name):
            return getattr(module, name)
    raise KeyError(name)


def _is_object_path(value: Any) -> bool:
    """Whether a setting's default names a Python object (so a new value must too)."""
    if not isinstance(value, str) or "." not in value or " " in value or "/" in value:
        return False
    try:
        load_object(value)
    except (ImportError, AttributeError, ValueError, NameError, TypeError):
        return False
    return True


def _importable(name: str, path: str) -> None:
    try:
        import_module(path) if "." not in path else load_object(path)
    except (ImportError, AttributeError, ValueError, NameError, TypeError) as exc:
        raise CrawlInputError(f"-s {name}: cannot import {path!r} ({exc})") from None


_COMPONENT_DICTS = ("PIPELINES", "MIDDLEWARES", "EXTENSIONS", "ADDONS", "HANDLERS")


def _json(name: str, text: str, kind: type) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, kind):
        if kind is list:
            example = '["a", "b"]'
        elif name.endswith(_COMPONENT_DICTS):
            example = '{"path.to.Component": 300}'
        else:
            example = '{"name": "value"}'
        raise CrawlInputError(f"-s {name}: expected a JSON {kind.__name__} like {example}")
    return value


def parse_setting(name: str, text: str) -> Any:
    """``text`` read as the type of setting ``name``'s default: bool, int, float, a JSON
    dict (component paths as keys must import) or list, or an importable path where the
    default is one. Raises CrawlInputError."""
    if not name or not name.replace("_", "").isalnum() or not name.isupper():
        raise CrawlInputError(f"-s {name}={text}: use NAME=VALUE with an upper-case NAME")
    try:
        default = setting_default(name)
    except KeyError:
        raise CrawlInputError(f"-s {name}: not a Scrapy or partnerwire setting") from None
    if name in _OWN_OPTIONS:
        raise CrawlInputError(f"-s {name}: set by the command line; use {_OWN_OPTIONS[name]}")
    if name == "LOG_LEVEL" and text.strip().upper() not in _LOG_LEVELS:
        raise CrawlInputError(f"-s LOG_LEVEL: use one of {', '.join(_LOG_LEVELS)}")
    if name == "LOG_LEVEL":
        return text.strip().upper()
    if isinstance(default, bool):
        if text.strip().lower() in _TRUE | _FALSE:
            return text.strip().lower() in _TRUE
        raise CrawlInputError(f"-s {name}: expected true or false, got {text!r}")
    if isinstance(default, int | float):
        as_float = isinstance(default, float) or name.endswith(_SECONDS_SUFFIXES)
        try:
            number = float(text) if as_float else int(text)
        except ValueError:
            kind = "a number" if as_float else "a whole number"
            raise CrawlInputError(f"-s {name}: expected {kind}, got {text!r}") from None
        if number != number or number in {float("inf"), float("-inf")}:
            raise CrawlInputError(f"-s {name}: expected a finite number, got {text!r}")
        if number < 0 and "PRIORITY" not in name:  # only priorities may be negative
            raise CrawlInputError(f"-s {name}: must not be negative, got {text!r}")
        if number == 0 and name in _POSITIVE:
            raise CrawlInputError(f"-s {name}: must be more than 0 (0 would never fetch a page)")
        return number
    if isinstance(default, dict):
        value = _json(name, text, dict)
        if name.endswith(_COMPONENT_DICTS[:-1]):  # handlers are keyed by URL scheme
            for path, order in value.items():
                _importable(name, path)
                if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
                    raise CrawlInputError(f"-s {name}: the order of {path!r} must be a number")
        return value
    if isinstance(default, list | tuple):
        if text.lstrip().startswith("["):
            values = _json(name, text, list)
        else:
            values = [part.strip() for part in text.split(",") if part.strip()]
        if name.endswith("_MODULES"):
            for module in values:
                _importable(name, str(module))
        return values
    if _is_object_path(default):
        _importable(name, text)
    return text


def parse_setting_overrides(values: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """``-s NAME=VALUE`` options as {NAME: typed value}; raises CrawlInputError."""
    overrides = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            raise CrawlInputError(f"-s {value}: use NAME=VALUE")
        overrides[name.strip()] = parse_setting(name.strip(), text)
    return overrides


def check_http_url(url: str, what: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host (and a valid port), else
    CrawlInputError naming ``what``."""
    problem = http_url_problem(url)
    if problem:
        raise CrawlInputError(f"{what}: {url!r} is {problem}")
    return url


def parse_base_urls(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``--base-url SOURCE=URL`` options as {source id: URL}; raises CrawlInputError."""
    base_urls = {}
    for value in values:
        source_id, sep, url = value.partition("=")
        if not sep or not source_id:
            raise CrawlInputError(f"--base-url {value}: use SOURCE=http://host:port")
        base_urls[source_id] = check_http_url(url, f"--base-url {source_id}")
    return base_urls
