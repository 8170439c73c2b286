"""partnerwire's versions of Scrapy's ``crawl``, ``list`` and ``check`` commands
(``COMMANDS_MODULE``): Scrapy's own, except that a user's mistake is one line on stderr
(``Error: ...``) and an exit code, never a traceback: an unusable sources.toml, a family
spider without ``-a source``, an unknown source, an archive another crawl holds."""

from __future__ import annotations

import sys
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.settings import BaseSettings

from pipeline.archive.lock import ArchiveLocked, archive_lock
from pipeline.cli.exit_codes import NOTHING_RAN
from spiders.base import SourceSpider


def refuse(command: ScrapyCommand, message: str, exit_code: int = NOTHING_RAN) -> None:
    """Say what is wrong in one line and end the command with ``exit_code``."""
    print(f"Error: {message}", file=sys.stderr)
    command.exitcode = exit_code


def sources_problem(loader: Any) -> str | None:
    """Why the spider loader has no sources (an unusable sources.toml), or None."""
    return getattr(loader, "problem", None)


def spider_problem(loader: Any, name: str, spider_args: dict[str, str]) -> str | None:
    """Why spider ``name`` cannot collect anything with these ``-a`` arguments, or None."""
    if problem := sources_problem(loader):
        return problem
    known = ", ".join(loader.list())
    try:
        spider_class = loader.load(name)
    except KeyError:
        return f"no spider '{name}': name a source ({known}) or a family with -a source=<id>"
    if not issubclass(spider_class, SourceSpider):
        return None
    source_id = spider_args.get("source") or spider_class.source_id
    if not source_id:
        return f"spider '{name}' needs a source: -a source=<id> (one of: {known})"
    if source_id not in loader.sources:
        return f"unknown source '{source_id}' (known: {known})"
    return None


def lock_problem(settings: BaseSettings) -> str | None:
    """Who holds the archive's lock when the crawl would need it now, or None. The
    archive pipeline takes the lock for real; this only says it in one line first."""
    if not (settings.getbool("ARCHIVE_ENABLED") and settings.getbool("ARCHIVE_LOCK")):
        return None
    try:
        with archive_lock(settings.get("ARCHIVE_PATH")):
            return None
    except ArchiveLocked as exc:
        return f"another crawl holds {exc.lock_path} ({exc.holder})"
