"""Facts about an organisation pulled from its description (work in progress)."""

from __future__ import annotations

from typing import Any


def extract_facts(text: str) -> dict[str, Any]:
    return {
        "founded_year": None,
        "member_organisations": None,
        "countries": None,
        "people_represented": None,
        "based_in": [],
        "objectives": [],
        "related_organisations": [],
        "facts": {},
    }
