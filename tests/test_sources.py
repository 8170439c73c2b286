"""sources.toml: the bundled file loads, and every kind of bad entry names source and field."""

import pytest

from spiders.sources import SourceConfigError, load_sources, parse_source, with_base_urls

GOOD = {
    "name": "Example",
    "homepage": "https://www.example.org/",
    "platform": "wordpress",
    "collect": ["feed"],
    "feed": "/feed/",
}


def test_bundled_sources_load():
    sources = load_sources()
    assert set(sources) >= {"dthlab", "ifmsa", "ipsf"}
    assert sources["ifmsa"].collect[0] == "rest"
    assert sources["dthlab"].homepage == "https://www.dthlab.org"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"homepage": None}, "source 'ex': field 'homepage' is missing"),
        ({"homepage": "ftp://x.org"}, "field 'homepage' must be an http(s) URL"),
        ({"platform": "joomla"}, "field 'platform' must be one of"),
        ({"collect": ["rss"]}, "field 'collect' has unknown method 'rss'"),
        ({"collect": ["rest"]}, "field 'collect' names 'rest' but 'rest' is not set"),
        ({"collect": "feed"}, "field 'collect' must be a list of strings"),
        ({"item_patterns": ["(unclosed"]}, "field 'item_patterns' has a bad pattern"),
        ({"colect": ["feed"]}, "unknown field 'colect'"),
        ({"platform": "drupal", "collect": ["rest"], "rest": "/x"}, "only platform 'wordpress'"),
        ({"render": "chrome"}, "field 'render' must be 'browser', got 'chrome'"),
        ({"date_order": "DD/MM"}, "field 'date_order' must be 'DMY' or 'MDY'"),
    ],
)
def test_bad_entry_names_source_and_field(change, message):
    entry = {**GOOD, **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(SourceConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_source("ex", entry)


def test_iads_is_a_rendered_application_with_day_first_dates():
    iads = load_sources()["iads"]
    assert (iads.platform, iads.render, iads.day_first) == ("app", "browser", True)


@pytest.mark.parametrize(
    ("fields", "day_first"),
    [
        ({}, True),
        ({"language": "en-US"}, False),
        ({"language": "en-US", "date_order": "DMY"}, True),
        ({"language": "fr", "date_order": "MDY"}, False),
    ],
)
def test_date_order_says_how_numeric_dates_read(fields, day_first):
    assert parse_source("ex", {**GOOD, **fields}).day_first is day_first


def test_one_bad_entry_stops_the_whole_file(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[sources.good]\nname="A"\nhomepage="https://a.org"\nplatform="drupal"\n'
        'collect=["feed"]\nfeed="/rss.xml"\n'
        '[sources.bad]\nname="B"\nhomepage="https://b.org"\nplatform="drupal"\n'
        'collect=["sitemap"]\n'
    )
    with pytest.raises(SourceConfigError, match="source 'bad': field 'collect' names 'sitemap'"):
        load_sources(path)


def test_broken_toml_is_a_plain_error(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[sources.x\nname=")
    with pytest.raises(SourceConfigError, match="not valid TOML"):
        load_sources(path)


def test_base_url_maps_both_ways():
    source = with_base_urls({"ex": parse_source("ex", GOOD)}, {"ex": "http://127.0.0.1:8001"})["ex"]
    assert source.fetch_url("/feed/?paged=2") == "http://127.0.0.1:8001/feed/?paged=2"
    assert source.fetch_url("https://example.org/a/") == "http://127.0.0.1:8001/a/"
    assert source.fetch_url("https://elsewhere.org/a/") == "https://elsewhere.org/a/"
    assert source.public_url("http://127.0.0.1:8001/a/?x=1") == "https://www.example.org/a/?x=1"


def test_base_url_for_unknown_source():
    with pytest.raises(SourceConfigError, match="unknown source 'nope'"):
        with_base_urls({"ex": parse_source("ex", GOOD)}, {"nope": "http://127.0.0.1:1"})


def test_other_hosts_of_a_site_are_its_own():
    source = parse_source("ex", {**GOOD, "hosts": ["example.net"]})
    assert source.own_url("https://example.net/a/?b=1#c") == "https://www.example.org/a/?b=1"
    assert source.own_url("https://example.org/a/") == "https://example.org/a/"
    assert source.own_url("https://elsewhere.org/a/") is None
