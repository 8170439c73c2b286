"""Publishing the archive as feed files: the only part of ``feeds`` that does I/O.

``publish_feeds(db, out_dir)`` reads the archive, builds every feed with
``feeds.build`` and writes each file atomically (temp file in the same folder,
fsync, ``os.replace``). A file whose bytes would not change is left alone, so its
mtime (and the server's ETag/Last-Modified) stays put. With a WebSub hub configured,
the hub is pinged for every feed that changed; a failing hub is logged, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlite_utils

from feeds.build import (
    BUILDERS,
    FORMATS,
    ICON_NAME,
    ICON_SVG,
    FeedGroup,
    FeedMeta,
    build_opml,
    feed_updated,
)
from feeds.entries import FeedEntry, SourceInfo, build_entries, merge_stories, slugify
from feeds.organisations import build_organisations_atom, organisations_meta
from feeds.reading import PARTNERS_DIR, TYPE_PREFIX, TYPES_DIR, Site, build_reading_pages
from pipeline.archive import (
    ArchiveError,
    open_archive_to_publish,
    query_fact_changes,
    query_feed_items,
    query_feed_source_ids,
    query_feed_sources,
    query_feed_types,
)
from spiders.pages.content_types import type_order, type_title

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8080/"
"""Where the feeds will be served (self links, OPML, icon); ``serve``'s default address."""
DEFAULT_LIMIT = 50
DEFAULT_TITLE = "partnerwire"
DEFAULT_DESCRIPTION = "News from the partner organisations, in one place."
HUB_TIMEOUT = 5.0


class PublishError(Exception):
    """The archive cannot be published (missing, not an archive); one-line message."""


@dataclass
class PublishReport:
    """File names (relative to the output folder) by what happened to them."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pinged: list[str] = field(default_factory=list)
    hub_errors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Type feeds and pages an earlier publish wrote that this one no longer makes."""

    def summary(self) -> str:
        text = f"{len(self.written)} written, {len(self.unchanged)} unchanged"
        if self.removed:
            text += f", {len(self.removed)} removed"
        if self.pinged or self.hub_errors:
            text += f", hub pinged for {len(self.pinged)}"
        if self.hub_errors:
            text += f" ({len(self.hub_errors)} hub errors)"
        return text


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds exactly that.

    Returns True when the file was written. Readers see the old file or the new one,
    never a half-written one; no temp file survives a failure.
    """
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        Path(tmp_name).chmod(0o644)
        Path(tmp_name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).unlink()
        raise
    _fsync_dir(path.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def load_sources(db: sqlite_utils.Database) -> dict[str, SourceInfo]:
    return {
        row["id"]: SourceInfo(
            id=row["id"],
            name=row.get("name") or row["id"],
            acronym=row.get("acronym"),
            homepage=row.get("homepage"),
        )
        for row in query_feed_sources(db)
    }


@dataclass(frozen=True)
class _Feed:
    meta: FeedMeta
    entries: Sequence[FeedEntry]


@dataclass(frozen=True)
class _FeedRows:
    """What one feed is built from: the archive rows read for it (by index), and whether
    it merges stories."""

    meta: FeedMeta
    rows: list[dict]
    merged: bool


def read_feeds(
    db: sqlite_utils.Database,
    sources: Mapping[str, SourceInfo],
    *,
    limit: int = DEFAULT_LIMIT,
    base_url: str = DEFAULT_BASE_URL,
    hub: str | None = None,
    title: str = DEFAULT_TITLE,
) -> tuple[list[FeedGroup], list[_FeedRows], dict[str, SourceInfo]]:
    """Which feeds exist and the rows each is built from: merged, one per source, one per
    shared type. Each reads only its newest ``limit`` items from the archive (by index;
    twice that for the feeds that merge stories), plus, for those, the other members of
    their stories. Returns the groups, the feeds' rows and every source by id."""

    def meta(slug: str, feed_title: str, description: str, home: str | None = None) -> FeedMeta:
        return FeedMeta(slug, feed_title, description, base_url, home_page=home, hub=hub)

    source_ids = sorted({*sources, *query_feed_source_ids(db)})
    sources = {sid: sources.get(sid) or SourceInfo(sid, sid) for sid in source_ids}
    names = ", ".join(sources[sid].label for sid in source_ids if sid in sources)
    feeds = [
        _FeedRows(
            meta("all", title, f"News from every partner ({names}), one entry per story."),
            query_feed_items(db, limit=2 * limit, stories=True),
            merged=True,
        )
    ]
    by_source = []
    for sid in source_ids:
        source = sources[sid]
        description = f"News from {source.name}, as collected by {title}."
        by_source.append(
            _FeedRows(
                meta(slugify(sid), f"{title}: {source.label}", description, source.homepage),
                query_feed_items(db, limit=limit, source=sid),
                merged=False,
            )
        )
    by_type = []
    for kind in sorted(query_feed_types(db), key=type_order):
        slug = slugify(kind)
        if not slug:
            continue
        words = type_title(kind)
        description = f"{words} from every partner, one entry per story."
        by_type.append(
            _FeedRows(
                meta(f"{TYPE_PREFIX}{slug}", f"{title}: {words}", description),
                query_feed_items(db, limit=2 * limit, type=kind, stories=True),
                merged=True,
            )
        )
    groups = [
        FeedGroup("All partners", tuple(f.meta for f in feeds)),
        FeedGroup("By partner", tuple(f.meta for f in by_source)),
        FeedGroup("By type", tuple(f.meta for f in by_type)),
    ]
    return groups, feeds + by_source + by_type, sources


