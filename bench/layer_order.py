"""layer_order: why each field's layers are in the order they are, measured on the corpus.

``python bench/layer_order.py`` runs our extraction over the corpus's articles as built,
then once per alternative order (one choice changed at a time) and prints the field's
share for each, plus how many pages without a publication date were given one (a date
invented). The order kept in ``spiders/pages/article.py`` is the row "as built".
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import htmldate

sys.path.insert(0, str(Path.cwd()))

from bench import accuracy
from spiders.pages import article, generic


@contextmanager
def patched(owner: object, name: str, value: object) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _htmldate_whole_page(extensive: bool) -> Callable:
    def read(tree, url):
        try:
            found = htmldate.find_date(
                tree,
                url=url,
                outputformat="%Y-%m-%d",
                original_date=True,
                extensive_search=extensive,
            )
        except ValueError:
            return None
        return found or None

    return read


def _title_in_order(*layers: str) -> Callable:
    def title(self):
        found = dict(reversed(self.title_candidates()))
        return next((found[layer] for layer in layers if found.get(layer)), None)

    return title


def _authors_trafilatura_first(original: Callable) -> Callable:
    def candidates(self):
        yield "trafilatura", self.generic.authors
        yield from original(self)

    return candidates


VARIANTS = [
    ("as built", None, None, None),
    ("date: htmldate on the whole page", generic, "read_published", _htmldate_whole_page(False)),
    ("date: htmldate, extensive search", generic, "read_published", _htmldate_whole_page(True)),
    (
        "title: JSON-LD, og:title, h1 ... (no agreement)",
        article.ArticlePage,
        "title",
        _title_in_order("json-ld", "og:title", "h1", "heading", "title", "trafilatura"),
    ),
    (
        "title: h1 first (no agreement)",
        article.ArticlePage,
        "title",
        _title_in_order("h1", "heading", "json-ld", "og:title", "title", "trafilatura"),
    ),
    (
        "title: trafilatura's",
        article.ArticlePage,
        "title",
        _title_in_order("trafilatura", "h1", "heading", "json-ld", "og:title", "title"),
    ),
    (
        "authors: trafilatura first",
        article.ArticlePage,
        "_author_candidates",
        _authors_trafilatura_first(article.ArticlePage._author_candidates),
    ),
]


def main() -> int:
    pages = [page for page in accuracy.load_corpus() if page.is_article]
    undated = {page.name for page in pages if not page.expected["published"]}
    print(f"== layer order ({len(pages)} articles, {len(undated)} without a date)")
    print(f"{'variant':48} {'date':>6} {'title':>6} {'authors':>8} {'dates invented':>15}")
    for label, owner, name, value in VARIANTS:
        with patched(owner, name, value) if owner else nullcontext():
            scores = accuracy.run_tool("ours", pages)
        invented = len(undated & set(scores.missed["date"]))
        print(
            f"{label:48} {scores.shares['date']:6.3f} {scores.shares['title']:6.3f} "
            f"{scores.shares['authors']:8.3f} {invented:>10}/{len(undated)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
