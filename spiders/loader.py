"""One spider per source: Scrapy's spider loader (``SPIDER_LOADER_CLASS``) built from
``sources.toml``, so ``scrapy list`` names the partners and ``scrapy crawl ifmsa`` (or a
Scrapyd job) collects one of them with its family's spider."""

from __future__ import annotations

from typing import Self

from scrapy import Request
from scrapy.settings import BaseSettings

from spiders.base import SourceSpider
from spiders.families import SPIDERS
from spiders.sources import Source, SourceConfigError, load_sources


def source_spider_class(source: Source) -> type[SourceSpider]:
    """A subclass of the source's family spider, named by the source's id."""
    family = SPIDERS[source.platform]
    return type(
        f"{family.__name__}_{source.id}",
        (family,),
        {"name": source.id, "source_id": source.id, "__module__": __name__},
    )


class SourceSpiderLoader:
    """Scrapy's ``SpiderLoaderProtocol`` over ``sources.toml`` (found as
    ``spiders.sources.sources_file`` says, from the ``SOURCES_FILE`` setting on).

    ``list()`` names the sources only; the family spiders (``wordpress`` ...) still load,
    for ``scrapy crawl wordpress -a source=ifmsa``, but are not listed. An unusable
    sources.toml leaves no source spiders and its one-line reason in ``problem``, which
    the project's ``scrapy`` commands print (Scrapy builds the loader before any command
    runs, where an exception would be a traceback)."""

    def __init__(self, sources: dict[str, Source], problem: str | None = None) -> None:
        self.sources = sources
        self.problem = problem
        self.spiders = {sid: source_spider_class(source) for sid, source in sources.items()}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        try:
            return cls(load_sources(settings.get("SOURCES_FILE")))
        except SourceConfigError as exc:
            return cls({}, problem=str(exc))

    def load(self, spider_name: str) -> type[SourceSpider]:
        if spider_name in self.spiders:
            return self.spiders[spider_name]
        if spider_name in SPIDERS:
            return SPIDERS[spider_name]
        raise KeyError(f"Spider not found: {spider_name}")

    def list(self) -> list[str]:
        return sorted(self.spiders)

    def find_by_request(self, request: Request) -> list[str]:
        """The sources whose hosts serve ``request`` (``scrapy fetch``/``parse`` use it)."""
        return [sid for sid, source in self.sources.items() if source.is_own_url(request.url)]
