"""One spider per source: the spider loader built from sources.toml, and where that file
is found (setting, environment variable, beside the code, inside the package)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from spiders import sources as sources_module
from spiders.auto import AutoSpider
from spiders.drupal import DrupalSpider
from spiders.generic import GenericSpider
from spiders.loader import SourceSpiderLoader
from spiders.sources import SourceConfigError, load_sources, sources_file
from spiders.wordpress import WordPressSpider
from tests.helpers import sources_toml

TWO_SOURCES = sources_toml(
    {
        "newsdesk": """
            name = "A news desk"
            homepage = "https://news.example.org"
            platform = "drupal"
            collect = ["feed"]
            feed = "/rss.xml"
            hosts = ["cdn.example.net"]
        """,
        "blog_two": """
            name = "Another blog"
            homepage = "https://blog.example.com"
            platform = "auto"
            collect = ["feed"]
            feed = "/feed/"
        """,
    }
)


@pytest.fixture
def partners(tmp_path: Path) -> Path:
    path = tmp_path / "partners.toml"
    path.write_text(TWO_SOURCES, encoding="utf-8")
    return path


@pytest.fixture
def loader(partners: Path) -> SourceSpiderLoader:
    return SourceSpiderLoader.from_settings(Settings({"SOURCES_FILE": str(partners)}))


def test_lists_the_sources_not_the_families(loader: SourceSpiderLoader) -> None:
    assert loader.list() == ["blog_two", "newsdesk"]


def test_each_source_is_a_spider_of_its_family_named_by_its_id(
    loader: SourceSpiderLoader,
) -> None:
    newsdesk, blog = loader.load("newsdesk"), loader.load("blog_two")
    assert issubclass(newsdesk, DrupalSpider)
    assert issubclass(blog, AutoSpider)
    assert (newsdesk.name, blog.name) == ("newsdesk", "blog_two")


def test_family_spiders_still_load_but_unknown_names_do_not(
    loader: SourceSpiderLoader,
) -> None:
    assert loader.load("wordpress") is WordPressSpider
    assert loader.load("generic") is GenericSpider
    with pytest.raises(KeyError):
        loader.load("source")
    with pytest.raises(KeyError):
        loader.load("ifmsa")  # not in this sources file


def test_find_by_request_names_the_source_whose_hosts_serve_it(
    loader: SourceSpiderLoader,
) -> None:
    assert loader.find_by_request(Request("https://news.example.org/node/4")) == ["newsdesk"]
    assert loader.find_by_request(Request("https://cdn.example.net/a.jpg")) == ["newsdesk"]
    assert loader.find_by_request(Request("https://elsewhere.example/")) == []


def test_a_source_spider_needs_no_source_argument(
    loader: SourceSpiderLoader, partners: Path
) -> None:
    spider_class = loader.load("newsdesk")
    spider = spider_class.from_crawler(get_crawler(spider_class, {"SOURCES_FILE": str(partners)}))
    assert spider.source.id == "newsdesk"
    assert spider.source.homepage == "https://news.example.org"


def test_a_family_spider_without_a_source_says_so() -> None:
    crawler = get_crawler(WordPressSpider)
    with pytest.raises(SourceConfigError, match="needs a source: -a source=<id>"):
        WordPressSpider.from_crawler(crawler)


def test_sources_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setting, env = tmp_path / "setting.toml", tmp_path / "env.toml"
    monkeypatch.setenv("PARTNERWIRE_SOURCES", str(env))
    assert sources_file(setting) == setting  # the setting first
    assert sources_file() == env  # then the environment variable
    monkeypatch.delenv("PARTNERWIRE_SOURCES")
    assert sources_file() == sources_module.DEFAULT_SOURCES_FILE  # then beside the code
    monkeypatch.setattr(sources_module, "DEFAULT_SOURCES_FILE", tmp_path / "absent.toml")
    packaged = sources_file()  # else the copy inside the package
    assert packaged.name == "sources.toml"
    assert set(load_sources()) == set(load_sources(Path(__file__).parent.parent / "sources.toml"))
