"""Dates as pages write them -> ISO 8601 strings. Never invents a date: no date, no value.

Order of attempts: ISO 8601 (``fromisoformat``), RFC 822 (feeds), Drupal's default
"medium" format ``D, m/d/Y - H:i``, English month-name dates, dotted day-first dates
("22.01.2026"), then dateparser with strict settings (all of day, month and year
required; the partners' languages; absolute dates only, so "yesterday" or "2 days ago"
never become the crawl's clock time). Naive values are taken as UTC; aware values keep
their offset; a date without a time of day stays a date (``2026-01-22``).

The one date module of partnerwire: the parsers, the archive, the story grouping, the
feeds and the snapshot server all read and write dates through it. Parse (text -> ISO
string keeping the offset: ``parse_date``, ``find_date``, ``normalise_date``), to UTC
(``to_utc_iso``: the archive's sort key and clock format; ``aware_datetime``: a stored
ISO string as an aware datetime), and HTTP dates and run ids (``parse_http_date``,
``format_http_date``, ``format_run_id``).
Pure: no clock (callers pass ``datetime.now(UTC)``); imports only ``text``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime, formatdate, parsedate_to_datetime

import dateparser

from .text import remove_control_chars

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Date-looking substrings, most specific first; used to find a date inside visible text.
_DATE_PATTERNS = [
    re.compile(
        r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    ),
    re.compile(
        r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?\d{1,2}/\d{1,2}/\d{4}(?:\s*-\s*\d{1,2}:\d{2})?"
    ),
    re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
    re.compile(r"\b\d{4}/\d{1,2}/\d{1,2}\b"),
    # other languages' month names ("3 février 2025", "10 de octubre de 2025",
    # "14. Oktober 2025"); dateparser checks that the word is a month
    re.compile(r"\b\d{1,2}(?:er|º|\.)?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}\b"),
]
_DRUPAL = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\s*-\s*(?P<H>\d{1,2}):(?P<M>\d{2})$"
)
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$")
_DOTTED = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
# the partners write English, French and Spanish (IPSF is multilingual); pages of other
# members also come in German, Portuguese and Italian
_LANGUAGES = ["en", "fr", "es", "de", "pt", "it"]
_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    # no "relative-time" ("yesterday", "2 days ago") and no "timestamp": both read a clock
    # or a bare number, never a date the page wrote
    "PARSERS": ["custom-formats", "absolute-time"],
}


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _from_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None


def _from_rfc822(text: str) -> datetime | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _from_drupal(text: str) -> datetime | None:
    match = _DRUPAL.match(text)
    if not match:
        return None
    parts = {key: int(value) for key, value in match.groupdict().items()}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts["H"], parts["M"])
    except ValueError:
        return None


def _from_numeric(text: str) -> datetime | None:
    """ "22.01.2026" (dots: day first, whatever ``day_first`` says) and "2025/03/02" (the
    year first: then month, then day)."""
    match = _DOTTED.match(text) or _YEAR_FIRST.match(text)
    if not match:
        return None
    try:
        return datetime(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


_MONTH_NAME_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")


def _from_month_name(text: str) -> datetime | None:
    """English "January 22, 2026" / "22nd Jan 2026" without dateparser (which is slow)."""
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b|\bof\b|[,.]", " ", text, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.split()).replace("Sept ", "Sep ")
    for fmt in _MONTH_NAME_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


# a written time of day ("16:40", "T17:10"): without one the text is a date only
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def parse_date(text: object, *, day_first: bool = False) -> str | None:
    """``text`` as an ISO 8601 string, or None when it holds no complete date (or is not a
    string at all: JSON-LD values can be lists or objects). A time keeps its offset (naive
    means UTC); a date without a time of day stays a date (``2026-01-22``), the day the
    publisher wrote, never a made-up midnight.

    Slashed dates like "1/5/2023" are month-first unless ``day_first`` is set; dotted
    dates like "01.02.2026" are always day-first.
    """
    if not isinstance(text, str) or not (text := " ".join(text.split())):
        return None
    found = None
    for reader in (_from_iso, _from_rfc822, _from_drupal, _from_month_name, _from_numeric):
        if (value := reader(text)) is not None and not (day_first and reader is _from_drupal):
            found = value
            break
    if found is None:
        settings = {**_SETTINGS, "DATE_ORDER": "DMY" if day_first else "MDY"}
        found = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    if found is None:
        return None
    return _iso(found) if _TIME_OF_DAY.search(text) else found.date().isoformat()


def parse_epoch(text: object) -> str | None:
    """A POSIX timestamp in seconds or milliseconds ("1710524400", an attribute's value)
    as an ISO 8601 UTC time; None for anything else."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{10}(\d{3})?", text.strip()):
        return None
    seconds = int(text.strip()[:10])
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def find_date(text: str | None, *, day_first: bool = False) -> str | None:
    """The first date written inside a longer visible text ("Published on 22 January 2026")."""
    found = date_span(" ".join(text.split()) if text else "", day_first=day_first)
    return found[2] if found else None


def date_span(text: str, *, day_first: bool = False) -> tuple[int, int, str] | None:
    """(start, end, ISO date) of the first date written in ``text``, or None: where a
    byline's name ends and its date begins ("Inês Moreira March 13, 2024")."""
    found = [m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)]
    for match in sorted(found, key=lambda m: (m.start(), m.group(0))):
        if value := parse_date(match.group(0).strip(" ,"), day_first=day_first):
            return match.start(), match.end(), value
    return None


