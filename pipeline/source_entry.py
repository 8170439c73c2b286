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
from dataclasses import dataclass, field
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


@dataclass
class Entry:
    """A proposed entry: the fields written (in ``FIELDS`` order), the fields proposed but
    left out because this version's ``sources.py`` does not accept them yet (written as a
    comment), and notes saying so."""

    fields: dict[str, Any]
    left_out: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build_entry(proposal: Proposal) -> Entry:
    """The entry for what the probe found; empty optional fields are left out. The
    platform is "auto" where the crawl accepts it, else the application family for a page
    that needs a browser (where there is one), else the detected family."""
    host = urlsplit(proposal.homepage).hostname or proposal.homepage
    found: dict[str, Any] = {
        "name": proposal.name or host,
        "acronym": proposal.acronym if proposal.acronym != proposal.name else None,
        "homepage": proposal.homepage,
        "platform": "auto",
        "language": proposal.language,
        "collect": proposal.collect,
        "rest": proposal.rest,
        "feed": proposal.feed,
        "sitemap": proposal.sitemap,
        "listings": proposal.listings,
        "item_patterns": proposal.item_patterns,
        "organisation_pages": proposal.organisation_pages,
    }
    fields = {k: v for k, v in found.items() if v is not None and (v or k == "item_patterns")}
    entry = Entry(fields)
    if not _accepted(fields):
        detected = proposal.platform if proposal.platform in PLATFORMS else PLAIN_FAMILY
        tried = [*(["app"] if proposal.render else []), detected]
        fields["platform"] = next(
            (p for p in tried if _accepted({**fields, "platform": p})), detected
        )
        plain = fields["platform"] == PLAIN_FAMILY != proposal.platform
        entry.notes.append(
            f'platform: "auto" is not accepted yet; written as "{fields["platform"]}"'
            + (" (the family with no platform rules)" if plain else "")
        )
    if proposal.render:
        if _accepted({**fields, "render": "browser"}):
            fields["render"] = "browser"
        else:
            entry.left_out["render"] = "browser"
            entry.notes.append('render: "browser" is not accepted yet; written as a comment')
    entry.fields = {k: fields[k] for k in FIELDS if k in fields}
    return entry


def _value(key: str, value: Any) -> Any:
    """Regexes as TOML literal strings ('^/news/\\d+$' reads better than "\\\\d")."""
    if key == "item_patterns":
        array = tomlkit.array()
        for pattern in value:
            array.append(tomlkit.string(pattern, literal="'" not in pattern))
        return array
    return value


def _table(entry: Entry) -> Table:
    table = tomlkit.table()
    for key, value in entry.fields.items():
        table[key] = _value(key, value)
    for key, value in entry.left_out.items():
        line = tomlkit.dumps({key: value}).strip()
        table.add(tomlkit.comment(f"{line}   (proposed; this version does not read it yet)"))
    return table


def entry_toml(source_id: str, entry: Entry) -> str:
    """The entry as the ``[sources.<id>]`` table it is written as."""
    doc = tomlkit.document()
    sources = tomlkit.table(is_super_table=True)
    sources[source_id] = _table(entry)
    doc["sources"] = sources
    return tomlkit.dumps(doc).strip() + "\n"


def write_entry(path: Path, source_id: str, entry: Entry, *, update: bool) -> str:
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
            if key not in entry.fields:
                del table[key]
        for key, value in entry.fields.items():
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
