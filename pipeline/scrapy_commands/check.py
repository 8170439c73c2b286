"""``scrapy check [SOURCE...]``: the spider contracts (``spiders/contracts.py``) of each
source, asked of the sites themselves (no HTTP cache), or one line saying why there is
nothing to check."""

from __future__ import annotations

import argparse

from scrapy.commands import check
from scrapy.settings import SETTINGS_PRIORITIES

from pipeline.scrapy_commands import refuse, sources_problem, spider_problem


class Command(check.Command):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if self.settings.getpriority("HTTPCACHE_ENABLED") < SETTINGS_PRIORITIES["cmdline"]:
            self.settings.set("HTTPCACHE_ENABLED", False, priority="project")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        loader = self.crawler_process.spider_loader
        problems = [spider_problem(loader, name, opts.spargs) for name in args]
        if problem := next(filter(None, problems), None) or sources_problem(loader):
            return refuse(self, problem)
        return super().run(args, opts)
