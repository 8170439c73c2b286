"""The exit codes of the ``partnerwire`` command, for cron and scripts (see the README)."""

from __future__ import annotations

OK = 0  # every source ran and is "ok"
SOME_FAILED = 1  # some sources failed or were partial; publishing still happened
NOTHING_RAN = 2  # nothing could run: bad command line, configuration, input or archive
LOCKED = 3  # another crawl holds the archive's lock (and --wait was not given)
