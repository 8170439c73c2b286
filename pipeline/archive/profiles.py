"""An organisation's current profile from its observations: which statement of each fact
wins, every statement of it, and when the winning value changed. Pure (rows in, dicts
out), like ``stories``; ``queries`` feeds it.

**Own pages first.** An observation is *own* when its page is on the organisation's own
site: the configured homepage and ``hosts`` of the source that is this organisation
(same acronym or name), or, for an organisation that is no source, the website its
profiles name. For each fact the newest own statement wins over every third party's,
unless a third party's statement of another value is newer (its page's date, by day;
an undated page counts from when it was first seen). Both stay in the history.
Name and website are identity, not facts: a configured source's name, else the name its
own about page gives, else its own newest page's, else the newest page's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from spiders.pages.dates import to_utc_iso
from spiders.pages.names import fold_name, same_name
from spiders.pages.text import truncate
from spiders.pages.urls import same_site, site_host

FACTS = (
    "founded_year",
    "member_organisations",
    "countries",
    "people_represented",
    "based_in",
    "objectives",
)
"""The facts with precedence and history, in the order they are shown."""
CHANGE_FACTS = FACTS[:-1]
"""The facts whose changes ``organisations.atom`` announces (objectives are prose)."""
FACT_LABELS = {
    "founded_year": "founded",
    "member_organisations": "member organisations",
    "countries": "countries",
    "people_represented": "people represented",
    "based_in": "based in",
    "objectives": "objectives",
}

Row = dict[str, Any]


def fact_text(statement: dict, *, width: int | None = 80) -> str:
    """A fact's value as text ("more than 115", "Switzerland, Nigeria"); objectives
    counted and cut to ``width`` characters (None: all of them)."""
    value, fact = statement["value"], statement["fact"]
    if fact == "objectives":
        text = "; ".join(value)
        return f"{len(value)}: {truncate(text, width) if width else text}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    qualifier = f"{statement['qualifier']} " if statement.get("qualifier") else ""
    counted = isinstance(value, int) and fact != "founded_year"
    return f"{qualifier}{value:,}" if counted else f"{qualifier}{value}"


def matching_source(
    organisation: Mapping[str, Any], sources: Iterable[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The configured source that is this organisation (same acronym, else same name)."""
    acronym, name = organisation.get("acronym"), organisation.get("name")
    sources = list(sources)
    return next((s for s in sources if same_name(s.get("acronym"), acronym)), None) or next(
        (s for s in sources if same_name(s.get("name"), name)), None
    )


def own_hosts(
    organisation: Mapping[str, Any],
    source: Mapping[str, Any] | None,
    observations: Iterable[Mapping[str, Any]],
) -> list[str]:
    """The hosts of the organisation's own site (module doc), ``www.`` aside: its
    ``source``'s homepage and hosts, else the websites its profiles name."""
    if source:
        addresses = [source.get("homepage"), *(source.get("hosts") or [])]
    else:
        addresses = [organisation.get("website"), *(o.get("website") for o in observations)]
    return sorted({_host(a) for a in addresses if a} - {""})


def _host(address: str | None) -> str:
    if not address:
        return ""
    return site_host(urlsplit(address if "//" in address else "//" + address).netloc)


def is_own(url: str | None, hosts: Sequence[str]) -> bool:
    return bool(url) and any(same_site(url, host) for host in hosts)


def as_of(observation: Mapping[str, Any]) -> str:
    """When an observation stated what it did: its page's date, else when first seen."""
    return observation.get("observed") or observation.get("seen_at") or ""


def statement_order(statement: Mapping[str, Any]) -> tuple[str, str, int]:
    """Sort key, oldest first: the statement's date as UTC, when it was first seen, and
    the observation's row id."""
    when = statement["as_of"]
    seen = statement.get("seen_at") or ""
    return (to_utc_iso(when) or when, seen, statement.get("observation_id") or 0)


def _qualifier(observation: Mapping[str, Any], fact: str) -> str | None:
    facts = observation.get("facts") or {}
    return (facts.get(fact) or {}).get("qualifier") if isinstance(facts, dict) else None


def fact_statements(
    observations: Iterable[Mapping[str, Any]],
    hosts: Sequence[str],
    facts: Sequence[str] = FACTS,
) -> list[Row]:
    """Every statement of every fact (one per observation that states it): fact, value,
    qualifier, url, observed, seen_at, as_of, own, kind, source; newest first."""
    statements = []
    for obs in observations:
        own = is_own(obs.get("url"), hosts)
        for fact in facts:
            value = obs.get(fact)
            if value is None or value == [] or value == "":
                continue
            statements.append(
                {
                    "fact": fact,
                    "value": value,
                    "qualifier": _qualifier(obs, fact),
                    "url": obs.get("url"),
                    "observed": obs.get("observed"),
                    "seen_at": obs.get("seen_at"),
                    "as_of": as_of(obs),
                    "own": own,
                    "kind": obs.get("kind"),
                    "source": obs.get("source"),
                    "observation_id": obs.get("id"),
                }
            )
    return sorted(statements, key=statement_order, reverse=True)


