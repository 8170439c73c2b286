"""``scrapy check [SOURCE...]``: the spider contracts (``spiders/contracts.py``) of each
source, or one line saying why there is nothing to check."""

from __future__ import annotations

import argparse

from scrapy.commands import check

from pipeline.scrapy_commands import refuse, sources_problem, spider_problem


class Command(check.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        loader = self.crawler_process.spider_loader
        problems = [spider_problem(loader, name, opts.spargs) for name in args]
        if problem := next(filter(None, problems), None) or sources_problem(loader):
            return refuse(self, problem)
        return super().run(args, opts)
