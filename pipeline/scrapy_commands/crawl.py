"""``scrapy crawl <source>`` (or ``<family> -a source=<id>``) as ``partnerwire crawl``
does it: the HTTP cache beside the archive, the archive's lock held (by the archive
pipeline), and a mistake said in one line."""

from __future__ import annotations

import argparse
from pathlib import Path

from scrapy.commands import crawl
from scrapy.settings import SETTINGS_PRIORITIES

from pipeline.cli.exit_codes import LOCKED
from pipeline.scrapy_commands import lock_problem, refuse, spider_problem
from spiders.crawl import cache_dir_for


class Command(crawl.Command):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        settings = self.settings
        if settings.getpriority("HTTPCACHE_DIR") < SETTINGS_PRIORITIES["cmdline"]:
            archive_path = Path(settings.get("ARCHIVE_PATH")).resolve()
            settings.set("HTTPCACHE_DIR", str(cache_dir_for(archive_path)), priority="project")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            loader = self.crawler_process.spider_loader
            if problem := spider_problem(loader, args[0], opts.spargs):
                return refuse(self, problem)
            if problem := lock_problem(self.settings):
                return refuse(self, problem, LOCKED)
        return super().run(args, opts)
