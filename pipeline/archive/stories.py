"""Grouping the same story published by several partners into one story id.

Pure functions only: ``cluster_items`` (plain row dicts in, ``{item_id: story_id}`` out)
and ``same_story`` (one pair). The archive (``pipeline.archive.save_item``) records the
grouping in ``items.story_id`` when an item is stored, so it is stable across runs,
queryable (``SELECT * FROM items WHERE story_id = ?``) and ``publish`` only reads it.

Two items are the same story when they share a canonical URL, or when they come from
different sources, were published within ``MAX_DAYS_APART`` days of each other (the
publishers' own days, as each wrote them), carry
the same numbers in their titles ("Cohort 2024-2025" is not "Cohort 2025-2026"), and
their normalised titles are near-identical (difflib ratio or token Jaccard).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from spiders.pages.dates import aware_datetime

MAX_DAYS_APART = 3
MIN_RATIO = 0.9
MIN_JACCARD = 0.85
STORY_PREFIX = "story-"

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+")


@functools.lru_cache(maxsize=4096)  # a crawl compares each new title with its neighbours'
def normalise_title(title: str | None) -> str:
    """Casefold, strip accents and punctuation, collapse spaces."""
    text = title or ""
    if not text.isascii():  # an ASCII title has no accents to strip
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


@functools.lru_cache(maxsize=4096)
def _parse_date(value: Any) -> datetime | None:
    return aware_datetime(value)


def title_numbers(title: str | None) -> str:
    """The numbers of a normalised title, in order ("2024 2025"; "" for none): titles of
    one story carry the same, so the archive indexes them to find a new item's candidates."""
    return " ".join(_NUMBER.findall(normalise_title(title)))


def same_story_title(a: str | None, b: str | None) -> bool:
    """Near-identical normalised titles with exactly the same numbers in them."""
    na, nb = normalise_title(a), normalise_title(b)
    if not na or not nb:
        return False
    return _same_normalised_title(na, nb)  # in the order given: difflib is not symmetric


@functools.lru_cache(maxsize=65536)  # a story's members are compared again at each new one
def _same_normalised_title(na: str, nb: str) -> bool:
    if _NUMBER.findall(na) != _NUMBER.findall(nb):
        return False
    if na == nb:
        return True
    matcher = SequenceMatcher(None, na, nb)
    # the quick ratios are upper bounds of ratio(): most pairs are ruled out by them
    if (
        matcher.real_quick_ratio() >= MIN_RATIO
        and matcher.quick_ratio() >= MIN_RATIO
        and matcher.ratio() >= MIN_RATIO
    ):
        return True
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / len(ta | tb) >= MIN_JACCARD


def story_id_for(canonical_url: str) -> str:
    """The story id derived from a member's canonical URL (stable, opaque, short)."""
    return STORY_PREFIX + hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


class _UnionFind:
    def __init__(self, keys: Iterable[Any]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: Any) -> Any:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=str)] = min(ra, rb, key=str)


def _order_key(row: Mapping[str, Any]) -> tuple:
    when = _parse_date(row.get("published")) or _parse_date(row.get("first_seen"))
    stamp = when.timestamp() if when else float("inf")
    return (stamp, str(row.get("source") or ""), str(row.get("id")))


def _urls(row: Mapping[str, Any]) -> set[str]:
    return {row.get("canonical_url"), row.get("url")} - {None, ""}


def _same_title_elsewhere(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.get("source") != b.get("source") and same_story_title(a["title"], b["title"])


def same_story(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The rule ``cluster_items`` links two rows by: a shared URL, or other sources
    publishing near-identical titles within ``MAX_DAYS_APART`` of the publishers' days."""
    if _urls(a) & _urls(b):
        return True
    date_a, date_b = _parse_date(a.get("published")), _parse_date(b.get("published"))
    if date_a is None or date_b is None:
        return False
    # the publishers' own days, as in ``cluster_items``
    days_apart = abs((date_a.date() - date_b.date()).days)
    return days_apart <= MAX_DAYS_APART and _same_title_elsewhere(a, b)


def cluster_items(rows: Iterable[Mapping[str, Any]]) -> dict[Any, str]:
    """Map every row's ``id`` to a story id; rows of the same story share one.

    Rows need ``id``, ``source``, ``title``, ``published`` and ``canonical_url`` (or
    ``url``); ``first_seen`` orders undated rows and ``story_id`` (a previous run's
    answer) is kept when the group still holds it, so ids survive new members.
    """
    rows = [r for r in rows if r.get("id") is not None]
    by_id = {r["id"]: r for r in rows}
    groups = _UnionFind(by_id)

    by_url: dict[str, Any] = {}
    for row in rows:
        for url in _urls(row):
            if url in by_url:
                groups.union(row["id"], by_url[url])
            else:
                by_url[url] = row["id"]

    # the publisher's days are compared (the date each partner wrote), not UTC instants
    dated = sorted(
        ((d.date(), r) for r in rows if (d := _parse_date(r.get("published")))),
        key=lambda p: p[0],
    )
    for i, (day_a, a) in enumerate(dated):
        for day_b, b in dated[i + 1 :]:
            if (day_b - day_a).days > MAX_DAYS_APART:
                break
            if _same_title_elsewhere(a, b):
                groups.union(a["id"], b["id"])

    members: dict[Any, list[Mapping[str, Any]]] = {}
    for row in rows:
        members.setdefault(groups.find(row["id"]), []).append(row)

    result: dict[Any, str] = {}
    used: set[str] = set()
    for group in sorted(
        (sorted(g, key=_order_key) for g in members.values()), key=lambda g: _order_key(g[0])
    ):
        story = _pick_story_id(group, used)
        used.add(story)
        result.update({row["id"]: story for row in group})
    return result


def _pick_story_id(group: list[Mapping[str, Any]], used: set[str]) -> str:
    """An id this group already had (earliest member first), else one from a member's URL."""
    candidates = [row.get("story_id") for row in group]
    candidates += [
        story_id_for(row.get("canonical_url") or row.get("url") or f"item:{row['id']}")
        for row in group
    ]
    for candidate in candidates:
        if candidate and candidate not in used:
            return candidate
    return story_id_for(f"item:{group[0]['id']}:{len(used)}")


STORY_COLUMNS = (
    "id",
    "source",
    "url",
    "canonical_url",
    "title",
    "published",
    "first_seen",
    "story_id",
)
