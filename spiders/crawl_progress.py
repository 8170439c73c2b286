"""What a crawl is doing while it runs: a live display per source on a terminal
(``rich``), and with ``-v`` one line per response. Connected to each crawler's signals
by ``spiders.crawl.run_crawl(watch=...)``; it reads the counts from the crawler's stats,
so it shows what ``crawl_runs`` will record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from spiders.items import SeenItem
from spiders.sources import Source

_COUNTED_SIGNALS = (
    signals.response_received,
    signals.item_scraped,
    signals.item_dropped,
    signals.item_error,
    signals.spider_error,
    signals.spider_closed,  # the archive writes its last batch of items as the spider closes
)


def live_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The running counts of one crawl, from its Scrapy stats."""
    return {
        "pages": stats.get("response_received_count", 0),
        "not_modified": stats.get("httpcache/revalidate", 0),
        "items_new": stats.get("partnerwire/items_new", 0),
        "items_updated": stats.get("partnerwire/items_updated", 0),
        "errors": sum(v for k, v in stats.items() if k.startswith("partnerwire/errors/")),
    }


def format_counts(counts: dict[str, int]) -> str:
    return (
        f"{counts['pages']} pages ({counts['not_modified']} not modified)  "
        f"{counts['items_new']} new  {counts['items_updated']} updated  "
        f"{counts['errors']} errors"
    )


class CrawlProgress:
    """Watches crawls: ``live`` shows a rich progress display (on a terminal),
    ``pages`` writes one line per response to ``stream`` (``-v``)."""

    def __init__(self, stream: TextIO, *, live: bool, pages: bool) -> None:
        self.stream = stream
        self.pages = pages
        self.progress = (
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description:<8}"),
                TextColumn("{task.fields[counts]}"),
                console=Console(file=stream),
                transient=True,
            )
            if live
            else None
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> CrawlProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def watch(self, crawler: Crawler, source: Source) -> None:
        """Follow one source's crawl (``run_crawl(watch=...)``)."""
        if self.progress is not None:
            self.tasks[source.id] = self.progress.add_task(
                source.id, total=None, counts=format_counts(live_counts({}))
            )
            for signal in _COUNTED_SIGNALS:
                crawler.signals.connect(self._update(crawler, source.id), signal=signal, weak=False)
            crawler.signals.connect(
                self._finish(source.id), signal=signals.spider_closed, weak=False
            )
        if self.pages:
            crawler.signals.connect(
                self._page_line(source), signal=signals.response_received, weak=False
            )
            crawler.signals.connect(
                self._item_line(source), signal=signals.item_scraped, weak=False
            )

    def _update(self, crawler: Crawler, source_id: str) -> Callable[..., None]:
        def update(**_: Any) -> None:
            counts = live_counts(crawler.stats.get_stats() if crawler.stats else {})
            self.progress.update(self.tasks[source_id], counts=format_counts(counts))

        return update

    def _finish(self, source_id: str) -> Callable[..., None]:
        def finish(**_: Any) -> None:
            self.progress.update(self.tasks[source_id], total=1, completed=1)

        return finish

    def _print(self, line: str) -> None:
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    def _page_line(self, source: Source) -> Callable[..., None]:
        def page_line(response: Response, **_: Any) -> None:
            flags = " (not modified)" if "cached" in response.flags else ""
            self._print(
                f"{source.id:<8} {response.status} {source.public_url(response.url)}{flags}"
            )

        return page_line

    def _item_line(self, source: Source) -> Callable[..., None]:
        def item_line(item: Any, **_: Any) -> None:
            kind = "profile" if hasattr(item, "acronym") else "item"
            if isinstance(item, SeenItem):
                kind = "item (not modified, not read again)"
            self._print(f"{source.id:<8}     -> {kind}: {getattr(item, 'url', '?')}")

        return item_line
