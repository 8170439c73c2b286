from pathlib import Path

import pytest

from spiders.pages import (
    HtmlDocument,
    extract_page,
    read_about_sections,
    read_organisation_page,
)

DATA = Path(__file__).parent / "data" / "pages"
SEED = (
    "https://www.dthlab.org/articles/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf"
)


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- "About X" sections in a Webflow press release (seed 000) ----------------------------
@pytest.fixture(scope="module")
def sections():
    return read_about_sections(
        HtmlDocument(read("webflow_article.html"), SEED),
        source="dthlab",
        observed="2026-01-22T00:00:00+00:00",
    )


def test_about_section_count(sections):
    assert len(sections) == 3


def test_about_names(sections):
    assert [s.name for s in sections] == [
        "Digital Transformations for Health Lab",
        "International Federation of Medical Students Associations",
        "International Pharmaceutical Students Association",
    ]


def test_about_acronyms(sections):
    assert [s.acronym for s in sections] == ["DTH-Lab", "IFMSA", "IPSF"]


def test_about_websites(sections):
    assert [s.website for s in sections] == [
        "https://dthlab.org",
        "https://ifmsa.org/",
        "https://www.ipsf.org/",
    ]


def test_about_description_is_the_paragraph(sections):
    assert sections[0].description.startswith(
        "DTH-Lab is a global consortium of partners based in Switzerland, Nigeria and India."
    )


def test_about_description_stops_before_website_and_contact(sections):
    assert "dthlab.org" not in sections[0].description.replace("DTH-Lab", "")
    assert "Contact" not in sections[0].description


def test_about_description_keeps_facts(sections):
    assert "133 member organizations from 123 countries" in sections[1].description


def test_about_last_section_does_not_swallow_the_page(sections):
    assert "Click on the links" not in sections[2].description


def test_about_kind_source_url_observed(sections):
    assert {(s.kind, s.source, s.url, s.observed) for s in sections} == {
        ("press_release", "dthlab", SEED, "2026-01-22T00:00:00+00:00")
    }


# --- WordPress "About IFMSA" in a <strong> within the paragraph ---------------------------
@pytest.fixture(scope="module")
def wp_sections():
    return read_about_sections(
        HtmlDocument(
            read("wordpress_post.html"),
            "https://ifmsa.org/ifmsa-and-dth-lab-formalise-partnership/",
        )
    )


def test_wp_about_strong_in_paragraph(wp_sections):
    assert [(s.name, s.acronym, s.website) for s in wp_sections] == [
        ("International Federation of Medical Students Associations", "IFMSA", "https://ifmsa.org/")
    ]


def test_wp_about_description_is_the_rest_of_the_paragraph(wp_sections):
    assert wp_sections[0].description.startswith(
        "The International Federation of Medical Students Associations (IFMSA) is a non-partisan"
    )


def test_drupal_about_h3_without_website():
    sections = read_about_sections(
        HtmlDocument(read("drupal_news.html"), "https://www.ipsf.org/news/x")
    )
    assert [(s.name, s.acronym, s.website) for s in sections] == [
        ("International Pharmaceutical Students' Federation", "IPSF", None)
    ]


def test_no_about_sections():
    assert (
        read_about_sections(HtmlDocument(read("foreign_ghost.html"), "https://blog.example.org/x/"))
        == []
    )


def test_about_heading_in_a_sentence_is_not_a_section():
    html = "<html><body><article><p>About 600 students attended the meeting in Geneva last week.</p><p>More text.</p></article></body></html>"
    assert read_about_sections(HtmlDocument(html, "https://x.example/")) == []


# --- the organisation's own page (seed 002 on WordPress) -------------------------------
@pytest.fixture(scope="module")
def ifmsa():
    return read_organisation_page(
        HtmlDocument(read("wordpress_page_about.html"), "https://ifmsa.org/about-ifmsa/"),
        source="ifmsa",
    )


def test_org_name(ifmsa):
    assert ifmsa.name == "International Federation of Medical Students Associations"


def test_org_acronym(ifmsa):
    assert ifmsa.acronym == "IFMSA"


def test_org_website(ifmsa):
    assert ifmsa.website == "https://ifmsa.org/"


def test_org_kind(ifmsa):
    assert ifmsa.kind == "organisation_page"


def test_org_observed_is_page_modified(ifmsa):
    assert ifmsa.observed == "2016-03-09T12:41:07+00:00"


