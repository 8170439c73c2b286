"""Run the benchmarks: ``python bench/run.py`` (all), ``python bench/run.py extract ...``
or ``python bench/run.py --quick`` (the ~2-minute ones, quick: ``make bench-quick``).

Each prints a table (what, ours, baseline, ratio) where the ratio is our time over the
bare baseline's time, measured in the same run on the same inputs; ``accuracy`` prints
ours vs trafilatura vs htmldate on the page corpus (tests/pages/); a summary follows.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

BENCHMARKS = ("extract", "normalise", "archive", "publish", "crawl", "scale", "accuracy")
QUICK = ("scale",)
"""``--quick`` (``make bench-quick``): these, each in its quick form (``BENCH_QUICK=1``)."""


def main(argv: list[str]) -> int:
    if "--quick" in argv:
        os.environ["BENCH_QUICK"] = "1"
        argv = [a for a in argv if a != "--quick"] or list(QUICK)
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r} (known: {', '.join(BENCHMARKS)})")
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    results = []
    start = time.perf_counter()
    for name in names:
        result = importlib.import_module(f"bench.{name}").run()
        print(result.table(), end="\n\n", flush=True)
        results.append(result)
    print(f"== summary (ours / baseline; {time.perf_counter() - start:.0f} s in all)")
    for result in results:
        print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
