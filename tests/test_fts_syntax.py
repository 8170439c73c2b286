"""What a person types into ``search``, read as FTS5 syntax (pure: text in, FTS5 out)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from pipeline.archive.fts_syntax import COLUMNS, SearchSyntaxError, fts_query


@pytest.mark.parametrize(
    ("typed", "fts5"),
    [
        ("digital health", '"digital" AND "health"'),
        ('"digital health"', '"digital health"'),
        ("vaccine OR vaccination", '"vaccine" OR "vaccination"'),
        ("health NOT youth", '"health" NOT "youth"'),
        ("health -youth", '"health" NOT "youth"'),
        ("health AND NOT youth", '"health" NOT "youth"'),
        ("health AND youth", '"health" AND "youth"'),
        ("partner*", '"partner"*'),
        ('"digital heal"*', '"digital heal"*'),
        ("title:digital", 'title : "digital"'),
        ("Title:digital", 'title : "digital"'),
        ('summary:"medical students"', 'summary : "medical students"'),
        ("body:vaccin*", 'text : "vaccin"*'),
        ("text:(amr OR antimicrobial)", 'text : ("amr" OR "antimicrobial")'),
        ("(amr OR antimicrobial) resistance", '("amr" OR "antimicrobial") AND "resistance"'),
        ("a OR b c", '"a" OR ("b" AND "c")'),
        ("a b NOT c", '"a" AND ("b" NOT "c")'),
        ("(a OR b) NOT (c OR d)", '("a" OR "b") NOT ("c" OR "d")'),
        ('-"youth forum" health', None),  # a '-' first has nothing to leave out from
        ("covid-19", '"covid-19"'),
        ("IFMSA's statement", '"IFMSA\'s" AND "statement"'),
        ("Statement: World Health", '"Statement:" AND "World" AND "Health"'),
        ("https://ifmsa.org/news/", '"https://ifmsa.org/news/"'),
        ("10:30 meeting", '"10:30" AND "meeting"'),
        ("health & youth", '"health" AND "youth"'),
        ("health or youth", '"health" AND "or" AND "youth"'),  # operators are upper case
        ("NEAR", '"NEAR"'),
        ("NEAR(a b)", '"NEAR" AND ("a" AND "b")'),  # NEAR is not understood: a word
        ("santé publique", '"santé" AND "publique"'),
        ("a\tb\nc", '"a" AND "b" AND "c"'),
    ],
)
def test_what_people_type_becomes_fts5(typed, fts5):
    if fts5 is None:
        with pytest.raises(SearchSyntaxError):
            fts_query(typed)
    else:
        assert fts_query(typed) == fts5


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ('"', "quote is not closed"),
        ('"unclosed phrase', "quote is not closed"),
        ('title:"digital', "quote is not closed"),
        ('a "b" "c', "quote is not closed"),
        ("(health OR youth", "'(' is not closed"),
        ("((health)", "'(' is not closed"),
        ("health)", "')' has no '('"),
        (")(", "')' has no '('"),
        ("()", "group is empty"),
        ("NOT", "NOT needs a word before it"),
        ("NOT youth", "NOT needs a word before it"),
        ("-youth", "'-' needs a word before it"),
        ("health NOT", "NOT needs a word after it"),
        ("health OR", "OR needs a word after it"),
        ("OR health", "OR needs a word before it"),
        ("AND", "AND needs a word before it"),
        ("health AND", "AND needs a word after it"),
        ("health OR OR youth", "OR needs a word after it"),
        ("health OR NOT youth", "OR needs a word after it"),
        ("AND OR NOT", "AND needs a word before it"),
        ("*", "'*' needs letters before it"),
        ("health *", "'*' needs letters before it"),
        ("he*lth", "'*' goes at the end of a word"),
        ("**", "'*' goes at the end of a word"),
        ("author:smith", "unknown column 'author'"),
        ("url:(x)", "unknown column 'url'"),
        ('tag:"x"', "unknown column 'tag'"),
        ("title:)", "')' has no '('"),
        ("health\x00", "control character U+0000"),
        ('"a\x01b"', "control character U+0001"),
        ("a\x1ab", "control character U+001A"),
        ("\x1b[31mred", "control character U+001B"),
        ('""', "has no words"),
        ('" - "', "has no words"),
        ("!!!", "no words"),
        ("&& --", "no words"),
        ('health" OR "1"="1', "has no words"),
        ('health" OR 1', "quote is not closed"),
        ('x" OR title:*', "quote is not closed"),
        ("NEAR(a b", "'(' is not closed"),
    ],
)
def test_malformed_queries_are_one_line_errors(typed, says):
    with pytest.raises(SearchSyntaxError) as error:
        fts_query(typed)
    message = str(error.value)
    assert "\n" not in message
    assert says is None or says in message, message


def test_unknown_column_names_the_known_ones():
    with pytest.raises(SearchSyntaxError) as error:
        fts_query("author:smith")
    for name in COLUMNS:
        assert f"{name}:" in str(error.value)


def test_a_long_query_is_shortened_in_the_message():
    with pytest.raises(SearchSyntaxError) as error:
        fts_query("!" * 500)
    assert len(str(error.value)) < 120


PIECES = [
    "health", "youth", "a", "x1", '"', "(", ")", "*", "-", ":", "title:", "body:", "author:",
    "OR", "AND", "NOT", "NEAR", " ", " ", " ", "\t", "\x00", "\x1a", "é", "'", "{", "}", "^",
    "+", ".", "[", "]", "\\", '""', "''", "title", "5", "https://x.org/", "—", "🙂",
]  # fmt: skip


def test_any_mix_of_pieces_is_fts5_that_sqlite_accepts_or_a_syntax_error():
    """A seeded stream of queries made of every piece of syntax, and of any characters:
    each is either refused in one line or an expression FTS5 runs without complaint."""
    fts = sqlite3.connect(":memory:")
    fts.execute("CREATE VIRTUAL TABLE t USING fts5(title, summary, text, tokenize='porter')")
    fts.execute("INSERT INTO t VALUES ('health youth', 'a x1', 'title 5 é')")
    rng = random.Random(11)
    queries = ["".join(rng.choices(PIECES, k=rng.randint(1, 9))) for _ in range(3000)]
    queries += [
        "".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(1, 12))) for _ in range(500)
    ]
    accepted, messages = 0, []
    for typed in queries:
        try:
            expression = fts_query(typed)
        except SearchSyntaxError as error:
            messages.append(str(error))
            continue
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()
        accepted += 1
    assert not [message for message in messages if "\n" in message]
    assert 300 < accepted < len(queries) - 300  # both kinds were tried
