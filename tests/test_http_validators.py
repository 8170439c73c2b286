"""Conditional requests: when a 304 is the right answer."""

from email.utils import formatdate

from feeds.http_validators import is_not_modified

MTIME = 1_700_000_000.0
ETAG = '"abc"'


def test_matching_etag_weak_or_listed():
    assert is_not_modified('"abc"', None, {ETAG}, MTIME)
    assert is_not_modified('W/"abc"', None, {ETAG}, MTIME)
    assert is_not_modified('"x", "abc"', None, {ETAG}, MTIME)
    assert is_not_modified("*", None, {ETAG}, MTIME)
    assert not is_not_modified('"other"', None, {ETAG}, MTIME)


def test_if_none_match_decides_alone():
    since = formatdate(MTIME + 60, usegmt=True)
    assert not is_not_modified('"other"', since, {ETAG}, MTIME)


def test_if_modified_since():
    assert is_not_modified(None, formatdate(MTIME, usegmt=True), {ETAG}, MTIME)
    assert not is_not_modified(None, formatdate(MTIME - 60, usegmt=True), {ETAG}, MTIME)
    assert not is_not_modified(None, "not a date", {ETAG}, MTIME)
    assert not is_not_modified(None, "Sun, 06 Nov 1994 08:49:37", {ETAG}, MTIME)  # no zone
    assert not is_not_modified(None, None, {ETAG}, MTIME)