def test_org_description_starts_with_founding(ifmsa):
    assert ifmsa.description.startswith(
        "The International Federation of Medical Students Associations (IFMSA) was founded in 1951"
    )


def test_org_description_holds_size_and_whsa(ifmsa):
    assert "124 National Member Organizations from more than 115 countries" in ifmsa.description
    assert "World Health Students’ Alliance (WHSA)" in ifmsa.description


@pytest.mark.parametrize("noise", ["IFMSA logo", "Website of", "To leadership", "office@ifmsa.org"])
def test_org_description_has_no_chrome(ifmsa, noise):
    assert noise not in ifmsa.description


def test_org_objectives(ifmsa):
    assert len(ifmsa.objectives) == 6
    assert (
        ifmsa.objectives[0]
        == "To expose medical students to humanitarian and global health issues, providing them with the opportunity to educate themselves and their peers"
    )
    assert ifmsa.objectives[-1].startswith("To empower and train medical students")


def test_drupal_about_us_page_name_from_site_name():
    html = """<html lang="en"><head><meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
    <meta property="og:site_name" content="International Pharmaceutical Students' Federation (IPSF)"><title>About us | IPSF</title></head>
    <body><main role="main"><h1 class="page-title">About us</h1><article class="node node--type-page node--view-mode-full">
    <div class="field field--name-body"><p>The International Pharmaceutical Students' Federation (IPSF) is the leading international advocacy organisation of pharmacy students, founded in 1949.</p></div>
    </article></main></body></html>"""
    profile = read_organisation_page(HtmlDocument(html, "https://www.ipsf.org/about-us"))
    assert (profile.name, profile.acronym, profile.website) == (
        "International Pharmaceutical Students' Federation",
        "IPSF",
        "https://www.ipsf.org/",
    )


def test_page_without_text_is_none():
    assert (
        read_organisation_page(
            HtmlDocument("<html><body><h1>About us</h1></body></html>", "https://x.example/about")
        )
        is None
    )


ODD_JSONLD = """<html><head><title>Alliance</title><script type="application/ld+json">
{"@graph": [
  {"@type": null, "name": "a node without a type name"},
  {"@type": 5},
  {"@type": "WebPage", "dateModified": ["2024-02-01"], "datePublished": "2023-01-05T10:00:00Z"},
  {"@type": ["Organization", {"x": 1}], "name": "World Health Students' Alliance (WHSA)",
   "url": "/"}
]}</script></head><body><main><h1>About us</h1>
<p>The World Health Students' Alliance (WHSA) brings together student federations.</p>
</main></body></html>"""


def test_odd_jsonld_values_do_not_lose_the_page():
    """JSON-LD lists, objects, numbers and nulls where names and dates belong are skipped,
    the rest of the page is still read (it raised before, and the page was lost)."""
    profile = read_organisation_page(HtmlDocument(ODD_JSONLD, "https://whsa.example/about-us"))
    assert (profile.name, profile.acronym, profile.website, profile.observed) == (
        "World Health Students' Alliance",
        "WHSA",
        "https://whsa.example/",
        "2023-01-05T10:00:00+00:00",
    )


def test_odd_jsonld_values_in_a_page_kind():
    assert extract_page(ODD_JSONLD, "https://whsa.example/about-us").kind == "organisation"


# --- names keep their punctuation (apostrophes, ampersands, hyphens) ---------------------
PUNCTUATED = """<html><body><article>
<h1>Joint statement</h1><p>Some text about what happened this week in Geneva.</p>
<h3>About the International Federation of Medical Students’ Associations (IFMSA)</h3>
<p>IFMSA was founded in 1951.</p>
<h3>About R&amp;IC</h3>
<p>The Research &amp; Innovation Council (R&amp;IC) is a non-profit body founded in 2001.</p>
<h3>About DTH-Lab</h3>
<p>The Digital Transformations for Health Lab (DTH-Lab) is a consortium based in Geneva.</p>
<h3>About Students' Health-Equity Forum</h3>
<p>It was founded in 2019.</p>
</article></body></html>"""


def test_names_keep_their_punctuation():
    found = read_about_sections(HtmlDocument(PUNCTUATED, "https://example.org/statement"))
    assert [(p.name, p.acronym) for p in found] == [
        ("International Federation of Medical Students’ Associations", "IFMSA"),
        ("Research & Innovation Council", "R&IC"),
        ("Digital Transformations for Health Lab", "DTH-Lab"),
        ("Students' Health-Equity Forum", None),
    ]
