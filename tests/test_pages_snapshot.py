"""The parsers on the bundled offline snapshot (tests/sites, built by another part of the
project). Skipped when the snapshot is absent; expected values come from the seeds."""

from pathlib import Path

import pytest

from spiders.pages import extract_page

SITES = Path(__file__).parent / "sites"
SEED_SLUG = "dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf-to-strengthen-the-future-health-workforce"


def page(path: str, url: str):
    file = SITES / path
    if not file.exists():
        pytest.skip(f"snapshot page {path} not built")
    return extract_page(file.read_text(encoding="utf-8"), url)


@pytest.fixture(scope="module")
def seed():
    return page(f"dthlab/articles/{SEED_SLUG}.html", f"https://www.dthlab.org/articles/{SEED_SLUG}")


def test_seed_article_date_and_type(seed):
    assert (seed.kind, seed.item.published, seed.item.content_type) == (
        "article",
        "2026-01-22",
        "News & insights",
    )


def test_seed_article_about_sections(seed):
    assert [o.acronym for o in seed.organisations] == ["DTH-Lab", "IFMSA", "IPSF"]


def test_seed_article_related_listing_has_the_other_twenty_minus_missing(seed):
    # "You may also like" lists 20 entries, one of them the article itself
    assert len(seed.listing) == 19


def test_seed_article_body_has_no_cms_leftovers(seed):
    assert "No items found." not in seed.item.content_html


def test_ifmsa_about_page_is_an_organisation():
    result = page("ifmsa/about-ifmsa/index.html", "https://ifmsa.org/about-ifmsa/")
    assert (
        result.kind,
        result.organisations[0].acronym,
        len(result.organisations[0].objectives),
    ) == ("organisation", "IFMSA", 6)


def test_ipsf_news_listing_is_a_listing_not_an_article():
    result = page("ipsf/news.html", "https://www.ipsf.org/news")
    assert (result.kind, result.next_page) == ("listing", "https://www.ipsf.org/news?page=1")


def test_article_with_about_in_its_slug_is_an_article():
    # a Webflow item page stays an item page whatever words its address holds
    result = page(
        "dthlab/articles/a-mandate-for-action-council-of-the-eu-calls-for-safer-digital-environments-for-young-people.html",
        "https://www.dthlab.org/articles/what-we-know-about-digital-health",
    )
    assert (result.kind, result.item.title) == (
        "article",
        "A mandate for action: Council of the EU calls for safer digital environments for young people",
    )
