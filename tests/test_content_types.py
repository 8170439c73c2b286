"""The shared content-type vocabulary: labels, JSON-LD types, categories, URLs, titles."""

import pytest

from spiders.pages.content_types import (
    FALLBACK,
    TYPES,
    shared_type,
    type_of_label,
    type_of_schema,
    type_of_url,
    type_title,
)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # the DTH-Lab seed's listing labels
        ("News & insights", "news"),
        ("Publication", "publication"),
        ("Multimedia", "multimedia"),
        ("Journal article", "journal-article"),
        # WordPress categories of IFMSA and IVSA
        ("Statements", "statement"),
        ("Announcements", "news"),
        ("Call for applications", "call"),
        ("Uncategorized", "news"),
        # other partners' words, other languages
        ("Actualités", "news"),
        ("Noticias", "news"),
        ("Comunicado", "statement"),
        ("Comunicados de prensa", "press-release"),
        ("Publicaciones", "publication"),
        ("Press Release", "press-release"),
        ("Événements", "event"),
        ("Webinars", "event"),
        ("Podcast", "multimedia"),
        ("Blog", "blog"),
        ("Annual report", "report"),
        ("Position paper", "statement"),
        ("Appel à candidatures", "call"),
        ("Something else entirely", None),
        ("", None),
        (None, None),
    ],
)
def test_labels(label, expected):
    assert type_of_label(label) == expected


def test_schema_types_skip_generic_ones():
    assert type_of_schema(["WebPage", "Article", "ScholarlyArticle"]) == "journal-article"
    assert type_of_schema(["Article", "WebSite"]) is None
    assert type_of_schema(["VideoObject"]) == "multimedia"
    assert type_of_schema(["Event"]) == "event"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/publications/a-guide", "publication"),
        ("https://example.org/es/eventos/congreso-2025", "event"),
        ("https://example.org/press-releases/x", "press-release"),
        ("https://example.org/2025/05/12/joint-statement-on-amr/", "statement"),
        (
            "https://ifmsa.org/call-for-applications-regional-youth-champions-cohort-2024-2025/",
            "call",
        ),
        (
            "https://ifmsa.org/applications-open-professional-and-research-exchanges-2025-2026/",
            "call",
        ),
        ("https://www.ipsf.org/news/world-pharmacists-day-2025", "news"),
        ("https://example.org/statementary-things", None),  # a word inside another
        ("https://example.org/about-us", None),
    ],
)
def test_urls(url, expected):
    assert type_of_url(url) == expected


def test_a_generic_label_gives_way_to_specific_evidence():
    # IFMSA files its calls under "News": the URL and title say what they are
    assert (
        shared_type(
            "News",
            url="https://ifmsa.org/call-for-applications-regional-youth-champions/",
            title="Call for Applications: Regional Youth Champions",
        )
        == "call"
    )
    assert shared_type("News & insights", title="Call for applications: RYC 2025-2026") == "call"
    assert shared_type("News", categories=["News", "Events"]) == "event"


def test_a_specific_label_wins_over_later_evidence():
    assert shared_type("Publication", url="https://x.org/news/a-report") == "publication"
    assert shared_type("Statements", schema_type="news") == "statement"
    assert shared_type(None, schema_type="journal-article", url="https://x.org/news/x") == (
        "journal-article"
    )


def test_news_is_the_fallback_only():
    assert shared_type(None) == FALLBACK == "news"
    assert shared_type("Quarterly digest", url="https://x.org/p/1", title="Our quarter") == "news"


def test_every_type_has_a_plain_title():
    assert all(title and title[0].isupper() for title in TYPES.values())
    assert type_title("call") == "Calls for applications"
    assert type_title("made-up") == "Made up"
