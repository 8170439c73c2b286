"""Facts about an organisation, pulled from its own description. Pure, regex-based.

``extract_facts(text)`` finds: the year it was founded, how many member organisations,
countries and people it represents, where it is based, its objectives ("To …;" bullets)
and the organisations named as members of an alliance it belongs to. Each found fact is
also returned in ``facts`` as ``{"value", "qualifier", "text"}`` where ``qualifier`` is
the hedge the site used ("more than", "over", "nearly"…; None for an exact figure) and
``text`` is the words it was read from, so a person can check it.

The heuristic that keeps out facts about something else: a sentence only counts when it
is *about the organisation*, i.e. its subject comes first, and the subject is

- an acronym-like name (two or more capitals: "IFMSA", "DTH-Lab", "NMO"),
- a formal name ("The International Federation of …"),
- "It", "We", "Our …", "The Federation/Association/Organisation/Lab/…", "This …",

optionally after a short lead-in such as "Today," "Currently," or "Founded in 1949,".
So "Between 2022 and 2025, DTH-Lab convened more than 600 young people from 80
countries" and "For more than 60 years, IFMSA was led …" give nothing. Counts are also
ignored in sentences about events (convened, trained, reached, gathered, …). Numbers
may be digits ("600,000", "1.3 million") or words ("one million", "twenty-five thousand").
"""

from __future__ import annotations

