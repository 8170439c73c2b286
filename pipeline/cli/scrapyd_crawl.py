"""``crawl --scrapyd URL ...``: the crawl spread over Scrapyd nodes
(``pipeline.scrapyd_jobs``), then their output ingested into the archive
(``pipeline.ingest``), leaving the same ``crawl_runs`` rows a local crawl leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline import archive
from pipeline.cli.crawling import CrawlPlan, did_not_run, new_run_id
from pipeline.cli.options import InputError
from pipeline.ingest import ingest_file
from pipeline.scrapyd import NodeError, job_settings
from pipeline.scrapyd_jobs import NodeRun
from spiders.crawl_inputs import parse_base_urls
from spiders.job_input import ARGUMENT, build_archived_argument


def default_output(archive_path: Path) -> Path:
    """Where jobs write when ``--output`` is not given: beside the archive."""
    return archive_path.parent / f".{archive_path.name}.jobs"


def archived_arguments(plan: CrawlPlan) -> dict[str, dict[str, str]]:
    """Each source's spider arguments: what the archive holds of it (``archived``, see
    ``spiders.job_input``), which a job cannot read itself."""
    try:
        db = archive.open_archive(plan.archive_path)
    except archive.ArchiveError as exc:
        raise InputError(str(exc)) from None
    try:
        return {
            source.id: {
                ARGUMENT: build_archived_argument(
                    # nothing while no crawl of it ran to its end: a first crawl again
                    archive.query_newest_item_urls(db, source.id)
                    if archive.query_history_walked(db, source.id)
                    else ()
                )
            }
            for source in plan.sources
        }
    finally:
        db.close()


def say_problems(problems: list[str], at_most: int = 20) -> None:
    """One line on stderr for each line of a job's output that was not stored."""
    for problem in problems[:at_most]:
        click.echo(problem, err=True)
    if len(problems) > at_most:
        click.echo(f"... and {len(problems) - at_most} more lines not stored", err=True)


def crawl_on_scrapyd(plan: CrawlPlan, options: dict[str, Any]) -> list[dict]:
    """Run the plan's sources as Scrapyd jobs, told what the archive holds of their
    source, ingest what they wrote, and return this run's crawl_runs rows, one per source
    (``failed`` for a job that left no record). Each line of their output that was not
    stored is one line on stderr (``FILE:LINE: why``) and an error of its run."""
    output = (options["output"] or default_output(plan.archive_path)).resolve()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--output {output}: {exc.strerror or exc}") from None
    run_id = new_run_id()
    base_urls = parse_base_urls(options["base_urls"])  # checked by the plan already
    run = NodeRun(
        list(options["scrapyd"]),
        output,
        run_id,
        lambda job_output: job_settings(job_output, run_id, base_urls, plan.overrides),
        say=lambda line: click.echo(line, err=True),
        arguments=archived_arguments(plan),
    )
    source_ids = [source.id for source in plan.sources]
    try:
        jobs = run.run(source_ids, options["poll"])
    except NodeError as exc:
        raise InputError(str(exc)) from None
    if not run.attempts:
        raise InputError("no Scrapyd node can run the crawl: " + ", ".join(run.nodes) + " failed")
    sources = {source.id: source for source in plan.sources}
    db = archive.open_archive(plan.archive_path)
    try:
        runs = {}
        for job in jobs:
            if job.output.exists():
                report = ingest_file(db, job.output, sources)
                say_problems(report.problems)
                for row in report.runs:
                    runs[row["source"]] = row
            if job.source not in runs:
                why = job.why or f"job {job.job_id} on {job.node} left no run record"
                runs[job.source] = did_not_run(db, run_id, sources[job.source], why)
        archive.checkpoint(db)
    finally:
        db.close()
    return [runs[source_id] for source_id in source_ids]
