"""``scrapy list``: the sources of sources.toml, or one line saying why there are none."""

from __future__ import annotations

import argparse

from scrapy.commands import list as scrapy_list
from scrapy.spiderloader import get_spider_loader

from pipeline.scrapy_commands import refuse, sources_problem


class Command(scrapy_list.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if problem := sources_problem(get_spider_loader(self.settings)):
            return refuse(self, problem)
        return super().run(args, opts)
