"""Searching the archive (``pipeline.archive.search``) on real SQLite files: FTS5 syntax
on the real index, ranking, filters, stories, and query plans that never sort the whole
table."""

from __future__ import annotations

import random

import pytest

from pipeline.archive import (
    QueryError,
    open_archive,
    query_items,
    query_known_sources,
    query_known_types,
    query_stories,
    save_item,
    save_source,
)
from pipeline.archive import search as search_module
from pipeline.archive.migrations import fill_recent_index
from pipeline.archive.search import RANK, explain_search
from spiders.items import NewsItem
from spiders.sources import Source

NOW = "2026-02-01T12:00:00+00:00"
HOSTS = {
    "dthlab": "https://www.dthlab.org/articles/",
    "ifmsa": "https://ifmsa.org/",
    "ipsf": "https://www.ipsf.org/news/",
    "ivsa": "https://www.ivsa.org/",
}


def news(db, source, slug, title, published, *, kind="News", text="", summary=""):
    url = f"{HOSTS[source]}{slug}"
    item = NewsItem(
        source=source,
        url=url,
        canonical_url=url,
        title=title,
        published=published,
        content_type=kind,
        text=text or title,
        summary=summary,
        content_hash=f"{source}-{slug}",
    )
    save_item(db, item, now=NOW)


@pytest.fixture
def db(tmp_path):
    archive = open_archive(tmp_path / "archive.db")
    news(
        archive,
        "dthlab",
        "a",
        "Digital health for youth",
        "2026-01-20",
        kind="News & insights",
        text="A partnership on digital health with young people.",
    )
    news(
        archive,
        "ifmsa",
        "b",
        "Health workforce statement",
        "2025-05-10T09:00:00+02:00",
        text="Digital tools and strong health systems.",
        summary="The federation's statement.",
    )
    news(
        archive,
        "ipsf",
        "c",
        "Antimicrobial resistance campaign",
        "2024-11-18",
        kind="Publication",
        text="Vaccination and vaccines reduce antimicrobial resistance.",
    )
    news(archive, "ivsa", "d", "Undated note on One Health", None, text="One Health.")
    yield archive
    archive.close()


def titles(rows):
    return [row["title"] for row in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("digital health", {"Digital health for youth", "Health workforce statement"}),
        ('"digital health"', {"Digital health for youth"}),
        ("antimicrobial OR workforce", {"Antimicrobial resistance campaign", "Health workforce statement"}),
        ("health NOT youth", {"Health workforce statement", "Undated note on One Health"}),
        ("health -youth", {"Health workforce statement", "Undated note on One Health"}),
        ("vaccin*", {"Antimicrobial resistance campaign"}),
        ("title:digital", {"Digital health for youth"}),
        ("body:digital", {"Digital health for youth", "Health workforce statement"}),
        ("summary:federation", {"Health workforce statement"}),
        ("(youth OR vaccines) NOT title:antimicrobial", {"Digital health for youth"}),
        ("partnerships", {"Digital health for youth"}),  # stemmed, as before
        ("veterinary", set()),
    ],
)  # fmt: skip
def test_fts5_syntax_on_the_real_index(db, query, expected):
    assert set(titles(query_items(db, query))) == expected


def test_title_outranks_body_and_ties_go_to_the_newest(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    body = "Students met to discuss the plan. " * 3
    news(db, "ifmsa", "old", "Vaccines", "2020-01-01", text=body)
    news(db, "ifmsa", "mention", "Meeting notes", "2026-01-01", text=body + "Vaccines too.")
    news(db, "dthlab", "twin-old", "Meeting summary", "2021-03-01", text=body + "vaccines")
    news(db, "ipsf", "twin-new", "Meeting summary", "2023-03-01", text=body + "vaccines")
    rows = query_items(db, "vaccines")
    assert titles(rows)[0] == "Vaccines"  # the word in the title, though oldest
    twins = [row["url"] for row in rows if row["title"] == "Meeting summary"]
    assert twins == [HOSTS["ipsf"] + "twin-new", HOSTS["dthlab"] + "twin-old"]
    assert rows[1]["rank"] == rows[2]["rank"]  # a true tie, broken by date
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)
    # limit 1 and 2 still pick the newer twin: a tie at the window's edge widens it
    assert titles(query_items(db, "vaccines", limit=1)) == ["Vaccines"]
    assert query_items(db, "vaccines", limit=2)[1]["url"] == HOSTS["ipsf"] + "twin-new"
    db.close()


