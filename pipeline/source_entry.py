"""A probed site as a ``sources.toml`` entry, and writing it with tomlkit so the file keeps
its comments, its order and its other entries as they were.

``build_entry`` turns a ``probe.Proposal`` into the entry's fields, writing only fields and
values that ``spiders.sources.parse_source`` accepts on this branch (``platform = "auto"``
and ``render = "browser"`` once the crawl knows them). ``write_entry`` appends a new entry or
updates an existing one in place, and checks that the whole file still loads before it
replaces it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import Table

from pipeline.probe import Proposal
from spiders.pages.urls import site_host
from spiders.sources import PLATFORMS, SourceConfigError, load_sources, parse_source

# the order of an entry's fields, as sources.toml writes them
FIELDS = (
    "name",
    "acronym",
    "homepage",
    "platform",
    "render",
    "language",
    "collect",
    "rest",
    "feed",
    "sitemap",
    "listings",
    "item_patterns",
    "organisation_pages",
)
# what a person may have corrected by hand: an update keeps these as they are
KEPT_ON_UPDATE = ("name", "acronym", "hosts")
# the family with no platform rules of its own (the shared SourceSpider), for a site on no
# known CMS while ``platform = "auto"`` is not accepted
PLAIN_FAMILY = "drupal"


class EntryError(ValueError):
    """The entry cannot be written (an id taken or unknown, a file that would not load)."""


def slug_id(text: str) -> str:
    """A source id from an acronym or a host: "DTH-Lab" -> "dth-lab", "www.ivsa.org" -> "ivsa"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug if re.match(r"^[a-z]", slug) else f"site-{slug}".rstrip("-")


def default_id(proposal: Proposal) -> str:
    """The acronym, else the host without ``www.`` and its last label, slugged."""
    if proposal.acronym:
        return slug_id(proposal.acronym)
    host = site_host(urlsplit(proposal.homepage).hostname or "")
    return slug_id(host.rsplit(".", 1)[0] if "." in host else host)


def _accepted(entry: dict[str, Any]) -> bool:
    try:
        parse_source("probe", entry)
    except SourceConfigError:
        return False
    return True


def build_entry(proposal: Proposal) -> tuple[dict[str, Any], list[str]]:
    """(the entry's fields in ``FIELDS`` order, notes on what was written instead of what
    was found). Empty optional fields are left out."""
    host = urlsplit(proposal.homepage).hostname or proposal.homepage
    found: dict[str, Any] = {
        "name": proposal.name or host,
        "acronym": proposal.acronym if proposal.acronym != proposal.name else None,
        "homepage": proposal.homepage,
        "platform": "auto",
        "render": "browser" if proposal.render else None,
        "language": proposal.language,
        "collect": proposal.collect,
        "rest": proposal.rest,
        "feed": proposal.feed,
        "sitemap": proposal.sitemap,
        "listings": proposal.listings,
        "item_patterns": proposal.item_patterns,
        "organisation_pages": proposal.organisation_pages,
    }
    entry = {k: v for k, v in found.items() if v is not None and (v or k == "item_patterns")}
    notes = []
    if not _accepted(entry):
        detected = proposal.platform if proposal.platform in PLATFORMS else PLAIN_FAMILY
        entry["platform"] = detected
        notes.append(
            f'platform: "auto" is not accepted yet; written as "{detected}"'
            + (" (the family with no platform rules)" if detected != proposal.platform else "")
        )
    if "render" in entry and not _accepted(entry):
        del entry["render"]
        notes.append('render: "browser" is not accepted yet; left out (add it when it is)')
    return entry, notes


def _value(key: str, value: Any) -> Any:
    """Regexes as TOML literal strings ('^/news/\\d+$' reads better than "\\\\d")."""
    if key == "item_patterns":
        array = tomlkit.array()
        for pattern in value:
            array.append(tomlkit.string(pattern, literal="'" not in pattern))
        return array
    return value


def _table(entry: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = _value(key, value)
    return table


def entry_toml(source_id: str, entry: dict[str, Any]) -> str:
    """The entry as the ``[sources.<id>]`` table it is written as."""
    doc = tomlkit.document()
    sources = tomlkit.table(is_super_table=True)
    sources[source_id] = _table(entry)
    doc["sources"] = sources
    return tomlkit.dumps(doc).strip() + "\n"


def write_entry(path: Path, source_id: str, entry: dict[str, Any], *, update: bool) -> str:
    """Append ``[sources.<source_id>]`` to ``path`` (created if absent), or with ``update``
    rewrite that entry in place: its probed fields replaced, those a person may have
    corrected (``KEPT_ON_UPDATE``) and every comment kept. The file is checked with
    ``load_sources`` before it replaces the old one. Returns what was done, in words."""
    text = path.read_text("utf-8") if path.exists() else ""
    doc = tomlkit.parse(text)
    if "sources" not in doc:
        doc["sources"] = tomlkit.table(is_super_table=True)
    sources = doc["sources"]
    if update:
        if source_id not in sources:
            raise EntryError(f"{path}: no source '{source_id}' to update")
        table = sources[source_id]
        for key in [k for k in table if k in FIELDS and k not in KEPT_ON_UPDATE]:
            if key not in entry:
                del table[key]
        for key, value in entry.items():
            if key not in KEPT_ON_UPDATE or key not in table:
                table[key] = _value(key, value)
        done = f"updated [sources.{source_id}] in {path}"
    else:
        if source_id in sources:
            raise EntryError(
                f"{path}: source '{source_id}' exists; use --update {source_id} or another --id"
            )
        sources[source_id] = _table(entry)
        done = f"added [sources.{source_id}] to {path}"
    _replace_checked(path, tomlkit.dumps(doc))
    return done


def _replace_checked(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, load it as a sources file, then rename it over ``path``."""
    folder = path.resolve().parent
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".toml", dir=folder)
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            load_sources(temp)
        except SourceConfigError as exc:
            raise EntryError(f"the written file would not load: {exc}") from None
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
