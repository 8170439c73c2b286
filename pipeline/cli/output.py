"""What the commands print: plain-text tables, JSON, and the crawl and publish summaries
(text, and the ``--json`` documents with the exit code they end with).
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from pipeline import archive
from pipeline.cli import exit_codes


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(rows: list[dict], columns: list[tuple[str, str, int]]) -> None:
    """Print rows as a plain-text table; columns are (key, heading, max width)."""
    if not rows:
        click.echo("(nothing found)")
        return
    cells = [[_cell(row.get(key), width) for key, _, width in columns] for row in rows]
    widths = [
        max(len(heading), *(len(r[i]) for r in cells)) for i, (_, heading, _) in enumerate(columns)
    ]
    click.echo("  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


TABLE_WIDTH = 100
"""Wrapped tables (search results) fit this many columns."""


def print_search_results(rows: list[dict], *, stories: bool = False) -> None:
    """Search results as a table that fits ``TABLE_WIDTH`` columns: date, source(s), type
    and title, the last three wrapped; then a line on how to see every column."""
    if not rows:
        click.echo("(nothing found)")
        return
    cells = [
        [
            (row.get("published") or "undated")[:10],
            ", ".join(row["sources"]) if stories else row.get("source"),
            row.get("type") or row.get("content_type") or "",
            row.get("title") or "",
        ]
        for row in rows
    ]
    print_wrapped_table(cells, [("date", 10), ("source", 8), ("type", 14), ("title", 0)])
    what = ("story", "stories") if stories else ("item", "items")
    count = f"{len(rows)} {what[len(rows) != 1]}"
    click.echo(f"({count}; --json or --csv for URLs and every column)")


def print_wrapped_table(
    cells: list[list[Any]], columns: Sequence[tuple[str, int]], width: int = TABLE_WIDTH
) -> None:
    """Rows of cells under headings, each cell wrapped to its column's width; a width
    of 0 takes what is left of ``width``, so no line is longer than ``width``."""
    gap = 2
    fixed = sum(w for _, w in columns) + gap * (len(columns) - 1)
    widths = [w or max(width - fixed, 10) for _, w in columns]
    click.echo(_wrapped_line([heading for heading, _ in columns], widths, gap)[0])
    for row in cells:
        for line in _wrapped_line(row, widths, gap):
            click.echo(line)


def _wrapped_line(row: Sequence[Any], widths: list[int], gap: int) -> list[str]:
    wrapped = [
        textwrap.wrap(" ".join(str(cell or "").split()), w, break_on_hyphens=False) or [""]
        for cell, w in zip(row, widths, strict=True)
    ]
    lines = []
    for i in range(max(len(cell) for cell in wrapped)):
        parts = [
            (cell[i] if i < len(cell) else "").ljust(w)
            for cell, w in zip(wrapped, widths, strict=True)
        ]
        lines.append((" " * gap).join(parts).rstrip())
    return lines


def print_csv(rows: list[dict], default_columns: Sequence[str]) -> None:
    """Rows as CSV: a header (the rows' keys, or ``default_columns`` when there are no
    rows), then one line per row; lists and objects as JSON text, None as empty."""
    columns = list(rows[0]) if rows else list(default_columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(column)) for column in columns])
    click.echo(out.getvalue(), nl=False)


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


SUMMARY_MESSAGES = 5  # failure lines per source in the text summary (--json has them all)


def run_exit_code(runs: list[dict]) -> int:
    return exit_codes.OK if all(run["status"] == "ok" for run in runs) else exit_codes.SOME_FAILED


def print_crawl_summary(
    runs: list[dict],
    archive_path: Path,
    detected: set[str] | frozenset[str] = frozenset(),
    *,
    heading: str = "Crawled into",
) -> None:
    """One line per source, then one line per failure (at most SUMMARY_MESSAGES). For
    the sources in ``detected`` (``platform = "auto"``) the line ends with the family the
    crawl detected."""
    click.echo(f"{heading} {archive_path}:")
    for run in runs:
        methods = ", ".join(run.get("methods") or []) or "-"
        if run["source"] in detected and run.get("platform"):
            methods += f"  as {run['platform']} (auto)"
        click.echo(
            f"  {run['source']:<8} {run['status']:<7} {run['pages']:>4} pages "
            f"({run.get('pages_not_modified') or 0} not modified)  "
            f"{run['items_new']:>3} new  {run['items_updated']:>3} updated  "
            f"{run['items_unchanged']:>3} unchanged  {run['profiles_new']:>2} profiles  "
            f"{run['errors']:>2} errors  {run['duration_seconds']:.1f}s  via {methods}"
        )
        messages = run.get("error_messages") or []
        for message in messages[:SUMMARY_MESSAGES]:
            click.echo(f"           ! {message}")
        if len(messages) > SUMMARY_MESSAGES:
            click.echo(f"           ! ... and {len(messages) - SUMMARY_MESSAGES} more (--json)")
        elif run["errors"] and not messages:
            click.echo(f"           ! errors: {run.get('errors_by_kind')}")


def run_summary(runs: list[dict], archive_path: Path) -> dict[str, Any]:
    """The run as one JSON document (``--json``)."""
    return {
        "archive": str(archive_path),
        "run_id": runs[0]["run_id"] if runs else None,
        "exit_code": run_exit_code(runs),
        "sources": [
            {key: run.get(key) for key in archive.CRAWL_RUN_FIELDS if key != "run_id"}
            for run in runs
        ],
    }


def print_publish_report(report: Any, out_dir: Path) -> None:
    click.echo(f"Published to {out_dir}/: {report.summary()}")
    for message in report.hub_errors:
        click.echo(f"  ! hub: {message}")


def publish_summary(report: Any, out_dir: Path) -> dict[str, Any]:
    return {"out": str(out_dir), "summary": report.summary(), "hub_errors": report.hub_errors}