def test_newest_sort_keeps_date_order_undated_last(db):
    rows = query_items(db, "health", sort="newest")
    assert titles(rows) == [
        "Digital health for youth",
        "Health workforce statement",
        "Undated note on One Health",
    ]
    assert all(row["rank"] is None for row in rows)
    assert titles(query_items(db))[-1] == "Undated note on One Health"


def test_filters_keep_working_with_words(db):
    assert titles(query_items(db, "health", source="ifmsa")) == ["Health workforce statement"]
    assert titles(query_items(db, "health", content_type="news & INSIGHTS")) == [
        "Digital health for youth"
    ]
    assert titles(query_items(db, "health", since="2025-05-10", until="2025-05-10")) == [
        "Health workforce statement"
    ]
    assert query_items(db, "health", source="IFMSA", since="2026-01-01") == []


def test_unknown_source_or_type_names_the_known_ones(db):
    iads = Source(
        id="iads", name="IADS", homepage="https://www.iads-web.org", platform="generic", collect=()
    )
    save_source(db, iads)  # crawled, nothing stored yet: known
    assert query_items(db, source="iads") == []
    with pytest.raises(QueryError, match="unknown source 'nosuch'") as error:
        query_items(db, "health", source="nosuch")
    assert "dthlab, iads, ifmsa, ipsf, ivsa" in str(error.value)
    with pytest.raises(QueryError, match="unknown type 'nosuch'") as error:
        query_items(db, content_type="nosuch")
    assert "news, publication" in str(error.value)
    assert str(error.value).endswith("News & insights")


def test_known_sources_and_types(db):
    assert query_known_sources(db) == ["dthlab", "ifmsa", "ipsf", "ivsa"]
    # the shared vocabulary first, then the partners' labels that are not one of its types
    known = query_known_types(db)
    assert known[:3] == ["news", "publication", "report"]
    assert known[-1] == "News & insights"
    assert "News" not in known
    assert "Publication" not in known


def test_malformed_query_and_bad_sort_are_query_errors(db):
    for query in ['"open', "NOT x", "(a", "x*y", "author:x", "a\x00"]:
        with pytest.raises(QueryError):
            query_items(db, query)
    with pytest.raises(QueryError, match="relevance or newest"):
        query_items(db, "health", sort="oldest")


def test_a_filter_keeping_few_of_many_matches_still_finds_them(tmp_path, monkeypatch):
    monkeypatch.setattr(search_module, "FILTERED_WINDOW", 1)  # a first window of 8 hits
    db = open_archive(tmp_path / "archive.db")
    for i in range(60):
        news(db, "dthlab", f"h{i}", f"Health report {i}", f"2025-01-{i % 28 + 1:02d}")
    news(db, "ifmsa", "rare", "Exchange programme", "2020-01-01", text="Also about health.")
    rows = query_items(db, "health", source="ifmsa", limit=1)
    assert titles(rows) == ["Exchange programme"]  # ranked last of 61, past the first window
    db.close()


