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


def same_name(a: str | None, b: str | None) -> bool:
    """Do two names (or acronyms) name the same organisation, punctuation aside?"""
    return bool(a and b) and fold_name(a) == fold_name(b)
