"""Relations between organisations, read from text. Pure, regex-based.

``extract_relations(text, publisher=...)`` finds two kinds, each with the sentence it
was read from:

- ``member_of``: "the World Health Students’ Alliance (WHSA), which consists of A, B, C
  and D", "WHSA comprises / is made up of / brings together / whose members are …",
  "Members of the alliance are A, B and C", "the members of WHSA …: A, B and C",
  "A, B and C are members of WHSA", "A is a member of WHSA together with B and C";
- ``partner_of``: "DTH-Lab announces strategic partnerships with A and B",
  "X has partnered with A", "X’s partnership with A", "a partnership between X and A",
  and "… in partnership with A" (then the page's ``publisher`` is the partner).

An organisation is named as "Full Name (ACR)", a bare acronym ("IFMSA", "DTH-Lab") or
a capitalised name; it is keyed by its acronym when it has one, else by its name, and
its name keeps its punctuation as published (``spiders.pages.names.fold_name`` is for
comparing). "The alliance" / "the network" refers back to the last named group of that
kind in the text. Lists end where something other than a name and a separator comes
("… with IFMSA and IPSF to strengthen …" gives IFMSA and IPSF).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.facts import sentences
from spiders.items import NewsItem, OrganisationProfile
from spiders.pages.names import ACRONYM, fold_name, is_acronym

MEMBER_OF = "member_of"
PARTNER_OF = "partner_of"

_ACRONYM = ACRONYM
_WORD = r"[A-Z][\w’'&.\-]*"
_CONNECTOR = r"of|for|and|the|de|des|du|la|le|on|in|&"
_NAME = rf"{_WORD}(?:\s+(?:(?:{_CONNECTOR})\s+)*{_WORD})*"
_NAMED = re.compile(rf"(?P<name>{_NAME})\s*\((?P<acronym>{_ACRONYM})\)")
_BARE_ACRONYM = re.compile(rf"(?P<acronym>{_ACRONYM})(?![\w’'&-])")
_BARE_NAME = re.compile(rf"(?P<name>{_NAME})(?![\w’'&-])")
_THE = re.compile(r"(?:[Tt]he|[Tt]his|[Oo]ur)\s+")
_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+&\s+|\s+as well as\s+")
_AND = re.compile(r"\s+(?:and|&)\s+")
# The first letter of every mention ("The", "this", "our" or a capital): ``mention_at``
# finds nothing anywhere else, so the scans jump from one of these to the next; the
# mention scan only to those that start a word (no letter or digit before them).
_MENTION_FIRST = re.compile(r"[A-Zto]")
_WORD_MENTION_FIRST = re.compile(r"(?<![^\W_])[A-Zto]")
GROUP_NOUNS = (
    "alliance",
    "coalition",
    "consortium",
    "network",
    "federation",
    "union",
    "forum",
    "council",
    "partnership",
)
_GROUP_NOUN = "|".join(GROUP_NOUNS)
_GROUP_NOUN_WORDS = tuple((noun, re.compile(rf"\b{noun}\b", re.I)) for noun in GROUP_NOUNS)
TRIGGER_WORDS = (
    "member",
    "partner",
    "consist",
    "compris",
    "composed",
    "made up",
    "brings together",
    "unites",
    "formed by",
)
"""A sentence with none of these (in any case) states no relation: it is not read."""
_REFERENCE = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+(?P<noun>{_GROUP_NOUN})\b", re.I)

# "<group> consists of <members>": the group is named just before the verb.
_CONSISTS = re.compile(
    r"(?:,?\s*(?:which|that|who)\s+|\s+)(?:currently\s+|now\s+)?"
    r"(?:consists of|comprises|is composed of|is made up of|brings together|unites|"
    r"is formed by|was formed by)\s+"
)
_CONSISTS_WORDS = ("consists", "comprises", "composed", "made", "brings", "unites", "formed")
_WHOSE_MEMBERS = re.compile(r",?\s*whose members (?:are|include)\s+")
# "members of <group> are <members>"
_MEMBERS_OF_ARE = re.compile(r"\b[Mm]embers of\s+")
_ARE_INCLUDE = re.compile(r"\s+(?:are|include)\s+|[^:.;]{0,60}:\s+")
_TOGETHER_WITH = re.compile(r"\s*,?\s+(?:together with|along with|alongside)\s+")
# "<members> are (founding) members of <group>"
_ARE_MEMBERS_OF = re.compile(
    r"\s+(?:is|are|were|was)\s+(?:all\s+)?(?:a\s+|the\s+)?(?:founding\s+|full\s+|proud\s+)?"
    r"members?\s+of\s+"
)
_PARTNER_VERB = re.compile(
    r"(?:\s+(?:(?:today|yesterday|recently|officially|formally|proudly|has|have|had|"
    r"is|are|will|now)\s+)*)"
    r"(?:(?:announce[sd]?|sign(?:s|ed)?|launch(?:es|ed)?|formali[sz](?:es|ed)|establish(?:es|ed)|"
    r"enter(?:s|ed)? into|form(?:s|ed)?|renew(?:s|ed)?)\s+"
    r"(?:(?:a|an|two|three|new|strategic|formal|official|long-term)\s+)*partnerships?"
    r"|partner(?:s|ed)?|(?:is|are)\s+partnering)\s+with\s+"
)
_POSSESSIVE_PARTNER = re.compile(  # after "X’s" (a name's possessive is part of it)
    r"(?<=[’']s)\s+(?:(?:new|strategic|formal)\s+)*partnerships?\s+with\s+"
)
_PARTNERSHIP_BETWEEN = re.compile(r"\bpartnerships?\s+between\s+")
_IN_PARTNERSHIP = re.compile(r"\bin\s+(?:(?:close|strategic)\s+)?partnership\s+with\s+", re.I)


@dataclass(frozen=True)
class Mention:
    """An organisation named in text: ``key`` is its acronym, or its name when it has
    none; ``name`` its name as published (None for a bare acronym)."""

    key: str
    name: str | None = None


def _acceptable_name(name: str) -> bool:
    """Not two names run together ("IPSF and The International … Association")."""
    parts = _AND.split(name)
    return len(parts) == 1 or not any(
        is_acronym(part) or part.lower().startswith("the ") for part in parts
    )


def _clean(name: str) -> str:
    """A name without a leading "The", its possessive "’s" or a final full stop."""
    name = re.sub(r"^The\s+", "", " ".join(name.split())).rstrip(".,")
    return re.sub(r"[’']s$", "", name)


def mention_at(text: str, pos: int) -> tuple[Mention, int] | None:
    """The organisation named at ``pos`` (after an optional "the"), and where it ends."""
    if the := _THE.match(text, pos):
        pos = the.end()
    named = _NAMED.match(text, pos)
    if named and _acceptable_name(named["name"]):
        return Mention(named["acronym"], _clean(named["name"])), named.end()
    if bare := _BARE_NAME.match(text, pos):
        raw, end = bare["name"], bare.end()
        if not _acceptable_name(raw):  # "A and the B": A, then B after the separator
            raw = _AND.split(raw)[0]
            end = pos + len(raw)
        name = _clean(raw)
        if is_acronym(name):
            return Mention(name), end
        if " " in name:  # one capitalised word is a word, not an organisation
            return Mention(name, name), end
    acronym = _BARE_ACRONYM.match(text, pos)
    if acronym:
        return Mention(acronym["acronym"]), acronym.end()
    return None


def mention_list(text: str, pos: int) -> list[Mention]:
    """The organisations listed from ``pos`` on ("A (X), B and the C (Z)"), in order."""
    return listed(text, pos)[0]


def listed(text: str, pos: int) -> tuple[list[Mention], int]:
    """The organisations listed from ``pos`` on, in order, and where the list ends (past
    a separator that no organisation follows)."""
    found: list[Mention] = []
    while (hit := mention_at(text, pos)) is not None:
        mention, pos = hit
        found.append(mention)
        separator = _SEPARATOR.match(text, pos)
        if not separator:
            break
        pos = separator.end()
    return found, pos


def _mentions(text: str, end: int | None = None) -> Iterator[tuple[Mention, int]]:
    """Every organisation named in ``text[:end]`` (starting at a word), and where each
    ends."""
    end = len(text) if end is None else end
    pos = 0
    while (first := _WORD_MENTION_FIRST.search(text, pos, end)) is not None:
        pos = first.start()
        hit = mention_at(text, pos) if not pos or not text[pos - 1].isalnum() else None
        if hit and hit[1] <= end:
            yield hit
            pos = hit[1]
        else:
            pos += 1


def _mention_before(text: str, end: int) -> Mention | None:
    """The organisation named last in ``text[:end]``, if it ends right there."""
    last = None
    for last in _mentions(text, end):  # noqa: B007 the last one is wanted
        pass
    if last and not text[last[1] : end].strip(" ,"):
        return last[0]
    return None


def _group_before(text: str, end: int, groups: dict[str, Mention]) -> Mention | None:
    """The group named right before ``end``: by name, or as "the alliance" (the last
    named group with that noun in the text so far)."""
    reference = None
    for match in _REFERENCE.finditer(text, 0, end):
        if not text[match.end() : end].strip(" ,"):
            reference = groups.get(match["noun"].lower())
    return reference or _mention_before(text, end)


def _group_at(text: str, pos: int, groups: dict[str, Mention]) -> tuple[Mention, int] | None:
    """The group named at ``pos`` ("the alliance" or a name), and where it ends."""
    reference = _REFERENCE.match(text, pos)
    if reference and reference["noun"].lower() in groups:
        return groups[reference["noun"].lower()], reference.end()
    return mention_at(text, pos)


def _remember_groups(sentence: str, groups: dict[str, Mention]) -> None:
    """Note the groups ("… Alliance", "… Network") a sentence names, by their noun."""
    lowered = sentence.lower()
    if not any(noun in lowered for noun in GROUP_NOUNS):
        return
    for mention, _ in _mentions(sentence):
        for noun, pattern in _GROUP_NOUN_WORDS:
            if pattern.search(mention.name or ""):
                groups[noun] = mention


def _relations_in(
    sentence: str, groups: dict[str, Mention], publisher: Mention | None
) -> list[tuple[Mention, str, Mention]]:
    out: list[tuple[Mention, str, Mention]] = []
    lowered = sentence.lower()
    if not any(word in lowered for word in TRIGGER_WORDS):
        return out
    # Each pattern is tried only where its verb's word is (a pattern without a literal
    # start is otherwise tried at every character of the sentence).
    members, partners = "member" in lowered, "partner" in lowered
    consists = any(word in lowered for word in _CONSISTS_WORDS)
    for pattern in (_CONSISTS,) * consists + (_WHOSE_MEMBERS,) * members:
        for match in pattern.finditer(sentence):
            group = _group_before(sentence, match.start(), groups)
            if group:
                out += [(m, MEMBER_OF, group) for m in mention_list(sentence, match.end())]
    for match in _MEMBERS_OF_ARE.finditer(sentence) if members else ():
        group = _group_at(sentence, match.end(), groups)
        verb = _ARE_INCLUDE.match(sentence, group[1]) if group else None
        if verb:
            out += [(m, MEMBER_OF, group[0]) for m in mention_list(sentence, verb.end())]
    for match in _ARE_MEMBERS_OF.finditer(sentence) if members else ():
        group = _group_at(sentence, match.end(), groups)
        if group is None:
            continue
        start = _list_start(sentence, match.start())
        members = mention_list(sentence, start) if start is not None else []
        if together := _TOGETHER_WITH.match(sentence, group[1]):  # "… together with A, B"
            members += mention_list(sentence, together.end())
        out += [(m, MEMBER_OF, group[0]) for m in members]
    for pattern in (_PARTNER_VERB, _POSSESSIVE_PARTNER) * partners:
        for match in pattern.finditer(sentence):
            subject = _mention_before(sentence, match.start())
            if subject:
                out += [(subject, PARTNER_OF, m) for m in mention_list(sentence, match.end())]
    for match in _PARTNERSHIP_BETWEEN.finditer(sentence) if partners else ():
        members = mention_list(sentence, match.end())
        out += [(members[0], PARTNER_OF, m) for m in members[1:]]
    if publisher and partners:
        for match in _IN_PARTNERSHIP.finditer(sentence):
            out += [(publisher, PARTNER_OF, m) for m in mention_list(sentence, match.end())]
    return out


_LIST_GAP = re.compile(r"[,;:]\s+|\s+")


def _list_start(sentence: str, end: int) -> int | None:
    """Where the list of organisations that ends at ``end`` begins (None if none does)."""
    for start in [0, *(m.end() for m in _LIST_GAP.finditer(sentence, 0, end))]:
        if not _MENTION_FIRST.match(sentence, start):
            continue
        members, list_end = listed(sentence, start)
        if members and list_end == end:
            return start
    return None


def extract_relations(text: str | None, publisher: Mention | None = None) -> list[dict]:
    """Every relation the text states (module doc), once each, in order: dicts with
    subject, subject_name, relation, object, object_name and text (the sentence).
    ``publisher`` is the organisation whose page it is ("in partnership with …")."""
    if not text:
        return []
    groups: dict[str, Mention] = {}
    found: dict[tuple[str, str, str], dict] = {}
    for sentence in sentences(text):
        _remember_groups(sentence, groups)
        for subject, relation, obj in _relations_in(sentence, groups, publisher):
            key = (fold_name(subject.key), relation, fold_name(obj.key))
            if key[0] == key[2]:
                continue
            if key in found:  # named in full later on: keep the names
                known = found[key]
                known["subject_name"] = known["subject_name"] or subject.name
                known["object_name"] = known["object_name"] or obj.name
                continue
            found[key] = {
                "subject": subject.key,
                "subject_name": subject.name,
                "relation": relation,
                "object": obj.key,
                "object_name": obj.name,
                "text": " ".join(sentence.split()),
            }
    return list(found.values())


def publisher_of(source: Any) -> Mention | None:
    """The organisation whose site a page of ``source`` (a ``Source``, or None) is on."""
    return Mention(source.acronym or source.name, source.name) if source is not None else None


def stated_relations(found: NewsItem | OrganisationProfile, source: Any) -> tuple[list[dict], dict]:
    """The relations a stored item or profile states, and where they were stated
    (``url``, ``source``, ``observed``: the keywords of ``archive.save_relations``); the
    same for a local crawl's pipeline and for ``partnerwire ingest``."""
    if isinstance(found, NewsItem):
        url, observed = found.canonical_url or found.url, found.published
    else:
        url, observed = found.url, found.observed
    where = {"url": url, "source": found.source, "observed": observed}
    return page_relations(found, publisher_of(source)), where


def page_relations(
    obj: NewsItem | OrganisationProfile, publisher: Mention | None = None
) -> list[dict]:
    """The relations a normalised item (its title and text; ``publisher`` is its
    source's organisation) or profile (its description; the organisation it describes
    is the publisher) states."""
    if isinstance(obj, OrganisationProfile):
        own = Mention(obj.acronym or obj.name, obj.name)
        return extract_relations(obj.description, own)
    return extract_relations("\n".join(t for t in (obj.title, obj.text) if t), publisher)
