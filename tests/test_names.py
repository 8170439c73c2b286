"""spiders.pages.names: names compared folded, never changed."""

from __future__ import annotations

import pytest

from spiders.pages.names import fold_name, is_acronym, same_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "International Federation of Medical Students’ Associations",
            "International Federation of Medical Students' Associations",
        ),
        (
            "International Federation of Medical Students Associations",
            "The International Federation of Medical Students’ Associations",
        ),
        ("Research & Innovation Council", "Research and Innovation Council"),
        ("DTH-Lab", "dth–lab"),
        ("Médecins Sans Frontières", "MEDECINS SANS FRONTIERES"),
    ],
)
def test_spellings_of_one_name_fold_together(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "International Pharmaceutical Students’ Federation",
            "International Pharmaceutical Students Association",
        ),
        ("DTH-Lab", "DTH Lab Foundation"),
        ("IFMSA", None),
    ],
)
def test_other_names_do_not(a, b):
    assert not same_name(a, b)


def test_folding_is_for_comparing_only():
    name = "International Federation of Medical Students’ Associations"
    assert fold_name(name) == "international federation of medical students associations"
    assert name.count("’") == 1  # the caller's string is shown as published


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("IFMSA", True),
        ("DTH-Lab", True),
        ("G20", True),
        ("AT&T", True),
        ("Geneva", False),
        ("McDonald", False),
        ("I", False),
        ("", False),
        ("ABCDEFGHIJKLMNOP", False),  # longer than any acronym
    ],
)
def test_an_acronym_has_capitals_from_its_first_to_its_last_letter(text, acronym):
    assert is_acronym(text) is acronym
