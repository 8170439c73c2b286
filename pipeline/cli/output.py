"""What the commands print: plain-text tables, JSON, and the crawl and publish summaries
(text, and the ``--json`` documents with the exit code they end with).
"""

from __future__ import annotations

import json
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