def build_feed(feed: _FeedRows, sources: Mapping[str, SourceInfo], limit: int) -> _Feed:
    """One feed's entries from its rows (only these rows are sanitised), newest first,
    one per story where the feed merges them, at most ``limit``."""
    entries = build_entries(feed.rows, sources)
    return _Feed(feed.meta, (merge_stories(entries) if feed.merged else entries)[:limit])


STATE_SUFFIX = ".publish-state.json"
"""Beside the output folder (``.<folder>.publish-state.json``, so nothing in the folder
but what readers get): what the last publish was made from (a fingerprint) and the files
it made, so an unchanged re-publish returns before building anything."""


def state_path(out: Path) -> Path:
    """Where the publish state of the output folder ``out`` is kept."""
    folder = Path(out).resolve()
    return folder.with_name(f".{folder.name}{STATE_SUFFIX}")


BUILD_MODULES = (
    "feeds",
    "spiders.pages.text",
    "spiders.pages.dates",
    "spiders.pages.content_types",
)
"""The code a publish's output depends on besides its inputs (its source is fingerprinted)."""


def publish_fingerprint(inputs: object) -> str:
    """A SHA-256 of everything a publish is made from: the rows read, the organisation
    changes, the settings, and the source of the code that builds the files."""
    digest = hashlib.sha256()
    for name in BUILD_MODULES:
        module = importlib.import_module(name)
        files = sorted(Path(module.__file__).parent.glob("*.py")) if name == "feeds" else []
        for path in files or [Path(module.__file__)]:
            digest.update(path.read_bytes())
    digest.update(json.dumps(inputs, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _unchanged_since(out: Path, fingerprint: str) -> list[str] | None:
    """The files of the last publish, if it was made from ``fingerprint`` and every one of
    them is still there; else None."""
    try:
        state = json.loads(state_path(out).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("fingerprint") != fingerprint:
        return None
    files = state.get("files")
    if not isinstance(files, list) or not all((out / str(name)).is_file() for name in files):
        return None
    return [str(name) for name in files]


def publish_feeds(
    db: sqlite_utils.Database | str | os.PathLike[str],
    out_dir: str | os.PathLike[str] = "out",
    *,
    limit: int = DEFAULT_LIMIT,
    base_url: str | None = None,
    hub: str | None = None,
    title: str = DEFAULT_TITLE,
    description: str = DEFAULT_DESCRIPTION,
) -> PublishReport:
    """Write every feed, ``organisations.atom``, ``feeds.opml``, the reading page
    (``index.html``, ``partners/<source>.html``, ``types/<type>.html``) and ``icon.svg``
    into ``out_dir``.

    ``db`` is an open archive or its path, opened read-only (a missing path or a file
    that is not an archive raises ``PublishError``); nothing is written to it.
    ``limit`` caps entries per feed and page; ``base_url`` is where ``out_dir`` will be
    served (default ``DEFAULT_BASE_URL``); ``hub`` a WebSub hub to declare and ping;
    ``title`` and ``description`` name the network (``[site]`` in sources.toml).
    """
    if limit < 1:
        raise PublishError(f"limit must be at least 1, not {limit}")
    if not isinstance(db, sqlite_utils.Database):
        try:
            opened = open_archive_to_publish(db)
        except ArchiveError as exc:
            raise PublishError(str(exc)) from None
        try:
            return publish_feeds(
                opened,
                out_dir,
                limit=limit,
                base_url=base_url,
                hub=hub,
                title=title,
                description=description,
            )
        finally:
            opened.close()
    base_url = (base_url or DEFAULT_BASE_URL).rstrip("/") + "/"
    try:
        groups, reads, sources = read_feeds(
            db, load_sources(db), limit=limit, base_url=base_url, hub=hub, title=title
        )
        changes = query_fact_changes(db)[:limit]
    except ArchiveError as exc:
        raise PublishError(str(exc)) from None
    out = Path(out_dir)
    settings = [limit, base_url, hub, title, description]
    fingerprint = publish_fingerprint([settings, [(f.meta, f.rows) for f in reads], changes])
    if (files := _unchanged_since(out, fingerprint)) is not None:
        return PublishReport(unchanged=files, removed=remove_stale(out, set(files)))
    feeds = [build_feed(feed, sources, limit) for feed in reads]
    out.mkdir(parents=True, exist_ok=True)

    report = PublishReport()
    changed_feed_urls = []

    def write(name: str, data: bytes, url: str | None = None) -> None:
        if write_if_changed(out / name, data):
            report.written.append(name)
            if url:
                changed_feed_urls.append(url)
        else:
            report.unchanged.append(name)

    for feed in feeds:
        for fmt, builder in BUILDERS.items():
            write(f"{feed.meta.slug}.{fmt}", builder(feed.entries, feed.meta), feed.meta.url(fmt))
    organisations = organisations_meta(base_url, hub, title)
    atom = build_organisations_atom(changes, organisations)
    write(f"{organisations.slug}.atom", atom, organisations.url("atom"))
    groups.append(FeedGroup("Organisations", (organisations,)))
    newest = feed_updated(feeds[0].entries)
    write("feeds.opml", build_opml(groups, f"{title} feeds", newest))
    site = Site(title, description)
    for name, page in build_reading_pages(site, groups, [(f.meta, f.entries) for f in feeds]):
        write(name, page)
    write(ICON_NAME, ICON_SVG)
    report.removed = remove_stale(out, {*report.written, *report.unchanged})
    state = {"fingerprint": fingerprint, "files": sorted({*report.written, *report.unchanged})}
    try:
        write_if_changed(state_path(out), json.dumps(state, indent=1).encode())
    except OSError:  # the folder above is not ours to write: the next publish builds again
        with contextlib.suppress(OSError):
            state_path(out).unlink(missing_ok=True)

    if hub and changed_feed_urls:
        report.pinged, report.hub_errors = ping_hub(hub, changed_feed_urls)
    return report


STALE_PATTERNS = (
    *(f"{TYPE_PREFIX}*.{fmt}" for fmt in FORMATS),
    f"{PARTNERS_DIR}/*.html",
    f"{TYPES_DIR}/*.html",
)
"""Files of ours that come and go with the archive's types and sources."""


def remove_stale(out: Path, current: set[str]) -> list[str]:
    """Remove the type feeds and reading pages an earlier publish wrote that this one did
    not (a type no item has any more; the per-label type feeds of before the shared
    vocabulary), so a subscriber gets a 404 instead of a feed that silently stopped.
    Nothing else in the folder is touched. Returns their names."""
    removed = []
    for pattern in STALE_PATTERNS:
        for path in sorted(out.glob(pattern)):
            name = path.relative_to(out).as_posix()
            if name not in current and path.is_file():
                path.unlink()
                removed.append(name)
    return removed


def ping_hub(
    hub: str, urls: Sequence[str], *, timeout: float = HUB_TIMEOUT
) -> tuple[list[str], list[str]]:
    """Tell a WebSub hub these feed URLs changed (``hub.mode=publish``, one POST each).

    Returns (pinged urls, error messages). Errors are logged, never raised; a hub that
    cannot be reached at all is tried once, not once per feed.
    """
    pinged: list[str] = []
    errors: list[str] = []
    with httpx.Client(timeout=timeout) as client:
        for url in urls:
            try:
                response = client.post(hub, data={"hub.mode": "publish", "hub.url": url})
            except httpx.HTTPError as exc:
                errors.append(f"WebSub hub {hub} unreachable: {exc}")
                logger.warning("%s", errors[-1])
                break
            if response.is_success:
                pinged.append(url)
            else:
                errors.append(f"WebSub hub {hub} answered {response.status_code} for {url}")
                logger.warning("%s", errors[-1])
    return pinged, errors


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_LIMIT",
    "FORMATS",
    "PublishError",
    "PublishReport",
    "ping_hub",
    "publish_feeds",
    "write_if_changed",
]
