"""Loading Scrapyd jobs' JSON-lines output into the archive, exactly as a local crawl
stores what it finds: each news item through ``save_item``, each profile through
``save_profile``, and each run's record (``CrawlRecord``, the last line of a job) as its
``crawl_runs`` row, its status decided by ``pipeline.run_records`` from what the archive
did with the run's items.

A file is read up to its last whole line; where it stopped is kept in the archive
(``ingested_files``), so ingesting a file again reads only what was added since, and a
file ingested to its end changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pipeline import archive
from pipeline.relations import stated_relations
from pipeline.run_records import build_crawl_run
from spiders.items import CrawlRecord, NewsItem, OrganisationProfile, SeenItem
from spiders.sources import Source

OUTPUT_SUFFIXES = (".jsonl", ".jl")
SAVE_POSITION_EVERY = 200  # lines: how much a crash mid-file makes the next ingest re-read
LINE_TYPES = (CrawlRecord, OrganisationProfile, NewsItem, SeenItem)


class BadLine(ValueError):
    """A whole line that is not one of the lines a job writes."""


@dataclasses.dataclass
class IngestReport:
    """What one ingest of one file did."""

    path: Path
    lines: int = 0
    counts: Counter[str] = dataclasses.field(default_factory=Counter)
    runs: list[dict] = dataclasses.field(default_factory=list)  # crawl_runs rows written
    bad_lines: list[str] = dataclasses.field(default_factory=list)  # FILE:LINE: why
    problems: list[str] = dataclasses.field(default_factory=list)  # all it did not store
    sources: set[str] = dataclasses.field(default_factory=set)
    pending_run: bool = False  # items read whose run record is still to come


def output_files(paths: list[Path]) -> list[Path]:
    """The job output files named, a folder standing for its ``*.jsonl``/``*.jl`` files
    (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in OUTPUT_SUFFIXES)
        else:
            files.append(path)
    return files


