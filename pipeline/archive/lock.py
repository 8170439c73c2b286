"""The crawl's archive lock: one writer at a time.

A crawl (``crawl``, ``run``, ``demo``) holds ``<archive>.lock`` beside the archive for
its whole duration (``filelock``: an OS lock on the file, so a killed process never
leaves a stale lock behind). The holder writes its pid and start time into the file, so a
second crawl can say who has it. Readers (``publish``, ``search``, Datasette) never take
it: SQLite's WAL lets them read while the crawl writes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from spiders.pages.dates import to_utc_iso


class ArchiveLocked(Exception):
    """Another crawl holds the archive's lock; the message says who and since when."""

    def __init__(self, lock_path: Path, holder: str) -> None:
        self.lock_path = lock_path
        self.holder = holder
        super().__init__(f"another crawl holds {lock_path} ({holder}); use --wait to queue")


def lock_path_for(archive_path: str | os.PathLike[str]) -> Path:
    """``archive.db`` -> ``archive.db.lock``, in the same folder."""
    path = Path(archive_path)
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def archive_lock(
    archive_path: str | os.PathLike[str],
    *,
    wait: float | None = 0,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """Hold the archive's lock for the ``with`` block; yields the lock file's path.

    ``wait`` is how long to wait for another crawl to finish: 0 (the default) tries
    once, None waits as long as it takes. ``on_wait(holder)`` is called once before
    waiting, with what the holder wrote ("pid N, since T"). Raises ``ArchiveLocked``
    when the lock could not be had in that time.
    """
    path = lock_path_for(archive_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait == 0:
            raise ArchiveLocked(path, read_holder(path)) from None
        if on_wait is not None:
            on_wait(read_holder(path))
        try:
            lock.acquire(timeout=-1 if wait is None else wait)
        except Timeout:
            raise ArchiveLocked(path, read_holder(path)) from None
    try:
        since = to_utc_iso(datetime.now(UTC))
        path.write_text(f"pid {os.getpid()}, since {since}\n", encoding="utf-8")
        yield path
    finally:
        lock.release()


def read_holder(lock_path: Path) -> str:
    """What the holder wrote ("pid N, since T"), or a plain stand-in if nothing yet."""
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "pid unknown"
