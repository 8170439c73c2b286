"""Text tables for the benchmarks' output (no project imports, so any benchmark can use it
whatever code it measures)."""

from __future__ import annotations


def aligned(cells: list[tuple[str, ...]]) -> list[str]:
    """Rows of a text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cell, widths, strict=True))
        )
        for cell in cells
    ]
