import pytest

from spiders.pages.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-07T04:35:01+00:00", "2023-01-07T04:35:01+00:00"),
        ("2023-01-07T04:35:01", "2023-01-07T04:35:01+00:00"),  # WordPress date_gmt: naive is UTC
        ("2026-01-22T16:40:00Z", "2026-01-22T16:40:00+00:00"),
        ("2026-01-23T08:00:00+01:00", "2026-01-23T08:00:00+01:00"),
        ("Thu, 22 Jan 2026 15:30:00 +0000", "2026-01-22T15:30:00+00:00"),
        ("Thu, 22 Jan 2026 15:30:00 GMT", "2026-01-22T15:30:00+00:00"),
        ("January 22, 2026", "2026-01-22"),
        ("22 January 2026", "2026-01-22"),
        ("Thu, 01/22/2026 - 16:40", "2026-01-22T16:40:00+00:00"),
        ("1/5/2023", "2023-01-05"),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_day_first_only_when_told():
    assert parse_date("1/5/2023", day_first=True) == "2023-05-01"


@pytest.mark.parametrize(
    "text", [None, "", "   ", "hello", "2023", "January 2026", "No items found."]
)
def test_no_date_is_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on 22 January 2026 · 4 min read", "2026-01-22"),
        ("Submitted by admin on Thu, 01/22/2026 - 16:40", "2026-01-22T16:40:00+00:00"),
        ("Geneva, 3 Nov 2025", "2025-11-03"),
    ],
)
def test_find_date_inside_text(text, expected):
    assert find_date(text) == expected


def test_find_date_without_a_date():
    assert find_date("Since 2020, in 80 countries") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("22nd of January, 2026", "2026-01-22"),
        ("Sept 3, 2025", "2025-09-03"),
        ("Jan. 5, 2024", "2024-01-05"),
    ],
)
def test_english_month_names_without_dateparser(text, day):
    assert parse_date(text)[:10] == day


def test_impossible_day_is_no_date():
    assert parse_date("32 January 2026") is None


@pytest.mark.parametrize("text", ["yesterday", "2 days ago", "now", "today", "1700000000"])
def test_relative_words_are_no_date(text):
    """A page's "yesterday" would be the crawl's clock time: not a date the page wrote."""
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [["2026-01-22"], {"@value": "2026-01-22"}, 20260122])
def test_a_value_that_is_not_a_string_is_no_date(value):
    # JSON-LD gives lists and objects where a string is expected
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text", ["22 January 2026", "22 janvier 2026", "22 de enero de 2026", "22.01.2026"]
)
def test_partner_languages(text):
    assert parse_date(text) == "2026-01-22"


@pytest.mark.parametrize("day_first", [False, True])
def test_dotted_dates_are_day_first(day_first):
    assert parse_date("01.02.2026", day_first=day_first) == "2026-02-01"
