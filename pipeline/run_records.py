"""From a crawl's record of itself (``spiders.items.CrawlRecord``) and what the archive
did with its items to the run's ``crawl_runs`` row: the one rule for a run's status, the
same for a local crawl (``ArchivePipeline``) and for a job's output (``ingest``). Pure."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.archive import CrawlRun
from spiders.items import CrawlRecord

ITEM_OUTCOMES = ("new", "updated", "unchanged")


def missing_items(record: CrawlRecord, counts: Mapping[str, int]) -> str | None:
    """Why the run archived fewer items than the announced item pages it fetched, or
    None. Every page gives at most one item and each save is counted, so two announced
    URLs folding into one canonical item still count twice here."""
    archived = sum(counts.get(f"items_{outcome}", 0) for outcome in ITEM_OUTCOMES)
    if archived >= record.item_pages:
        return None
    return (
        f"{record.source}: {record.item_pages} announced item pages fetched, "
        f"{archived} items archived"
    )


def build_crawl_run(record: CrawlRecord, counts: Mapping[str, int]) -> CrawlRun:
    """The ``crawl_runs`` row of a crawl: ``counts`` are the archive's outcomes
    (``items_new``, ``items_updated``, ``items_unchanged``, ``profiles_new``,
    ``profiles_changed``...). ``ok`` only with no error and no missing item; ``partial``
    when something was stored; else ``failed``."""
    saved = sum(v for k, v in counts.items() if k.startswith(("items_", "profiles_")))
    errors = sum(record.errors_by_kind.values())
    messages = list(record.error_messages)
    shortfall = missing_items(record, counts)
    if shortfall:
        messages.append(shortfall)
    failing = sum(
        n for kind, n in record.errors_by_kind.items() if kind not in record.errors_not_failing
    )
    status = "ok" if not failing and not shortfall else ("partial" if saved else "failed")
    return {
        "run_id": record.run_id,
        "source": record.source,
        "started": record.started,
        "finished": record.finished,
        "duration_seconds": record.duration_seconds,
        "status": status,
        "pages": record.pages,
        "pages_not_modified": record.pages_not_modified,
        "items_new": counts.get("items_new", 0),
        "items_updated": counts.get("items_updated", 0),
        "items_unchanged": counts.get("items_unchanged", 0),
        "profiles_new": counts.get("profiles_new", 0) + counts.get("profiles_changed", 0),
        "errors": errors,
        "errors_by_kind": dict(record.errors_by_kind),
        "error_messages": messages,
        "methods": list(record.methods),
        "platform": record.platform,
        "drift": list(record.drift),
    }
