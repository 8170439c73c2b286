"""spiders.job_input: what a job away from the archive is told of it, within the cap."""

from __future__ import annotations

import json

import pytest

from spiders.job_input import ARGUMENT_CAP, build_archived_argument, parse_archived_argument
from spiders.wordpress import WordPressSpider


def urls(n: int) -> list[str]:
    return [f"https://ifmsa.org/news/{i:06d}-a-longer-slug-than-most-sites-use/" for i in n]


def test_the_argument_is_read_back_as_the_urls_given():
    given = urls(range(3))
    assert parse_archived_argument(build_archived_argument(given)) == given
    assert parse_archived_argument(build_archived_argument([])) == []


def test_a_long_list_is_cut_at_the_cap_keeping_the_newest():
    given = urls(range(5000))  # newest first, about 400 KB
    text = build_archived_argument(given)
    assert len(text.encode()) <= ARGUMENT_CAP < len(json.dumps(given))
    kept = parse_archived_argument(text)
    assert kept == given[: len(kept)]
    assert len(kept) > 1000
    assert len(build_archived_argument(given, cap=500)) <= 500


@pytest.mark.parametrize("text", ["not json", '{"a": 1}', "[1, 2]"])
def test_anything_else_is_refused_saying_why(text):
    with pytest.raises(ValueError, match="'archived' argument"):
        parse_archived_argument(text)


def test_a_spider_given_the_argument_knows_the_archived_items():
    known = urls(range(2))
    spider = WordPressSpider(source="ifmsa", archived=build_archived_argument(known))
    assert not spider.first_crawl
    assert spider.archived_url(known[1]) == known[1]
    assert WordPressSpider(source="ifmsa", archived="[]").first_crawl