def parse_line(line: bytes) -> NewsItem | OrganisationProfile | CrawlRecord | SeenItem:
    """One line of job output as the item it was: the type whose fields it has."""
    try:
        row = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadLine(f"not JSON ({exc})") from None
    if not isinstance(row, dict):
        raise BadLine("not a JSON object")
    for line_type in LINE_TYPES:
        fields = dataclasses.fields(line_type)
        names = {f.name for f in fields}
        required = {
            f.name
            for f in fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        if required <= row.keys() <= names:
            return line_type(**row)
    raise BadLine(f"neither an item, a profile nor a run record (keys: {', '.join(sorted(row))})")


def whole_lines(data: bytes, start: int) -> Iterator[tuple[bytes, int]]:
    """Each whole (newline-ended) line of ``data`` with the offset just past it, counted
    from ``start``; a last line still being written is left for later."""
    offset = 0
    while (end := data.find(b"\n", offset)) >= 0:
        yield data[offset:end], start + end + 1
        offset = end + 1


def ingest_file(db: Database, path: Path, sources: Mapping[str, Source]) -> IngestReport:
    """Store what ``path`` holds beyond where the last ingest of it stopped.

    A line that cannot be read, or whose item the archive refuses, is an error of the run
    whose record comes later (``unreadable_line``, ``archive_error`` with the item's URL),
    kept with the position until then: the run is never ``ok``. A record the archive
    refuses stops the file there, so the next ingest reads it again."""
    key = str(path.resolve())
    data = path.read_bytes()
    position = archive.query_ingest_position(db, key)
    prefix = hashlib.sha256(data[: position.offset])
    if position.offset > len(data) or prefix.hexdigest() != position.prefix_hash:
        position = archive.IngestPosition()  # a new file under an old name: read it all
        prefix = hashlib.sha256()
    report = IngestReport(path)
    counts: Counter[str] = Counter(position.counts)
    errors = [list(error) for error in position.errors]
    line_number = data.count(b"\n", 0, position.offset)
    saved_sources: set[str] = set()
    since_saved = 0
    for line, end in whole_lines(data[position.offset :], position.offset):
        report.lines += 1
        line_number += 1
        where = f"{path}:{line_number}"
        found = None
        if line.strip():
            try:
                found = parse_line(line)
            except (BadLine, TypeError) as exc:
                report.bad_lines.append(f"{where}: {exc}")
                report.problems.append(f"{where}: {exc}")
                errors.append(["unreadable_line", f"{where}: {exc}"])
            else:
                try:
                    _store(db, found, counts, errors, report, sources, saved_sources)
                except (archive.ArchiveError, sqlite3.Error) as exc:
                    if isinstance(found, CrawlRecord):  # not marked read: tried again later
                        report.problems.append(f"{where}: the run's record not stored: {exc}")
                        break
                    errors.append(["archive_error", f"{found.url}: not saved: {exc}"])
                    report.problems.append(f"{where}: {found.url}: not saved: {exc}")
        prefix.update(data[position.offset : end])
        position = archive.IngestPosition(end, prefix.hexdigest(), dict(counts), list(errors))
        since_saved += 1
        if isinstance(found, CrawlRecord) or since_saved >= SAVE_POSITION_EVERY:
            archive.save_ingest_position(db, key, position)
            since_saved = 0
    if errors and report.runs and not counts:  # lines after the run's record (its last)
        run = report.runs[-1]
        try:
            archive.save_run_errors(db, run["id"], [(kind, text) for kind, text in errors])
        except (archive.ArchiveError, sqlite3.Error) as exc:  # kept for the next ingest
            report.problems.append(f"{path}: errors not added to its run: {exc}")
        else:
            report.runs[-1] = _stored_run(db, run["run_id"], run["id"])
            errors.clear()
            position = dataclasses.replace(position, errors=[])
    archive.save_ingest_position(db, key, position)
    report.pending_run = bool(counts or errors)
    return report


def _stored_run(db: Database, run_id: str, row: int) -> dict:
    """The ``crawl_runs`` row ``row`` of run ``run_id``, as ``query_crawl_runs`` gives it."""
    return next(run for run in archive.query_crawl_runs(db, run_id) if run["id"] == row)


def _store(
    db: Database,
    found: Any,
    counts: Counter[str],
    errors: list[list[str]],
    report: IngestReport,
    sources: Mapping[str, Source],
    saved_sources: set[str],
) -> None:
    """Store one line's item, profile or run record, as ``ArchivePipeline`` does; a record
    carries the ``errors`` met since the run's first line."""
    if found.source not in saved_sources:  # the crawl saves its source when it opens
        archive.save_source(
            db, sources.get(found.source) or {"id": found.source, "name": found.source}
        )
        saved_sources.add(found.source)
    report.sources.add(found.source)
    now = archive.utc_now()
    if isinstance(found, SeenItem):  # a page that answered 304: only last_seen moves
        archive.save_sightings(db, found.source, [found.url], now=now)
        outcome = "items_unchanged"
    elif isinstance(found, (NewsItem, OrganisationProfile)):
        if isinstance(found, NewsItem):
            outcome = "items_" + archive.save_item(db, found, now=now)
        else:
            outcome = "profiles_" + archive.save_profile(db, found, now=now)
        relations, where = stated_relations(found, sources.get(found.source))
        archive.save_relations(db, relations, **where, now=now)
    else:
        record = with_errors(found, errors)
        with archive.write_transaction(db):  # the row and its correction, or nothing
            row = archive.save_crawl_run(db, build_crawl_run(record, counts))
            if found.finish_reason not in (None, "finished"):
                archive.save_run_stopped_early(db, row, found.finish_reason)
        report.runs.append(_stored_run(db, found.run_id, row))
        counts.clear()
        errors.clear()
        return
    counts[outcome] += 1
    report.counts[outcome] += 1


def with_errors(record: CrawlRecord, errors: list[list[str]]) -> CrawlRecord:
    """The crawl's record with the errors its output met on the way into the archive."""
    kinds = Counter(record.errors_by_kind)
    kinds.update(kind for kind, _ in errors)
    messages = [*record.error_messages, *(message for _, message in errors)]
    return dataclasses.replace(record, errors_by_kind=dict(kinds), error_messages=messages)
