"""pipeline.archive.lock: one crawl at a time holds an archive's lock file.

The other holder is always a real second process (an OS file lock is per process).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.archive.lock import ArchiveLocked, archive_lock, lock_path_for
from tests.helpers import REPO

HOLD = """
import sys, time
from pipeline.archive.lock import archive_lock
with archive_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()  # hold until told (or killed)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock of tmp_path/archive.db until its stdin closes."""
    archive_path = tmp_path / "archive.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(archive_path)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    yield archive_path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_the_lock_file_sits_beside_the_archive(tmp_path):
    assert lock_path_for(tmp_path / "a" / "archive.db") == tmp_path / "a" / "archive.db.lock"
    with archive_lock(tmp_path / "a" / "archive.db") as path:
        assert path.read_text().startswith(f"pid {os.getpid()}, since ")


def test_a_second_crawl_is_refused_at_once_and_told_who_holds_it(holder):
    archive_path, proc = holder
    with pytest.raises(ArchiveLocked) as refused, archive_lock(archive_path):
        pytest.fail("got a lock another process holds")
    message = str(refused.value)
    assert message.startswith(f"another crawl holds {archive_path}.lock (pid {proc.pid}, since ")
    assert message.endswith("); use --wait to queue")


def test_a_waiting_crawl_gives_up_after_its_timeout(holder):
    archive_path, _ = holder
    told = []
    with pytest.raises(ArchiveLocked), archive_lock(archive_path, wait=0.3, on_wait=told.append):
        pytest.fail("got a lock another process holds")
    assert len(told) == 1
    assert told[0].startswith("pid ")


def test_a_waiting_crawl_runs_when_the_holder_is_done(holder):
    archive_path, proc = holder
    proc.stdin.close()  # the holder finishes while we wait
    with archive_lock(archive_path, wait=None) as path:
        assert path.read_text().startswith(f"pid {os.getpid()},")
    assert proc.wait() == 0


def test_a_killed_holder_leaves_no_stale_lock(holder):
    archive_path, proc = holder
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while True:
        try:
            with archive_lock(archive_path):
                break
        except ArchiveLocked:  # the kernel releases it as the process goes
            assert time.monotonic() < deadline, "the lock outlived its killed holder"
            time.sleep(0.05)
