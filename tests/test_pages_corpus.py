"""The page corpus (tests/pages/) is well-formed: every expected.json has its keys, its
dates parse, and every sentence it expects (and every boilerplate string it excludes)
is really on the page. Checks the corpus only, not the extraction."""

import subprocess
import sys
from datetime import date, datetime

import pytest

from bench.accuracy import CORPUS, EXPECTED_KEYS, load_corpus, normalise_space, visible_text

PAGES = load_corpus()
KINDS = {
    "article",
    "listing",
    "homepage",
    "about",
    "tag",
    "category",
    "search",
    "events",
    "contact",
}


def test_corpus_is_large_enough():
    assert len(PAGES) >= 80
    assert sum(p.is_article for p in PAGES) >= 65
    assert sum(not p.is_article for p in PAGES) >= 10
    assert len({p.path.parent.name for p in PAGES}) >= 12
    orphans = [p for p in CORPUS.glob("*/*.html") if p not in {page.path for page in PAGES}]
    assert not orphans, f"pages without .expected.json: {orphans}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_expected_is_well_formed(page):
    exp = page.expected
    assert set(EXPECTED_KEYS) <= exp.keys()
    assert exp["url"].startswith("https://")
    assert exp["title"].strip()
    assert exp["kind"] in KINDS
    assert isinstance(exp["authors"], list)
    assert all(isinstance(a, str) and a.strip() for a in exp["authors"])
    if exp["published"] is not None:
        value = exp["published"]
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            assert datetime.fromisoformat(value).utcoffset() is not None, "a time needs its offset"
    assert exp["text_includes"]
    assert len(exp["text_excludes"]) >= (3 if page.is_article else 1)
    assert not exp["published"] or page.is_article or exp["kind"] == "article"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_expected_strings_are_on_the_page(page):
    text = visible_text(page.html)
    missing = [s for s in page.expected["text_includes"] if normalise_space(s) not in text]
    assert not missing, f"text_includes not on the page: {missing}"
    absent = [s for s in page.expected["text_excludes"] if normalise_space(s) not in text]
    assert not absent, f"text_excludes not on the page: {absent}"
    assert normalise_space(page.expected["title"]) in text


@pytest.mark.parametrize("page", [p for p in PAGES if p.is_article], ids=lambda p: p.name)
def test_boilerplate_is_not_part_of_the_article(page):
    excludes = [normalise_space(s) for s in page.expected["text_excludes"]]
    includes = [normalise_space(s) for s in page.expected["text_includes"]]
    assert not [e for e in excludes if any(e in i or i in e for i in includes)]


def test_committed_pages_are_what_build_py_writes(tmp_path):
    """The generated files were not edited by hand: build.py rewrites them byte for byte."""
    subprocess.run(
        [sys.executable, str(CORPUS / "build.py"), str(tmp_path)], check=True, capture_output=True
    )
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.glob("*/*.*"))
    committed = sorted(
        p.relative_to(CORPUS) for p in CORPUS.glob("*/*.*") if p.suffix in (".html", ".json")
    )
    assert written == committed
    changed = [str(p) for p in written if (tmp_path / p).read_bytes() != (CORPUS / p).read_bytes()]
    assert not changed, f"edited by hand or build.py changed without a rebuild: {changed}"
