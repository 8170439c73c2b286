"""The block around an item's title: the visible date, type label and "By ..." line that
Webflow-style pages show instead of metadata. Only short texts next to the h1 are read;
the caller passes a region already cleaned of navigation, sidebars and related lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from .dates import date_span, find_date
from .dom import text_of, title_element
from .text import clean_line

INLINE_TAGS = {
    "a",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "time",
    "small",
    "br",
    "abbr",
    "sup",
    "sub",
    "img",
    "u",
}
LABEL_CLASS = re.compile(
    r"tag|label|category|categor|type|kicker|eyebrow|badge|pill|topic|section|meta", re.I
)
# the caption of a field ("Last Revised", "Alert Code"), not a type label (Drupal: field__label)
FIELD_LABEL_CLASS = re.compile(r"field__label|field-label", re.I)
# a date captioned like this is when the page changed, not when it was published
UPDATE_CAPTION = re.compile(
    r"\b(updated|revised|modified|edited|mis à jour|mise à jour|modifié|actualizado|"
    r"actualizada|aktualisiert|aggiornato|atualizado)\b",
    re.I,
)
# how pages caption their publication date, in the partners' languages
PUBLISHED_LABEL = re.compile(
    r"^(published|posted|publication date|date of publication|release date|date|"
    r"publié|publiée|date de publication|publicado|publicada|fecha( de publicación)?|"
    r"veröffentlicht|datum|pubblicato|data)\b",
    re.I,
)
# a caption saying a date is the publication date, anywhere in a line ("Updated: 21 March
# 2024 | Published: 19 March 2024")
PUBLISHED_CAPTION = re.compile(
    r"\b(published|posted|publié|publiée|publicado|publicada|veröffentlicht|pubblicato)\b", re.I
)
CAPTION = re.compile(rf"{UPDATE_CAPTION.pattern}|{PUBLISHED_CAPTION.pattern}", re.I)
MAX_LABELLED_LINE = 120
AUTHOR_CLASS = re.compile(r"author|byline|name|person", re.I)
BEFORE, AFTER = 6, 14  # how many short texts either side of the title are "near"
BODY_START = 200  # a text this long is the body: the header region ends there


@dataclass
class Line:
    element: HtmlElement
    text: str


def _leaf_blocks(region: HtmlElement) -> list[Line]:
    lines = []
    for element in region.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if element.tag in INLINE_TAGS and not (parent is not None and _has_blocks(parent)):
            continue
        if _has_blocks(element):
            continue
        if text := text_of(element):
            lines.append(Line(element, text))
    return lines


def _has_blocks(element: HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag not in INLINE_TAGS for c in element)


def header_lines(region: HtmlElement) -> tuple[list[Line], list[Line], str]:
    """(lines after the title, lines before it nearest first, the title text)."""
    lines = _leaf_blocks(region)
    heading = title_element(region)
    index = next((i for i, line in enumerate(lines) if line.element is heading), None)
    if index is None:
        return _until_body(lines[:AFTER]), [], ""
    after = _until_body(lines[index + 1 : index + 1 + AFTER])
    before = [
        line
        for line in reversed(lines[max(0, index - BEFORE) : index])
        if len(line.text) < BODY_START
    ]
    return after, before, lines[index].text


def _until_body(lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        if len(line.text) >= BODY_START:
            break
        out.append(line)
    return out


def _date_line(lines: list[Line]) -> Line | None:
    return next((line for line in lines if len(line.text) <= 80 and find_date(line.text)), None)


def captioned_as_update(before: str) -> bool:
    """The caption nearest before a date (the text up to it) says it is an update:
    "Updated: 21 March 2024 | Published:" ends with a publication caption."""
    captions = [match.group(0) for match in CAPTION.finditer(before)]
    return bool(captions) and UPDATE_CAPTION.fullmatch(captions[-1]) is not None


def publication_date(text: str, *, day_first: bool = False) -> str | None:
    """The date in a visible line, the one after a "Published"/"Posted" caption when the
    line also shows an update ("Updated: 21 March 2024 · Published: 19 March 2024")."""
    if UPDATE_CAPTION.search(text):
        for caption in PUBLISHED_CAPTION.finditer(text):
            if found := find_date(text[caption.end() :], day_first=day_first):
                return found
    return find_date(text, day_first=day_first)


def _publication_lines(lines: list[Line]) -> list[Line]:
    """Without update dates: "Updated June 30, 2020", or a date under a "Last Revised"
    caption; a line that also captions a date "Published" stays."""
    out = []
    for index, line in enumerate(lines):
        caption = lines[index - 1].text if index else ""
        is_caption = len(caption) <= 40 and not find_date(caption)
        if UPDATE_CAPTION.search(line.text) and not PUBLISHED_CAPTION.search(line.text):
            continue
        if is_caption and UPDATE_CAPTION.search(caption):
            continue
        out.append(line)
    return out


def visible_date(region: HtmlElement, *, day_first: bool = False) -> str | None:
    after, before, _ = header_lines(region)
    # ``before`` runs nearest first: a caption there comes after its date
    line = _date_line(_publication_lines(after)) or _date_line(
        _publication_lines(before[::-1])[::-1]
    )
    return publication_date(line.text, day_first=day_first) if line else None


def labelled_date(region: HtmlElement, *, day_first: bool = False) -> str | None:
    """A date the page labels as its publication date anywhere in the article ("Published
    on 12 May 2024", "Publicado el 3 de julio de 2025", "Date: 2025/03/02"): a short line
    that starts with the label, never an "Updated" line."""
    for line in _leaf_blocks(region):
        if (
            len(line.text) <= MAX_LABELLED_LINE
            and PUBLISHED_LABEL.match(line.text)
            and (found := find_date(line.text, day_first=day_first))
        ):
            return found
    return None


def is_label(text: str, title: str) -> bool:
    """A short caption beside a title that names the item's kind ("Publication", "News &
    insights"): a few words, no sentence, no date, no number, not the title itself."""
    return (
        2 <= len(text) <= 40
        and len(text.split()) <= 5
        and re.search(r"[A-Za-z]", text) is not None
        and not re.match(r"(by|share|back|home|read|posted|published)\b", text, re.I)
        and not re.match(r"(last\s+)?(updated|revised|modified|edited)\b", text, re.I)
        and not text.endswith((".", ":", "?", "!"))
        and text != title
        and not find_date(text)
        and not re.search(r"\d{2,}", text)
    )


def visible_label(region: HtmlElement) -> str | None:
    """A short type label next to the title or the date ("Publication", "News & insights")."""
    after, before, title = header_lines(region)
    near = after + before
    for line in near:
        classes = line.element.get("class", "")
        if (
            is_label(line.text, title)
            and LABEL_CLASS.search(classes)
            and not FIELD_LABEL_CLASS.search(classes)
        ):
            return line.text
    date_line = _date_line(after) or _date_line(before)
    if date_line is None:
        return None
    # no class hint: the label is the short text right beside the date, in the same block
    ordered = sorted(near, key=lambda line: _position(region, line.element))
    index = ordered.index(date_line)
    for line in (ordered[index - 1] if index else None, *ordered[index + 1 : index + 2]):
        if (
            line is not None
            and is_label(line.text, title)
            and not AUTHOR_CLASS.search(line.element.get("class", ""))
        ):
            return line.text
    return None


def _position(region: HtmlElement, element: HtmlElement) -> int:
    for index, node in enumerate(region.iter()):
        if node is element:
            return index
    return -1


# the words that open a byline: "By", "Written by", "Posted by", "Posted on <date> by"
BYLINE_START = re.compile(
    r"^(?:(?:written|posted|published)(?:\s+on\b[^|]*?)?\s+)?by\b\s*[:\-]?\s*", re.I
)
# a person's name: 2-5 words, the first capitalised ("IPSF Media and Publications" is one
# desk, not "IPSF Media" and "Publications")
NAME = re.compile(r"^(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?[A-ZÀ-Þ][^\s,;]*(?:\s+\S+){1,4}$")
# what a byline says a person is ("Eleanor Pryce, news editor"): not a name
ROLE = re.compile(
    r"\b(editor|correspondent|reporter|writer|journalist|columnist|contributor|officer|"
    r"manager|director|coordinator|intern|president|secretary|chair|head|lead|staff|"
    r"rédact\w*|journaliste|periodista|redactor\w*)\b",
    re.I,
)
# words that make a name an organisation's ("Department of Health and Social Care" is one
# publisher, not "Department of Health" and "Social Care")
ORGANISATION_WORD = re.compile(
    r"\b(department|ministry|agency|office|council|commission|authority|association|"
    r"federation|society|institute|university|service|services|unit|centre|center|"
    r"government|organi[sz]ation|foundation|committee|board|directorate)\b",
    re.I,
)
SEPARATORS = " -–—|·•,:;/"
# what may stand before a date that comes before the name ("Posted on 14 March 2024 by X")
OPENER = re.compile(r"(?:(?:posted|published|written)(?:\s+on)?|on)?", re.I)


def byline_names(value: str) -> list[str]:
    """The people in one byline: "By A, B and C | Aug 25, 2025" -> [A, B, C]. The opening
    words ("By", "Posted on <date> by"), a date run on after the name, trailing
    separators ("Michael Okafor -") and a role after a comma ("Eleanor Pryce, news
    editor") are not names. A comma or "and" splits only when every part looks like a
    name, so "Media and Publications" stays one."""
    value = clean_line(value)
    if found := date_span(value):  # the name ends where its date begins
        head, tail = value[: found[0]].strip(SEPARATORS), value[found[1] :]
        value = clean_line(tail if OPENER.fullmatch(head) else head)
    value = BYLINE_START.sub("", value.strip(SEPARATORS))
    value = re.split(r"\s+[|·•]\s+", value)[0].strip(SEPARATORS)
    parts = [p.strip(SEPARATORS) for p in re.split(r",\s*|;\s*|\s+(?:and|&|y|et|und|e)\s+", value)]
    if ORGANISATION_WORD.search(value):
        parts = [p for p in re.split(r"\s*[,;]\s*", value) if p]  # "and" stays inside the name
    roles = [p for p in parts[1:] if ROLE.search(p) or not p[:1].isupper()]
    people = [p for p in parts if p and p not in roles]
    if len(people) > 1 and all(NAME.match(p) for p in people):
        return people
    if roles and len(people) == 1 and NAME.match(people[0]):
        return people
    return [value] if value else []


def visible_authors(region: HtmlElement) -> list[str]:
    after, before, _ = header_lines(region)
    texts = [t for line in after + before for t in (*map(text_of, line.element), line.text)]
    for text in texts:
        match = BYLINE_START.match(text)
        if match and len(text) <= 80:
            names = text[match.end() :].strip(SEPARATORS)
            return [names] if re.search(r"[^\W\d_]", names) else []
    return []
