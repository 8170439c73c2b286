"""Organisations and their observations: every observed description and its facts,
kept beside the old ones, never over them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlite_utils import Database

from pipeline.archive._db import Row, as_dict, as_stamp, encode_row, select_rows, write_transaction
from pipeline.archive.runs import save_placeholder_source
from spiders.items import OrganisationProfile
from spiders.pages.names import fold_name
from spiders.pages.text import clean_paragraphs


def description_hash(description: str | None) -> str:
    """sha256 of the description with whitespace collapsed (layout changes are no change)."""
    text = " ".join(clean_paragraphs(description or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_profile(
    db: Database, profile: OrganisationProfile | Mapping[str, object], *, now: datetime | str
) -> str:
    """Record one observation of an organisation (a normalised OrganisationProfile).

    Organisations are keyed by acronym (case-insensitive), or by name when there is no
    acronym. Observations are append-only: a row is added only when this
    (organisation, url, description) is new. Returns "new" (organisation first seen),
    "changed" (a new observation was recorded) or "unchanged". The organisations row
    shows the description of the observation recorded last (the page's own date is kept
    in ``observed`` but undated pages are common, so it does not decide) and keeps
    ``first_seen``.
    """
    data = as_dict(profile)
    name = (data.get("name") or "").strip()
    acronym = (data.get("acronym") or "").strip() or None
    if not name:
        raise ValueError("an organisation profile needs a name to be archived")
    stamp = as_stamp(now)
    digest = description_hash(data.get("description"))
    with write_transaction(db):
        org = _find_organisation(db, name, acronym)
        status = "changed"
        if org is None:
            org_id = (
                db.table("organisations")
                .insert(
                    {
                        "name": name,
                        "acronym": acronym,
                        "website": data.get("website"),
                        "description": data.get("description"),
                        "first_seen": stamp,
                        "last_seen": stamp,
                    }
                )
                .last_pk
            )
            status = "new"
        else:
            org_id = org["id"]
            db.table("organisations").update(
                org_id,
                {
                    "last_seen": stamp,
                    "acronym": org["acronym"] or acronym,
                    "website": data.get("website") or org["website"],
                },
            )
        seen = db.execute(
            "SELECT 1 FROM org_observations "
            "WHERE organisation_id = ? AND url = ? AND description_hash = ?",
            [org_id, data.get("url") or "", digest],
        ).fetchone()
        if seen:
            return "unchanged"
        save_placeholder_source(db, data.get("source"))
        db.table("org_observations").insert(
            encode_row(
                {
                    "organisation_id": org_id,
                    "name": name,
                    "acronym": acronym,
                    "website": data.get("website"),
                    "source": data.get("source"),
                    "url": data.get("url") or "",
                    "kind": data.get("kind"),
                    "observed": data.get("observed"),
                    "seen_at": stamp,
                    "description": data.get("description"),
                    "description_hash": digest,
                    "founded_year": data.get("founded_year"),
                    "member_organisations": data.get("member_organisations"),
                    "countries": data.get("countries"),
                    "people_represented": data.get("people_represented"),
                    "based_in": list(data.get("based_in") or []),
                    "objectives": list(data.get("objectives") or []),
                    "related_organisations": list(data.get("related_organisations") or []),
                    "facts": dict(data.get("facts") or {}),
                }
            )
        )
        latest = db.execute(
            "SELECT description FROM org_observations WHERE organisation_id = ? "
            "ORDER BY seen_at DESC, id DESC LIMIT 1",
            [org_id],
        ).fetchone()
        db.table("organisations").update(org_id, {"description": latest[0]})
        return status


def _find_organisation(db: Database, name: str, acronym: str | None) -> Row | None:
    """The organisation with this acronym (case aside), else the one with this name
    (``fold_name``: punctuation and case aside; one with another acronym only when this
    profile has none)."""
    if acronym:
        rows = select_rows(
            db, "SELECT * FROM organisations WHERE acronym = ? COLLATE NOCASE", [acronym]
        )
        if rows:
            return rows[0]
        sql = "SELECT * FROM organisations WHERE acronym IS NULL ORDER BY id"
    else:
        sql = "SELECT * FROM organisations ORDER BY id"
    folded = fold_name(name)
    return next((row for row in select_rows(db, sql) if fold_name(row["name"]) == folded), None)


RELATION_FIELDS = ("subject", "subject_name", "relation", "object", "object_name", "text")
"""What ``pipeline.relations.extract_relations`` gives for each relation."""


def save_relations(
    db: Database,
    relations: Iterable[Mapping[str, object]],
    *,
    url: str,
    source: str | None,
    observed: str | None,
    now: datetime | str,
) -> int:
    """Record the relations one page (``url``, dated ``observed``) states; returns how
    many were new. A relation is kept once per page: stating it again changes nothing
    but fills in names the page gave only later (``seen_at`` stays the first sighting)."""
    stamp = as_stamp(now)
    new = 0
    with write_transaction(db):
        for relation in relations:
            row = {key: relation.get(key) for key in RELATION_FIELDS}
            row.update(url=url, source=source, observed=observed, seen_at=stamp)
            key = [row["subject"], row["relation"], row["object"], url]
            known = db.execute(
                "SELECT id FROM relations WHERE subject = ? AND relation = ? AND object = ?"
                " AND url = ?",
                key,
            ).fetchone()
            if known is None:
                db.table("relations").insert(row)
                new += 1
                continue
            db.execute(
                "UPDATE relations SET subject_name = coalesce(subject_name, ?),"
                " object_name = coalesce(object_name, ?), observed = coalesce(?, observed)"
                " WHERE id = ?",
                [row["subject_name"], row["object_name"], observed, known[0]],
            )
    return new