# --- to UTC and keeping the offset ----------------------------------------------------------


def _as_utc(value: datetime) -> str | None:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    except (OverflowError, ValueError):
        return None


def _keeping_offset(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # no offset written: UTC is the only guess we make
    return value.replace(microsecond=0).isoformat()


def normalise_date(value: str | datetime | date | None) -> str | None:
    """A date as the publisher meant it: ISO 8601 with the publisher's own offset
    (``2020-04-07T17:10:46-07:00`` stays so), a naive time taken as UTC (nothing better
    is known), and a date without a time of day kept as a date (``2026-01-22``). Text is
    read by ``parse_date``. None when it cannot be read. ``to_utc_iso`` gives the UTC
    sort key of the same value."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _keeping_offset(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = remove_control_chars(value)
    parsed = parse_date(text)
    if not parsed:
        return None
    if not _TIME_OF_DAY.search(text):
        return parsed[:10]
    return _keeping_offset(datetime.fromisoformat(parsed))


def to_utc_iso(value: str | datetime | date | None) -> str | None:
    """A date/time as ``YYYY-MM-DDTHH:MM:SS+00:00``: the UTC sort key (``published_utc``)
    and our own clock's format. Text is read by ``parse_date``, so both accept the same
    dates; a datetime or date is taken as it is (naive means UTC; a bare date is midnight
    UTC). None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _as_utc(value)
    if isinstance(value, date):
        return _as_utc(datetime(value.year, value.month, value.day))
    if not isinstance(value, str):
        return None
    parsed = parse_date(remove_control_chars(value))
    return _as_utc(datetime.fromisoformat(parsed)) if parsed else None


def aware_datetime(value: object) -> datetime | None:
    """A stored ISO 8601 string as an aware datetime, keeping the publisher's offset (so
    the feeds write the day the partner meant); a naive time is taken as UTC and a
    date-only value (``2026-01-22``) is midnight of that day in UTC. None when
    unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.replace(microsecond=0)


MAX_OFFSET = timedelta(hours=14)  # the widest offset in use (UTC+14, Kiribati)


def local_with_offset(local: object, utc: object) -> str | None:
    """A local time with its offset from a naive local time and the same instant in naive
    UTC (WordPress's ``date`` and ``date_gmt``): their difference is the publisher's
    offset, so the day stays the one the partner saw. Falls back to UTC when the pair
    does not make sense."""
    try:
        here, there = datetime.fromisoformat(str(local)), datetime.fromisoformat(str(utc))
    except ValueError:
        return parse_date(utc) or parse_date(local)
    offset = here - there
    if here.tzinfo or there.tzinfo or abs(offset) > MAX_OFFSET or offset % timedelta(minutes=15):
        return parse_date(utc) or parse_date(local)
    return here.replace(tzinfo=timezone(offset)).isoformat()


def in_publishers_zone(chosen: str | None, other: str | None) -> str | None:
    """``chosen``, unless ``other`` is the same instant written with the publisher's own
    offset where ``chosen`` says UTC: a feed or Yoast's meta writes UTC, a page or the
    WordPress REST API the site's zone, and only the zone gives the publisher's day.
    ``other`` may be the publisher's day alone (Ghost shows ``2024-03-07`` for
    ``2024-03-08T04:05:00Z``): a day next to the UTC one that some offset in use could
    make of that instant is the publisher's; the same day keeps ``chosen``'s time."""
    if chosen and other and len(chosen) > 10 and len(other) == 10:
        return _publishers_day(chosen, other)
    if not chosen or not other or len(chosen) == 10 or len(other) == 10:
        return chosen or other
    try:
        a, b = datetime.fromisoformat(chosen), datetime.fromisoformat(other)
        same = a == b
    except (TypeError, ValueError):
        return chosen
    return other if same and not a.utcoffset() and b.utcoffset() else chosen


def _publishers_day(chosen: str, day: str) -> str:
    try:
        instant, local = datetime.fromisoformat(chosen), date.fromisoformat(day)
    except (TypeError, ValueError):
        return chosen
    if instant.utcoffset() != timedelta(0):
        return chosen
    earliest = (instant - MAX_OFFSET + timedelta(hours=2)).date()  # UTC-12, the westmost
    latest = (instant + MAX_OFFSET).date()
    return day if local != instant.date() and earliest <= local <= latest else chosen


# --- formats -----------------------------------------------------------------------------------


def parse_http_date(text: str) -> datetime | None:
    """An HTTP date (``If-Modified-Since``) as an aware datetime; None when it cannot be
    read or names no zone."""
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else None


def format_http_date(when: datetime | float) -> str:
    """An HTTP date (``Thu, 22 Jan 2026 16:40:00 GMT``; also OPML's RFC 822 dates) from an
    aware datetime or a POSIX timestamp (a file's mtime)."""
    if isinstance(when, datetime):
        return format_datetime(when.astimezone(UTC), usegmt=True)
    return formatdate(when, usegmt=True)


def format_run_id(when: datetime) -> str:
    """A crawl run's id: its start in UTC to the microsecond (``20260122T101500.123456Z``),
    so ids sort by time and two runs never share one."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
