"""Organisation names: shown as published, compared folded. Imports nothing of ours.

A name keeps its punctuation wherever it is shown ("International Federation of
Medical Students’ Associations", "Research & Innovation", "DTH-Lab"); ``fold_name`` is
only for deciding whether two spellings name the same organisation: case, accents,
apostrophes (curly or straight, or none at all: "Students Associations"), a leading
"The", "&" against "and", and the kind of dash are set aside.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_AMPERSAND = re.compile(r"\s*&\s*")
_LEADING_THE = re.compile(r"^the\s+")
# an acronym as partners write one: capitals (and digits, "&") from first to last letter,
# perhaps with a capitalised word after a dash ("IFMSA", "G20", "AT&T", "DTH-Lab")
ACRONYM = r"[A-Z][A-Za-z0-9&]*[A-Z0-9](?:-[A-Z][A-Za-z]+)?"
MAX_ACRONYM = 15


def fold_name(name: str | None) -> str:
    """The form two spellings of one organisation's name share (module doc)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.casefold())
    text = _AMPERSAND.sub(" and ", text)
    text = _DASHES.sub("-", text)
    text = " ".join(text.replace(".", " ").split())
    return _LEADING_THE.sub("", text)


def is_acronym(text: str | None) -> bool:
    """Whether ``text`` is an acronym (``ACRONYM``, at most 15 characters) rather than
    a name or a word ("IFMSA", "DTH-Lab"; not "Geneva", "McDonald")."""
    return bool(text) and len(text) <= MAX_ACRONYM and re.fullmatch(ACRONYM, text) is not None


def same_name(a: str | None, b: str | None) -> bool:
    """Do two names (or acronyms) name the same organisation, punctuation aside?"""
    return bool(a and b) and fold_name(a) == fold_name(b)
