"""The ``partnerwire`` command line: a thin layer over the library.

Each command opens what it needs, calls one function, and turns expected failures
(missing archive, unknown source, bad date, bad config) into a one-line error. Exit
codes are ``pipeline.cli.exit_codes``: 0 all ok, 1 some sources failed or partial, 2 nothing
could run (bad command line, configuration, input or archive).

The rooms: ``crawling`` (crawl, run, demo, schedule), ``publishing`` (publish, serve),
``queries`` (search, orgs, sources), ``browsing`` (browse: Datasette), ``extract``,
``sources_add`` (add), ``ingesting`` (ingest), ``output`` (tables, JSON, summaries),
``options`` (shared options and value parsers) and ``exit_codes``.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from pipeline.cli import (
    browsing,
    crawling,
    exit_codes,
    extract,
    ingesting,
    publishing,
    queries,
    sources_add,
)
from pipeline.cli.options import site_of
from pipeline.site_config import command_defaults


class OneLineErrors(click.Group):
    """A command group whose every error is one line on stderr (``Error: ...``), with
    the exit code of ``pipeline.cli.exit_codes``; never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _exit_with_error(exc.format_message() + hint, exc.exit_code)
        except click.ClickException as exc:
            _exit_with_error(exc.format_message(), exc.exit_code)
        except click.exceptions.Abort:
            _exit_with_error("interrupted", exit_codes.NOTHING_RAN)
        except Exception as exc:  # a bug: still one line, and say so
            _exit_with_error(
                f"unexpected {type(exc).__name__}: {exc} (a bug in partnerwire: please report it)",
                exit_codes.NOTHING_RAN,
            )
        sys.exit(result if isinstance(result, int) else exit_codes.OK)


def _exit_with_error(message: str, code: int) -> None:
    one_line = " ".join(line.strip() for line in message.splitlines() if line.strip())
    click.echo(f"Error: {one_line}", err=True)
    sys.exit(code)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partnerwire")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """partnerwire: one news wire for a network of partner organisations.

    Crawl the partners' sites into one SQLite archive, query it, and publish it as feeds.
    Exit codes: 0 all ok, 1 some sources failed or partial, 2 nothing could run.
    """
    # [site] of the sources file gives defaults below flags and environment variables.
    ctx.obj = site_of(os.environ.get("PARTNERWIRE_SOURCES"))
    ctx.default_map = command_defaults(ctx.obj)


for command in (
    crawling.crawl,
    crawling.demo,
    crawling.run,
    crawling.schedule,
    ingesting.ingest,
    publishing.publish,
    publishing.serve,
    queries.search,
    queries.orgs,
    queries.sources_command,
    extract.extract,
    sources_add.add,
    browsing.browse,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="partnerwire")