def test_groups_of_a_story_are_shown_once_naming_every_source(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    title = "DTH-Lab announces strategic partnerships with IFMSA and IPSF"
    news(db, "dthlab", "p", title, "2026-01-22", text="Partnership announced.")
    news(db, "ifmsa", "p", title, "2026-01-22", text="Partnership announced today.")
    news(db, "ipsf", "p", title, "2026-01-23", text="Partnership announced by IPSF.")
    news(db, "ifmsa", "other", "Another partnership", "2026-01-10", text="Partnership.")
    rows = query_items(db, "partnership")
    assert len(rows) == 4
    stories = query_stories(db, "partnership")
    assert len(stories) == 2
    story = next(s for s in stories if s["title"] == title)
    assert sorted(story["sources"]) == ["dthlab", "ifmsa", "ipsf"]
    assert story["sources"][0] == story["source"]  # its own source first
    assert {item["url"] for item in story["story_items"]} == {
        HOSTS[source] + "p" for source in ("dthlab", "ifmsa", "ipsf")
    }
    # other partners are named even when a filter leaves only one item of the story
    [only] = query_stories(db, "partnership", source="ipsf")
    assert sorted(only["sources"]) == ["dthlab", "ifmsa", "ipsf"]
    # the limit counts stories, not items
    assert len(query_stories(db, "partnership", limit=2)) == 2
    assert len(query_stories(db, limit=1)) == 1
    db.close()


# --- the query plans, and every shape against the plain FTS join ---------------------


PLAN_CASES = [
    (None, {}),
    (None, {"source": "ifmsa"}),
    (None, {"content_type": "publication"}),
    (None, {"since": "2025-01-01"}),
    (None, {"until": "2025-01-01T00:00:00Z"}),
    (None, {"source": "ifmsa", "since": "2024-01-01", "until": "2026-01-01"}),
    ("health", {}),
    ("health", {"source": "ifmsa", "content_type": "news"}),
    ("health OR vaccines", {"since": "2025-01-01"}),
    ("health", {"sort": "newest"}),
    ("health", {"sort": "newest", "source": "ifmsa"}),
    ("health", {"sort": "newest", "content_type": "news", "since": "2024-06-01"}),
]


@pytest.mark.parametrize(("query", "arguments"), PLAN_CASES)
def test_no_search_sorts_the_whole_table(db, query, arguments):
    plan = explain_search(db, query, **arguments)
    if query is None or arguments.get("sort") == "newest":  # the date index, newest first
        assert not any("TEMP B-TREE" in line for line in plan), plan
        assert any("INDEX idx_items_" in line and "published_utc" in line for line in plan), plan
    else:  # bm25 sorted with a LIMIT inside the full-text subquery; only its hits joined
        assert plan[0] == "CO-ROUTINE hits", plan
        top = [line for line in plan if not line.startswith(" ")]
        assert top == [
            "CO-ROUTINE hits",
            "SCAN hits",
            "SEARCH items USING INTEGER PRIMARY KEY (rowid=?)",
        ]
        inside = [line.strip() for line in plan if line.startswith(" ")]  # reads no item
        assert inside[0].startswith("SCAN items_fts VIRTUAL TABLE"), plan
        assert inside[1:] == ["USE TEMP B-TREE FOR ORDER BY"], plan  # the LIMIT's sorter


VOCABULARY = ["health", "youth", "digital", "vaccines", "amr", "students", "federation"]
FILTERS = [
    ({}, [], []),
    ({"source": "ifmsa"}, ["items.source = ?"], ["ifmsa"]),
    ({"content_type": "news"}, ["items.content_type = ? COLLATE NOCASE"], ["news"]),
    ({"since": "2024-03-01"}, ["substr(items.published, 1, 10) >= ?"], ["2024-03-01"]),
    ({"until": "2024-03-01T12:00:00Z"}, ["items.published_utc <= ?"], ["2024-03-01T12:00:00+00:00"]),
    (
        {"source": "dthlab", "since": "2023-06-01", "until": "2025-01-01"},
        ["items.source = ?", "substr(items.published, 1, 10) >= ?", "substr(items.published, 1, 10) <= ?"],
        ["dthlab", "2023-06-01", "2025-01-01"],
    ),
]  # fmt: skip
QUERIES = [
    "health",
    "health youth",
    '"digital health"',
    "vaccin*",
    "title:health",
    "amr OR policy",
    "health NOT youth",
    "(amr OR vaccines) students",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """300 items of few words (many matches, many exact ties), some undated, dates in
    several offsets, so every shape and tie-break is exercised."""
    db = open_archive(tmp_path_factory.mktemp("gen") / "archive.db")
    rng = random.Random(10)
    for i in range(300):
        words = rng.choices(VOCABULARY, k=rng.randint(2, 6))
        day = f"{rng.randint(2022, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        published = rng.choice(
            [None, day, f"{day}T23:30:00-07:00", f"{day}T01:00:00+09:00", f"{day}T12:00:00Z"]
        )
        news(
            db,
            rng.choice(list(HOSTS)),
            f"g{i}",
            " ".join(words[:3]).capitalize() + f" {i % 7}",
            published,
            kind=rng.choice(["News", "news", "Publication", "Statement"]),
            text=" ".join(words),
        )
    yield db
    db.close()


def plain(db, query, clauses, params, sort, limit):
    """The same search written as one plain FTS join: what ours must equal."""
    from pipeline.archive.fts_syntax import fts_query

    where = " AND ".join(["items_fts MATCH ?", *clauses])
    order = (
        "items.published_utc DESC, items.id DESC"
        if sort == "newest"
        else f"{RANK}, items.published_utc DESC, items.id DESC"
    )
    sql = (
        "SELECT items.id FROM items JOIN items_fts ON items_fts.rowid = items.id "
        f"WHERE {where} ORDER BY {order} LIMIT ?"
    )
    rows = db.execute(sql, [fts_query(query), *params, -1 if limit is None else limit])
    return [row[0] for row in rows]


@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize(
    ("few_matches", "probed"),
    [(2000, 16), (3, 16), (3, 1)],  # every "newest" plan: few, checked by rowid, match set
)
def test_every_shape_equals_the_plain_fts_join(generated, monkeypatch, sort, few_matches, probed):
    monkeypatch.setattr(search_module, "FEW_MATCHES", few_matches)
    monkeypatch.setattr(search_module, "PROBED_PER_RESULT", probed)
    compared = 0
    for query in QUERIES:
        for arguments, clauses, params in FILTERS:
            for limit in (1, 5, 20, None):
                ours = query_items(generated, query, sort=sort, limit=limit, **arguments)
                expected = plain(generated, query, clauses, params, sort, limit)
                assert [row["id"] for row in ours] == expected, (query, arguments, limit)
                compared += bool(expected)
    assert compared > 100


def capped(db, query, clauses, params, limit, candidates):
    """The ranking rule with a cap, written plainly: the plain join over the
    ``candidates`` most recently stored matches (highest ids), that many x8 while the
    filters keep fewer than ``limit``; every match when ``limit`` is None."""
    from pipeline.archive.fts_syntax import fts_query

    matches = sorted(
        (row[0] for row in db.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH ?", [fts_query(query)])),
        reverse=True,
    )  # fmt: skip
    while True:
        window = matches if limit is None else matches[:candidates]
        lowest = min(window, default=0)
        ranked = plain(db, query, [*clauses, "items.id >= ?"], [*params, lowest], None, limit)
        if limit is None or len(ranked) >= limit or len(window) == len(matches):
            return ranked
        candidates *= 8


@pytest.mark.parametrize("candidates", [5, 40])
def test_common_words_are_ranked_among_their_newest_stored_matches(
    generated, monkeypatch, candidates
):
    monkeypatch.setattr(search_module, "RANK_CANDIDATES", candidates)
    differs = 0
    for query in QUERIES:
        for arguments, clauses, params in FILTERS:
            for limit in (1, 5, 20, None):
                ours = [r["id"] for r in query_items(generated, query, limit=limit, **arguments)]
                assert ours == capped(generated, query, clauses, params, limit, candidates), (
                    query,
                    arguments,
                    limit,
                )
                differs += ours != plain(generated, query, clauses, params, None, limit)
    assert differs > 10  # the cap does change what ranks first on this archive


def test_the_cap_keeps_an_older_better_match_out_and_widens_for_filters(tmp_path, monkeypatch):
    db = open_archive(tmp_path / "archive.db")
    news(db, "ipsf", "old", "Health, health and health", "2020-01-01", text="health")
    for i in range(30):
        news(db, "ifmsa", f"n{i}", f"Report {i}", "2025-01-01", text=f"health {'word ' * i}")
    assert query_items(db, "health", limit=3)[0]["title"] == "Health, health and health"
    monkeypatch.setattr(search_module, "RANK_CANDIDATES", 10)  # the 10 newest stored only
    titles = [r["title"] for r in query_items(db, "health", limit=3)]
    assert "Health, health and health" not in titles
    assert titles == ["Report 20", "Report 21", "Report 22"]  # shortest text of the 10
    # a filter that the newest matches do not pass widens the candidates until it finds
    [found] = query_items(db, "health", limit=3, source="ipsf")
    assert found["title"] == "Health, health and health"
    assert query_items(db, "health", limit=1, sort="newest")[0]["title"] == "Report 29"
    db.close()


def shrink_recent_index(db, size):
    """Make ``items_recent_fts`` hold the newest ``size`` stored items (50,000 in an archive)."""
    fill_recent_index(db, size)


def recent_ids(db, match=None):
    where = "WHERE items_recent_fts MATCH ?" if match else ""
    sql = f"SELECT rowid FROM items_recent_fts {where} ORDER BY rowid"
    return [row[0] for row in db.execute(sql, [match] if match else [])]


def test_the_recent_index_holds_the_newest_stored_items(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    for i in range(2):
        news(db, "ifmsa", f"n{i}", f"Report {i}", "2025-01-01", text="health")
    shrink_recent_index(db, 3)
    assert recent_ids(db) == [1, 2]
    for i in range(2, 6):
        news(db, "ifmsa", f"n{i}", f"Report {i}", "2025-01-01", text="health")
    assert recent_ids(db) == [4, 5, 6]  # each new item in, the one that fell out gone
    db.execute("UPDATE items SET title = 'Zoonoses' WHERE id IN (1, 5)")
    assert recent_ids(db, "zoonoses") == [5]  # an older item is not brought back
    assert recent_ids(db, "report") == [4, 6]
    db.execute("UPDATE items SET last_seen = ? WHERE id = 6", [NOW])  # words unchanged
    db.execute("DELETE FROM items WHERE id = 4")
    assert recent_ids(db) == [5, 6]
    assert (
        db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'health'").fetchone()[0]
        == 5
    )
    db.close()


def test_common_words_are_ranked_in_the_recent_index_when_it_holds_enough(tmp_path, monkeypatch):
    """The same rule as the cap test above, with the candidates ranked in the index of the
    newest items when it holds them all, in the whole index when it does not."""
    db = open_archive(tmp_path / "archive.db")
    news(db, "ipsf", "old", "Health, health and health", "2020-01-01", text="health")
    for i in range(30):
        news(db, "ifmsa", f"n{i}", f"Report {i}", "2025-01-01", text=f"health {'word ' * i}")
    shrink_recent_index(db, 12)
    monkeypatch.setattr(search_module, "RANK_CANDIDATES", 10)
    statements = []
    db.conn.set_trace_callback(statements.append)
    titles = [r["title"] for r in query_items(db, "health", limit=3)]
    assert titles == ["Report 20", "Report 21", "Report 22"]  # shortest text of the 10
    assert "bm25(items_recent_fts" in next(sql for sql in statements if "bm25(" in sql)
    statements.clear()
    # widened x8 for the filter: 80 candidates, more than the 12 recent items hold
    [found] = query_items(db, "health", limit=3, source="ipsf")
    assert found["title"] == "Health, health and health"
    assert "bm25(items_fts" in [sql for sql in statements if "bm25(" in sql][-1]
    db.conn.set_trace_callback(None)
    db.close()


def test_filters_only_equal_a_plain_scan(generated):
    for arguments, clauses, params in FILTERS:
        where = " AND ".join(clauses) or "1"
        sql = (
            f"SELECT id FROM items WHERE {where} "
            "ORDER BY published_utc IS NULL, published_utc DESC, id DESC LIMIT 30"
        )
        expected = [row[0] for row in generated.execute(sql, params)]
        assert [row["id"] for row in query_items(generated, limit=30, **arguments)] == expected


def test_a_ranked_search_ranks_the_matches_once(tmp_path):
    """The ranking (bm25 over every match) is the costly part: it runs again only when
    the filters left too few hits or a tie may follow the window."""
    db = open_archive(tmp_path / "archive.db")
    for i in range(40):  # no two alike: no ties
        source = ["ifmsa", "ipsf"][i % 2]
        news(db, source, f"n{i}", f"Report {i}", "2025-01-01", text="health " * (i + 1))
    statements = []
    db.conn.set_trace_callback(statements.append)
    for arguments in ({}, {"source": "ipsf"}, {"since": "2024-01-01"}):
        statements.clear()
        assert len(query_items(db, "health", limit=5, **arguments)) == 5
        assert sum("bm25(" in sql for sql in statements) == 1, arguments
    db.conn.set_trace_callback(None)
    db.close()


@pytest.mark.parametrize("recent_size", [12, 4])
def test_newest_first_counts_many_matches_in_the_recent_index(tmp_path, monkeypatch, recent_size):
    """ "Newest first" asks whether a prefix has few matches in the index of the newest
    items first: more there than ``FEW_MATCHES`` (12 recent items of 40 matches), and the
    whole index, whose prefix terms cost every match to merge, is not counted; fewer (4),
    and it is. Either way the rows are the plain join's; a word asks the whole index only."""
    db = open_archive(tmp_path / "archive.db")
    for i in range(40):
        published = f"20{10 + (i * 7) % 16}-01-{1 + i % 28:02d}"  # dates out of storage order
        news(db, ["ifmsa", "ipsf"][i % 2], f"n{i}", f"Report {i}", published, text="pharmacy")
    shrink_recent_index(db, recent_size)
    monkeypatch.setattr(search_module, "FEW_MATCHES", 5)
    statements = []
    db.conn.set_trace_callback(statements.append)
    for arguments, clauses, params in ({}, [], []), ({"source": "ipsf"}, ["source = ?"], ["ipsf"]):
        rows = query_items(db, "pharmac*", sort="newest", limit=7, **arguments)
        assert [row["id"] for row in rows] == plain(db, "pharmac*", clauses, params, "newest", 7)
    whole_counted = any(sql.startswith("SELECT rowid FROM items_fts WHERE") for sql in statements)
    assert whole_counted == (recent_size < 5)
    statements.clear()
    rows = query_items(db, "pharmacy", sort="newest", limit=7)  # a word: the whole index
    assert [row["id"] for row in rows] == plain(db, "pharmacy", [], [], "newest", 7)
    assert not any(sql.startswith("SELECT rowid FROM items_recent_fts") for sql in statements)
    db.conn.set_trace_callback(None)
    db.close()
