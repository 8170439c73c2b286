"""``python -m pipeline.cli``: the ``partnerwire`` command, for cron and subprocesses."""

from pipeline.cli import main

main()