import re
from typing import Any

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_UNITS = {word: value for value, word in enumerate(_UNIT_WORDS.split())}
_TENS = {word: 10 * value for value, word in enumerate(_TEN_WORDS.split(), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_WORD_NUM = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion"
NUMBER = (
    r"(?P<num>"
    r"(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:" + _SCALE + r"))?"
    r"|a\s+(?:" + _SCALE + r")"
    r"|(?:" + _WORD_NUM + r")(?:[\s-]+(?:and\s+)?(?:" + _WORD_NUM + "|" + _SCALE + r"))*"
    r")"
)
QUALIFIER = (
    r"(?:(?P<qual>more than|over|nearly|almost|around|about|approximately|some|at least|"
    r"up to|close to|roughly)\s+)?"
)
# Words allowed between the number and its noun ("130 different representative pharmacy
# student member organizations"); these would mean the number belongs to something else.
_BETWEEN = (
    r"(?:(?!(?:in|from|with|than|and|of|across|over|more|countries|nations|years)\b)"
    r"[A-Za-z’'-]+\s+)"
)
_MEMBER_NOUN = (
    r"(?:national\s+)?members?\s+(?:organi[sz]ations|associations|societies|federations|unions)"
    r"|national\s+(?:organi[sz]ations|associations)|NMOs"
)
_COUNTRY_NOUN = r"countries|nations|territories"
_PEOPLE_NOUN = (
    r"students|individuals|people|members|young\s+people|youth|professionals|graduates|"
    r"physicians|doctors|pharmacists|volunteers"
)
_EVENT_VERBS = re.compile(
    r"\b(?:convened|convenes|convening|gathered|brought together|trained|reached|engaged|"
    r"hosted|welcomed|attracted|surveyed|consulted|attended|participated|registered for)\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?:(?:Today|Currently|Now|Presently|In addition|Additionally|Moreover|Furthermore|"
    r"As of \d{4}|Since its (?:foundation|founding|creation)(?: in \d{4})?|"
    r"(?:Founded|Established|Created|Formed|Set up|Launched) in \d{4}),?\s+)?"
    r"(?:[Ii]t|[Ww]e|[Oo]ur\s+\w+"
    r"|(?:[Tt]he|[Tt]his)\s+(?:[Ff]ederation|[Aa]ssociation|[Oo]rgani[sz]ation|[Aa]lliance|[Nn]etwork|"
    r"[Ll]ab|[Cc]onsortium|[Ss]ociety|[Uu]nion|[Cc]ouncil|[Ff]oundation)"
    r"|[Tt]he\s+[A-Z][\w’'-]*"
    r"|[A-Z][\w’'&-]*[A-Z][\w’'&-]*"
    r")\b"
)
_FOUNDED = re.compile(
    r"\b(?:founded|established|created|formed|set up|launched|inaugurated)\s+in\s+"
    r"(?P<year>1[6-9]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_PLACE = r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*"
_BASED_IN = re.compile(
    r"\b(?:based|headquartered|located|registered)\s+in\s+"
    r"(?P<places>" + _PLACE + r"(?:\s*,\s*" + _PLACE + r")*(?:,?\s+and\s+" + _PLACE + r")?)"
)
_MEMBERSHIP = re.compile(
    r"\b(?:consists of|consisting of|comprises|comprising|is composed of|composed of|"
    r"made up of|brings together|bringing together|whose members are|members are|"
    r"formed by|including|together with|alongside)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"\b(?:alliance|coalition|consortium|network|partnership|federation|union|forum)\b",
    re.IGNORECASE,
)
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*)\)")
_BARE_ACRONYM = re.compile(r"\b([A-Z][A-Z&-]*[A-Z])\b")
_OBJECTIVE = re.compile(r"^(?:[•●◦▪‣*·–—-]\s*|\d+[.)]\s*)?(?P<text>To\s+[a-z].*?)\s*[;.]?$")
_BULLET = re.compile(r"^\s*(?:[•●◦▪‣*·–—-]|\d+[.)])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[“\"'(]?[A-Z])|\n+")


def parse_number(text: str) -> int | None:
    """ "600,000" -> 600000, "1.3 million" -> 1300000, "one million" -> 1000000,
    "twenty-five" -> 25, "a thousand" -> 1000. None if it is not a number."""
    s = " ".join(text.lower().replace("-", " ").split())
    s = re.sub(r"(?<=\d) (?=\d{3}\b)", "", s)  # "600 000"
    digits = re.fullmatch(r"([\d.,\u00a0\u202f]+)(?:\s+(" + _SCALE + r"))?", s)
    if digits:
        raw = re.sub(r"[,\u00a0\u202f]", "", digits[1])
        try:
            value = float(raw) if "." in raw else int(raw)
        except ValueError:
            return None
        return round(value * _SCALES.get(digits[2] or "", 1))
    total, current, seen = 0, 0, False
    for word in s.split():
        small = _UNITS.get(word, _TENS.get(word, 1 if word == "a" else None))
        if small is not None:
            current, seen = current + small, True
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total, current = total + max(current, 1) * _SCALES[word], 0
        elif word != "and":
            return None
    return total + current if seen else None


def sentences(text: str) -> list[str]:
    """Rough sentences: split after . ! ? before a capital, and at line breaks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def is_about_organisation(sentence: str) -> bool:
    """Does the sentence start with the organisation as its subject? (see module doc)"""
    return bool(_SUBJECT.match(_BULLET.sub("", sentence)))


def _count(sentence: str, noun: str, *, between: int) -> tuple[int, str | None, str] | None:
    words_between = f"{_BETWEEN}{{0,{between}}}"
    pattern = re.compile(rf"\b{QUALIFIER}{NUMBER}\s+{words_between}(?:{noun})\b", re.IGNORECASE)
    for match in pattern.finditer(sentence):
        value = parse_number(match["num"])
        if value is not None:
            qualifier = match["qual"].lower() if match["qual"] else None
            return value, qualifier, " ".join(match.group(0).split())
    return None


def _places(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*|,?\s+and\s+", text)
    return [re.sub(r"^the\s+", "", p.strip().rstrip(".")) for p in parts if p.strip(" .")]


def _objectives(text: str) -> list[str]:
    lines = []
    for line in re.split(r"\n|(?<=;)\s+(?=(?:[•●◦▪‣*·]\s*)?To\s)|\s+(?=[•●◦▪‣]\s*To\s)", text):
        match = _OBJECTIVE.match(line.strip())
        if match:
            lines.append((match["text"].strip(), line.strip()))
    # A lone "To do X, we…" line is prose; bullets, ";" endings or a list of them are not.
    if len(lines) == 1 and not (_BULLET.match(lines[0][1]) or lines[0][1].endswith(";")):
        return []
    return [text for text, _ in lines]


def _related(sentence: str) -> list[str]:
    if not _GROUP.search(sentence):
        return []
    verb = _MEMBERSHIP.search(sentence)
    if not verb:
        return []
    rest = sentence[verb.end() :]
    found = _PAREN_ACRONYM.findall(rest) or _BARE_ACRONYM.findall(rest)
    return list(dict.fromkeys(found))


def _fact(value: Any, qualifier: str | None, text: str) -> dict[str, Any]:
    return {"value": value, "qualifier": qualifier, "text": text}


def extract_facts(text: str | None) -> dict[str, Any]:
    """The facts an organisation's description states about itself (module doc). Keys:
    founded_year, member_organisations, countries, people_represented (int or None),
    based_in, objectives, related_organisations (lists) and facts (name -> {value,
    qualifier, text}). The first statement of each fact wins."""
    result: dict[str, Any] = {
        "founded_year": None,
        "member_organisations": None,
        "countries": None,
        "people_represented": None,
        "based_in": [],
        "objectives": [],
        "related_organisations": [],
        "facts": {},
    }
    if not text or not text.strip():
        return result
    found: dict[str, dict[str, Any]] = {}
    for sentence in sentences(text):
        related = _related(sentence)
        if related and "related_organisations" not in found:
            found["related_organisations"] = _fact(related, None, sentence)
        if not is_about_organisation(sentence):
            continue
        founded = _FOUNDED.search(sentence)
        if founded and "founded_year" not in found:
            found["founded_year"] = _fact(int(founded["year"]), None, founded.group(0))
        based = _BASED_IN.search(sentence)
        if based and "based_in" not in found:
            places = _places(based["places"])
            found["based_in"] = _fact(places, None, based.group(0).rstrip("."))
        if _EVENT_VERBS.search(sentence):
            continue
        counts = {
            "member_organisations": _count(sentence, _MEMBER_NOUN, between=5),
            "countries": _count(sentence, _COUNTRY_NOUN, between=1),
            "people_represented": _count(sentence, _PEOPLE_NOUN, between=2),
        }
        for name, count in counts.items():
            if count is None or name in found:
                continue
            value, qualifier, span = count
            if name == "countries" and value > 250:
                continue
            if name == "people_represented" and span.lower().endswith("members") and value < 1000:
                continue  # "133 members" are more likely organisations than people
            found[name] = _fact(value, qualifier, span)
    objectives = _objectives(text)
    if objectives:
        found["objectives"] = _fact(objectives, None, "; ".join(objectives))
    for name, fact in found.items():
        result[name] = fact["value"]
    result["facts"] = found
    return result
