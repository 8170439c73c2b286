"""The corpus scores of bench/accuracy.py: what counts as the right date, title, authors
and text."""

from bench.accuracy import (
    Extracted,
    authors_right,
    boilerplate_free,
    date_right,
    load_corpus,
    score,
    text_recall,
    title_exact,
    title_fuzzy,
    visible_text,
)


def test_date_is_the_publishers_day():
    assert date_right("2025-03-14", "2025-03-14T23:00:00+01:00")
    assert date_right("2025-03-14T23:30:00-07:00", "2025-03-14T23:30:00-07:00")
    assert date_right("2025-03-14T23:30:00-07:00", "2025-03-14")
    # moved to UTC, the moment is right but the publisher's day is lost
    assert not date_right("2025-03-14T23:30:00-07:00", "2025-03-15T06:30:00+00:00")
    assert not date_right("2025-03-14T23:30:00-07:00", "2025-03-15")
    assert not date_right("2025-03-14", "2025-03-15")
    assert not date_right("2025-03-14", None)
    assert not date_right("2025-03-14", "not a date")


def test_no_date_is_right_only_when_nothing_comes_back():
    assert date_right(None, None)
    assert date_right(None, "")
    assert not date_right(None, "2019-01-01")


def test_titles_compare_normalised_and_fuzzy():
    assert title_exact("Nurses’ strike ends", "nurses' strike  ends.")
    assert not title_exact("Nurses' strike ends", "Nurses' strike ends | Health News")
    assert title_fuzzy("Nurses' strike ends after pay deal", "Nurses' strike ends after a pay deal")
    assert not title_fuzzy("Nurses' strike ends", "Health News Daily")
    assert not title_fuzzy("Nurses' strike ends", None)


def test_authors_are_a_set_of_names():
    assert authors_right(["Dr. Ana Diaz", "Tom Lee"], ["tom lee", "Dr Ana Diaz"])
    assert not authors_right(["Ana Diaz", "Tom Lee"], ["Ana Diaz, Tom Lee"])
    assert authors_right([], [])
    assert not authors_right([], ["admin"])


def test_text_recall_and_boilerplate():
    text = "First sentence here.\n\nSecond   sentence here."
    assert text_recall(["First sentence here.", "Second sentence here."], text) == 1
    assert text_recall(["First sentence here.", "Missing one."], text) == 0.5
    assert boilerplate_free(["Subscribe now"], text)
    assert not boilerplate_free(["Second sentence"], text)


def test_visible_text_leaves_out_scripts_and_head():
    html = "<html><head><title>T</title></head><body><script>var x='hidden';</script><p>Shown  text</p></body></html>"
    assert visible_text(html) == "Shown text"


def test_score_names_the_pages_each_field_missed():
    pages = [p for p in load_corpus() if p.is_article][:2]
    right = Extracted(
        True,
        pages[0].expected["title"],
        pages[0].expected["published"],
        pages[0].expected["authors"],
        " ".join(pages[0].expected["text_includes"]),
    )
    result = score("ours", pages, [right, Extracted(False)], 1.0)
    assert result.shares["title"] == 0.5
    assert result.missed["title"] == [pages[1].name]
    assert result.missed["no_item"] == [pages[1].name]
    assert result.shares["boilerplate_free"] == 1.0  # over the pages that gave text
    assert result.pages_per_second == 2.0
