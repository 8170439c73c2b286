"""Run the benchmarks: ``python bench/run.py`` (all but ``scale``) or ``python bench/run.py
extract ...`` (those named; ``scale`` runs only when named); ``--quick`` runs the
benchmarks that have a smaller size at that size (``make bench-quick``).

Each prints a table (what, ours, baseline, ratio) where the ratio is our time over the
bare baseline's time, measured in the same run on the same inputs; ``accuracy`` prints
ours vs trafilatura vs htmldate on the page corpus (tests/pages/); a summary follows.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time
from pathlib import Path

BENCHMARKS = (
    "extract",
    "normalise",
    "archive",
    "store",
    "publish",
    "crawl",
    "recrawl",
    "pipeline",
    "accuracy",
    "large_archive",
    "scale",
)
ON_REQUEST = ("scale",)  # minutes long: run only when named (``bench/run.py scale``)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    argv = [arg for arg in argv if arg != "--quick"]
    names = argv or [name for name in BENCHMARKS if name not in ON_REQUEST]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r} (known: {', '.join(BENCHMARKS)})")
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    results = []
    start = time.perf_counter()
    for name in names:
        bench = importlib.import_module(f"bench.{name}").run
        sized = "quick" in inspect.signature(bench).parameters
        result = bench(quick=quick) if sized else bench()
        print(result.table(), end="\n\n", flush=True)
        results.append(result)
    print(f"== summary (ours / baseline; {time.perf_counter() - start:.0f} s in all)")
    for result in results:
        print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