def same_value(a: Any, b: Any) -> bool:
    """One value of a fact, spelling aside ("Students’" = "Students'"; lists as sets)."""
    if isinstance(a, list) and isinstance(b, list):
        return {fold_name(str(x)) for x in a} == {fold_name(str(x)) for x in b}
    if isinstance(a, str) and isinstance(b, str):
        return fold_name(a) == fold_name(b)
    return a == b


def winner(statements: Sequence[Mapping[str, Any]]) -> Row | None:
    """The statement that wins among one fact's ``statements`` (newest first), with
    ``why`` (module doc), or None if there are none."""
    own = next((s for s in statements if s["own"]), None)
    third = next((s for s in statements if not s["own"]), None)
    if own is None or third is None:
        best = own or third
        if best is None:
            return None
        why = "own page" if best["own"] else "third-party page (no own page states it)"
        return {**best, "why": why}
    if third["as_of"][:10] > own["as_of"][:10] and not same_value(third["value"], own["value"]):
        why = f"third-party page dated {third['as_of'][:10]}, newer than the own page's"
        return {**third, "why": why, "outranks": _where(own)}
    if same_value(third["value"], own["value"]):
        return {**own, "why": "own page"}
    return {**own, "why": "own page", "outranks": _where(third)}


def _where(statement: Mapping[str, Any]) -> Row:
    return {key: statement[key] for key in ("value", "url", "as_of", "own")}


def current_facts(statements: Sequence[Mapping[str, Any]]) -> dict[str, Row]:
    """fact -> the winning statement (``winner``), for the facts stated at all."""
    out = {}
    for fact in FACTS:
        best = winner([s for s in statements if s["fact"] == fact])
        if best is not None:
            out[fact] = best
    return out


def fact_changes(statements: Sequence[Mapping[str, Any]]) -> list[Row]:
    """Each time the winning value of a fact changed, as statements came in (oldest
    first by their date): fact, old and new (the winning statements before and after),
    in the order they happened. The first value of a fact is no change."""
    changes = []
    for fact in CHANGE_FACTS:
        seen: list[Mapping[str, Any]] = []
        current = None
        for statement in sorted((s for s in statements if s["fact"] == fact), key=statement_order):
            seen.insert(0, statement)
            best = winner(seen)
            if current is not None and not same_value(best["value"], current["value"]):
                changes.append({"fact": fact, "old": current, "new": best})
            current = best
    return sorted(changes, key=lambda c: statement_order(c["new"]))


def identity(
    organisation: Mapping[str, Any],
    source: Mapping[str, Any] | None,
    observations: Sequence[Mapping[str, Any]],
    hosts: Sequence[str],
) -> Row:
    """The name, acronym and website to show and ``names``, every spelling of the name
    published, the shown one first. The name is the configured ``source``'s, else the
    newest own about page's, else the newest own page's, else the newest page's."""
    ordered = sorted(
        observations,
        key=lambda o: statement_order({**o, "as_of": as_of(o), "observation_id": o.get("id")}),
        reverse=True,
    )
    # stable sorts: own pages first, and among them the organisation's about pages
    ordered.sort(key=lambda o: o.get("kind") != "organisation_page")
    ordered.sort(key=lambda o: not is_own(o.get("url"), hosts))
    names: list[str] = [source["name"]] if source and source.get("name") else []
    for obs in ordered:
        if obs.get("name") and not any(same_name(obs["name"], n) for n in names):
            names.append(obs["name"])
    first = ordered[0] if ordered else {}
    return {
        "name": names[0] if names else organisation.get("name"),
        "acronym": organisation.get("acronym") or first.get("acronym"),
        "website": first.get("website") or organisation.get("website"),
        "names": names or [organisation.get("name")],
    }


def known_by_relations(name: str, relations: Sequence[Mapping[str, Any]]) -> Row:
    """The profile of an organisation that no page describes but relations name
    (``name`` as they give it): its relations, no facts."""
    key, full = name, None
    for relation in relations:
        for side in ("subject", "object"):
            if fold_name(name) in {fold_name(relation[side]), fold_name(relation[f"{side}_name"])}:
                key, full = relation[side], full or relation[f"{side}_name"]
    seen = sorted(r["seen_at"] for r in relations)
    return {
        "id": None,
        "name": full or key,
        "acronym": key if full and key != full else None,
        "website": None,
        "names": [full or key],
        "own_hosts": [],
        "first_seen": seen[0],
        "last_seen": seen[-1],
        "description": None,
        "facts": {},
        "history": [],
        "relations": list(relations),
    }
