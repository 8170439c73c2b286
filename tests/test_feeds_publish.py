"""feeds.publish: the archive -> every feed file, atomically, unchanged files left alone."""

from __future__ import annotations

import json
import logging
import re
import threading
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest
from lxml import etree

from feeds.publish import PublishError, publish_feeds, write_if_changed
from pipeline.archive import open_archive, save_item, save_profile, save_source
from pipeline.normalise import normalise_profile
from spiders.items import NewsItem, OrganisationProfile

DATA = Path(__file__).parent / "data" / "feeds" / "archive_items.json"
NOW = "2026-02-01T00:00:00+00:00"
BASE = "http://feeds.example/wire/"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ANNOUNCEMENT = "DTH-Lab announces strategic partnerships with IFMSA and IPSF to strengthen the future health workforce"


def load_archive(db, extra_items=()):
    data = json.loads(DATA.read_text())
    for source in data["sources"]:
        save_source(db, source)
    for item in [*data["items"], *extra_items]:
        save_item(db, NewsItem(**item), now=NOW)
    return db


@pytest.fixture
def archive(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    yield load_archive(db)
    db.close()


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


def parse(path: Path):
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, (path.name, parsed.get("bozo_exception"))
    return parsed


def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def raw_dates(path: Path, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>([^<]*)</{tag}>", path.read_text())


EXPECTED_FEEDS = [
    "all",
    "dthlab",
    "ifmsa",
    "ipsf",
    "type-call",
    "type-journal-article",
    "type-multimedia",
    "type-news",
    "type-publication",
]
READING_PAGES = {
    "index.html",
    *(f"partners/{s}.html" for s in ("dthlab", "ifmsa", "ipsf")),
    *(f"types/{t}.html" for t in ("call", "journal-article", "multimedia", "news", "publication")),
}


def test_publish_writes_every_feed_opml_and_index(archive, out):
    report = publish_feeds(archive, out, base_url=BASE)
    expected = {f"{slug}.{ext}" for slug in EXPECTED_FEEDS for ext in ("atom", "rss", "json")}
    expected |= {"organisations.atom", "feeds.opml", "icon.svg", *READING_PAGES}
    assert set(report.written) == expected
    assert report.unchanged == []
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == expected
    assert report.summary() == f"{len(expected)} written, 0 unchanged"


def test_every_feed_parses_with_the_right_counts_and_dates(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    counts = {
        "all": 7,  # 9 items, the announcement's three copies merged into one
        "dthlab": 4,
        "ifmsa": 2,
        "ipsf": 3,
        "type-news": 2,  # the announcement (three copies, one story) and the notice
        "type-call": 2,  # the two cohort calls, labelled "News & insights"
        "type-publication": 1,
        "type-multimedia": 1,
        "type-journal-article": 1,
    }
    for slug, count in counts.items():
        atom, rss = parse(out / f"{slug}.atom"), parse(out / f"{slug}.rss")
        assert atom.version == "atom10"
        assert rss.version == "rss20"
        assert len(atom.entries) == len(rss.entries) == count, slug
        ids = [e.id for e in atom.entries]
        assert len(set(ids)) == len(ids)
        assert [e.id for e in rss.entries] == ids
        published = [e.published_parsed for e in atom.entries]
        assert published == sorted(published, reverse=True)  # newest first
        for value in raw_dates(out / f"{slug}.atom", "updated") + raw_dates(
            out / f"{slug}.atom", "published"
        ):
            assert RFC3339.match(value), value
        for value in raw_dates(out / f"{slug}.rss", "pubDate") + raw_dates(
            out / f"{slug}.rss", "lastBuildDate"
        ):
            assert parsedate_to_datetime(value).tzinfo is not None, value
            assert re.match(
                r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$", value
            )
        feed = json.loads((out / f"{slug}.json").read_text())
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert [i["id"] for i in feed["items"]] == ids
        for item in feed["items"]:
            assert RFC3339.match(item["date_published"])
            assert RFC3339.match(item["date_modified"])
            assert item["authors"]
            assert "_partnerwire" in item


def test_feed_level_metadata(archive, out):
    publish_feeds(archive, out, base_url=BASE, hub="http://127.0.0.1:9/hub")
    atom = parse(out / "all.atom").feed
    links = {(link.rel, link.href) for link in atom.links}
    assert ("self", BASE + "all.atom") in links
    assert ("alternate", BASE + "index.html") in links
    assert ("hub", "http://127.0.0.1:9/hub") in links
    assert atom.updated == NOW  # the newest entry (the undated one: first seen), never now
    assert atom.generator == "partnerwire"
    assert atom.language == "en"
    assert atom.icon == BASE + "icon.svg"
    rss = parse(out / "all.rss").feed
    assert rss.link == BASE + "index.html"
    assert {(link.rel, link.href) for link in rss.links} >= {
        ("self", BASE + "all.rss"),
        ("hub", "http://127.0.0.1:9/hub"),
    }
    feed = json.loads((out / "all.json").read_text())
    assert feed["feed_url"] == BASE + "all.json"
    assert feed["hubs"] == [{"type": "WebSub", "url": "http://127.0.0.1:9/hub"}]
    assert parse(out / "dthlab.atom").feed.link == "https://www.dthlab.org"


def test_the_announcement_is_one_merged_entry_naming_every_source(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    for fmt in ("atom", "rss"):
        entries = [
            e for e in parse(out / f"all.{fmt}").entries if "strategic partnerships" in e.title
        ]
        assert len(entries) == 1
        entry = entries[0]
        assert entry.title == ANNOUNCEMENT
        assert (
            entry.link
            == "https://www.dthlab.org/articles/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf"
        )
        assert entry.id.startswith("tag:partnerwire,2026:story-")
        assert "Also published by IFMSA, IPSF" in entry.summary
        assert entry.source.title == "Digital Transformations for Health Lab"
        content = entry.content[0].value
        assert (
            'href="https://ifmsa.org/dth-lab-announces-strategic-partnerships-with-ifmsa-and-ipsf/"'
            in content
        )
        assert (
            'href="https://www.ipsf.org/news/dth-lab-announces-strategic-partnerships-ifmsa-and-ipsf"'
            in content
        )
    atom_entry = next(e for e in parse(out / "all.atom").entries if "strategic" in e.title)
    assert {link.title for link in atom_entry.links if link.rel == "related"} == {"IFMSA", "IPSF"}
    item = next(
        i for i in json.loads((out / "all.json").read_text())["items"] if "strategic" in i["title"]
    )
    assert [s["id"] for s in item["_partnerwire"]["sources"]] == ["dthlab", "ifmsa", "ipsf"]
    assert {a["name"] for a in item["authors"]} >= {
        "Digital Transformations for Health Lab",
        "International Federation of Medical Students' Associations",
        "International Pharmaceutical Students' Federation",
    }
    per_source = [
        e
        for slug in ("dthlab", "ifmsa", "ipsf")
        for e in parse(out / f"{slug}.atom").entries
        if "strategic" in e.title.casefold()
    ]
    assert len(per_source) == 3
    assert all("Also published" not in e.summary for e in per_source)
    type_feed = [
        e for e in parse(out / "type-news.atom").entries if "strategic" in e.title.casefold()
    ]
    assert len(type_feed) == 1


def test_the_cohort_calls_stay_apart(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    titles = [e.title for e in parse(out / "all.atom").entries]
    assert "Call for Applications: Regional Youth Champions - Cohort 2025-2026" in titles
    assert "Call for Applications: Regional Youth Champions - Cohort 2024-2025" in titles


def test_entries_carry_authors_categories_images_and_sources(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    atom = {e.title: e for e in parse(out / "all.atom").entries}
    paper = atom["Governing health futures 2030: growing up in a digital world"]
    assert paper.author == "Ilona Kickbusch"
    assert [t.term for t in paper.tags] == ["Publication", "Digital health"]
    video = atom["Youth voices on digital health"]
    assert [link.href for link in video.links if link.rel == "enclosure"] == [
        "https://www.dthlab.org/images/youth.png"
    ]
    assert video.media_content[0]["url"] == "https://www.dthlab.org/images/youth.png"
    rss = {e.title: e for e in parse(out / "all.rss").entries}
    assert (
        rss["Youth voices on digital health"].enclosures[0].href
        == "https://www.dthlab.org/images/youth.png"
    )
    assert rss["Youth voices on digital health"].source.href == BASE + "dthlab.rss"
    survey = rss["Pharmacy students and digital health: a survey"]
    assert survey.source.title == "International Pharmaceutical Students' Federation"
    assert [a.name for a in survey.authors] == ["A. Author", "B. Author"]
    # No published date: the entry falls back to first seen, never to now.
    undated = atom["Notice without a date"]
    assert undated.published == NOW


def test_ids_are_identical_across_two_publishes(archive, tmp_path):
    publish_feeds(archive, tmp_path / "one", base_url=BASE)
    publish_feeds(archive, tmp_path / "two", base_url=BASE)
    for name in ("all.atom", "all.rss", "ipsf.atom", "type-news.rss"):
        first = [e.id for e in parse(tmp_path / "one" / name).entries]
        assert first == [e.id for e in parse(tmp_path / "two" / name).entries]
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_unchanged_publish_leaves_files_and_mtimes(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    mtimes = {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in files(out)}
    report = publish_feeds(archive, out, base_url=BASE)
    assert report.written == []
    assert set(report.unchanged) == set(mtimes)
    assert {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in files(out)} == mtimes
    assert report.summary().startswith(f"0 written, {len(mtimes)} unchanged")


def test_a_new_item_rewrites_only_the_feeds_it_is_in(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    new = {
        "source": "ifmsa",
        "url": "https://ifmsa.org/new-post/",
        "canonical_url": "https://ifmsa.org/new-post/",
        "title": "A brand new post",
        "published": "2026-01-30T10:00:00+00:00",
        "content_type": "News & insights",
    }
    save_item(archive, NewsItem(**new), now=NOW)
    report = publish_feeds(archive, out, base_url=BASE)
    assert set(report.written) == {
        f"{slug}.{ext}" for slug in ("all", "ifmsa", "type-news") for ext in ("atom", "rss", "json")
    } | {"index.html", "partners/ifmsa.html", "types/news.html"}
    # feeds.opml lists the same feeds, dated by the newest entry: unchanged
    assert "dthlab.atom" in report.unchanged
    assert "type-publication.rss" in report.unchanged


def test_the_merged_id_survives_a_late_member(tmp_path):
    db = open_archive(tmp_path / "a.db")
    data = json.loads(DATA.read_text())
    for source in data["sources"]:
        save_source(db, source)
    first, *rest = data["items"][:3]
    save_item(db, NewsItem(**first), now=NOW)
    publish_feeds(db, tmp_path / "out", base_url=BASE)
    before = next(e.id for e in parse(tmp_path / "out" / "all.atom").entries)
    for item in rest:
        save_item(db, NewsItem(**{**item, "published": "2026-01-20T00:00:00+00:00"}), now=NOW)
    publish_feeds(db, tmp_path / "out", base_url=BASE)
    entries = parse(tmp_path / "out" / "all.atom").entries
    assert [e.id for e in entries] == [before]
    db.close()


def test_limit_caps_every_feed(archive, out):
    publish_feeds(archive, out, base_url=BASE, limit=2)
    assert len(parse(out / "all.atom").entries) == 2
    assert len(parse(out / "dthlab.rss").entries) == 2
    assert len(json.loads((out / "ipsf.json").read_text())["items"]) == 2


HOSTILE = {
    "source": "ifmsa",
    "url": "https://ifmsa.org/hostile/",
    "canonical_url": "https://ifmsa.org/hostile/",
    "title": "<script>alert(1)</script>Hostile\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x1f title "
    + "A" * 1_000_000,
    "published": "2026-01-25T00:00:00+00:00",
    "content_type": "News & insights",
    "authors": ["<img src=x onerror=alert(1)>Eve\x07"],
    "tags": ["<b onmouseover=alert(1)>tag</b>"],
    "summary": "Sum\x0b<script>alert('x')</script>",
    "content_html": (
        '<p onclick="alert(1)">Body\x1f<script>alert(1)</script>'
        '<img src="https://ifmsa.org/a.png" onerror="alert(1)">'
        '<a href="javascript:alert(1)">click</a><a href="JaVaScRiPt:alert(2)">two</a>'
        '<iframe src="https://evil.example/"></iframe></p>'
    ),
    "image": "javascript:alert(1)",
}


def test_hostile_content_never_reaches_a_feed_file(tmp_path):
    db = open_archive(tmp_path / "a.db")
    load_archive(
        db,
        [
            HOSTILE,
            {**HOSTILE, "url": "javascript:alert(1)", "canonical_url": "javascript:alert(1)"},
        ],
    )
    out = tmp_path / "out"
    publish_feeds(db, out, base_url=BASE)
    db.close()
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
    for path in files(out):
        text = path.read_text(encoding="utf-8")
        lowered = text.casefold()
        # markup fields are sanitised: no script, frame, handler or javascript: link
        for needle in ("onclick", "javascript:", "iframe", "alert(2)"):
            assert needle not in lowered, (path.name, needle)
        if path.suffix != ".json":  # text fields are escaped: no element is ever markup
            assert "<script" not in lowered, path.name
            assert "<img src=x" not in lowered, path.name
        assert not control.search(text), path.name
        assert len(text) < 200_000, path.name
    # plain-text fields are text: what looks like markup is shown as written, escaped
    atom = etree.fromstring((out / "all.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [entry] = [
        e for e in atom.iterfind("a:entry", ns) if "Hostile" in e.findtext("a:title", namespaces=ns)
    ]
    title = entry.findtext("a:title", namespaces=ns)
    assert title.startswith("<script>alert(1)</script>Hostile title AAA")
    assert len(title) <= 500
    assert title.endswith("…")
    assert entry.findtext("a:author/a:name", namespaces=ns) == "<img src=x onerror=alert(1)>Eve"
    content = entry.findtext("a:content", namespaces=ns)
    assert "<script" not in content
    assert "onerror" not in content
    for item in json.loads((out / "all.json").read_text())["items"]:
        assert "<script" not in item.get("content_html", "")
    # the javascript: copy of the item has no usable link and is left out
    assert sum("Hostile" in e.title for e in parse(out / "ifmsa.atom").entries) == 1


def test_an_empty_archive_publishes_valid_empty_feeds(tmp_path):
    db = open_archive(tmp_path / "empty.db")
    report = publish_feeds(db, tmp_path / "out", base_url=BASE)
    db.close()
    assert set(report.written) == {
        "all.atom",
        "all.rss",
        "all.json",
        "organisations.atom",
        "feeds.opml",
        "index.html",
        "icon.svg",
    }
    for name in ("all.atom", "all.rss", "organisations.atom"):
        assert parse(tmp_path / "out" / name).entries == []
    assert json.loads((tmp_path / "out" / "all.json").read_text())["items"] == []
    assert "No entries yet" in (tmp_path / "out" / "index.html").read_text()


def test_a_missing_archive_is_a_one_line_error(tmp_path):
    with pytest.raises(PublishError) as error:
        publish_feeds(tmp_path / "nope.db", tmp_path / "out")
    assert str(error.value) == f"archive not found: {tmp_path / 'nope.db'}"
    assert "\n" not in str(error.value)
    assert not (tmp_path / "nope.db").exists()
    assert not (tmp_path / "out").exists()


def test_publish_from_a_path(archive, tmp_path):
    report = publish_feeds(tmp_path / "archive.db", tmp_path / "out", base_url=BASE)
    assert "all.atom" in report.written


def test_opml_and_index_list_every_feed(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    opml = (out / "feeds.opml").read_text()
    index = (out / "index.html").read_text()
    for slug in EXPECTED_FEEDS:
        for ext in ("atom", "rss", "json"):
            assert f'xmlUrl="{BASE}{slug}.{ext}"' in opml
            assert f'href="{slug}.{ext}"' in index  # relative: the folder works anywhere
    outlines = etree.fromstring((out / "feeds.opml").read_bytes()).findall(".//outline[@xmlUrl]")
    assert len(outlines) == 3 * len(EXPECTED_FEEDS) + 1  # and organisations.atom
    assert "Also published by" in index
    assert ANNOUNCEMENT in index
    assert '<a href="partners/dthlab.html">DTH-Lab</a>' in index
    assert '<time datetime="2026-01-22T09:00:00+00:00">22 January 2026</time>' in index


def test_atomic_write_leaves_no_temp_files(tmp_path):
    target = tmp_path / "feed.atom"
    assert write_if_changed(target, b"one") is True
    assert write_if_changed(target, b"one") is False
    assert write_if_changed(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "feed.atom"
    write_if_changed(target, b"old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        write_if_changed(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]


class Hub:
    """A tiny WebSub hub on 127.0.0.1 that records publish pings."""

    def __init__(self) -> None:
        self.pings: list[dict] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                hub.pings.append(parse_qs(self.rfile.read(length).decode()))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_websub_hub_is_declared_and_pinged_for_changed_feeds(archive, out):
    hub = Hub()
    try:
        report = publish_feeds(archive, out, base_url=BASE, hub=hub.url)
        pinged = {ping["hub.url"][0] for ping in hub.pings}
        assert all(ping["hub.mode"] == ["publish"] for ping in hub.pings)
        assert pinged == {
            BASE + name
            for name in report.written
            if name.rsplit(".", 1)[1] in {"atom", "rss", "json"}
        }
        assert BASE + "all.atom" in pinged
        assert report.hub_errors == []
        hub.pings.clear()
        report = publish_feeds(archive, out, base_url=BASE, hub=hub.url)
        assert hub.pings == []
        assert report.pinged == []
    finally:
        hub.close()
    assert f'<link href="{hub.url}" rel="hub"/>' in (out / "all.atom").read_text()
    assert f'<atom:link href="{hub.url}" rel="hub"/>' in (out / "all.rss").read_text()


def test_a_dead_hub_is_logged_not_fatal(archive, out, caplog):
    hub = Hub()
    dead = hub.url
    hub.close()  # the port is now closed: connection refused
    with caplog.at_level(logging.WARNING, logger="feeds.publish"):
        report = publish_feeds(archive, out, base_url=BASE, hub=dead)
    assert "all.atom" in report.written
    assert report.pinged == []
    assert len(report.hub_errors) == 1
    assert "unreachable" in caplog.text


ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_atom_entry_source_has_id_title_link_and_updated(archive, out):
    """RFC 4287 4.2.11 as the W3C validator reads it: a <source> carries the source
    feed's id, title, updated (one each, RFC 3339) and a link."""
    publish_feeds(archive, out, base_url=BASE)
    atoms = sorted(p for p in out.glob("*.atom") if p.name != "organisations.atom")
    assert len(atoms) == len(EXPECTED_FEEDS)
    for path in atoms:
        entries = etree.parse(str(path)).getroot().findall(f"{ATOM}entry")
        assert entries, path.name
        for entry in entries:
            source = entry.find(f"{ATOM}source")
            assert source is not None, path.name
            for child in ("id", "title", "updated"):
                found = source.findall(f"{ATOM}{child}")
                assert [bool(f.text) for f in found] == [True], (path.name, child)
            assert RFC3339.match(source.find(f"{ATOM}updated").text)
            assert source.find(f"{ATOM}id").text.startswith("tag:partnerwire,2026:feed:")
            links = {link.get("rel"): link.get("href") for link in source.findall(f"{ATOM}link")}
            assert links["self"].startswith(BASE)
            assert links["self"].endswith(".atom")
            assert links["alternate"].startswith("https://")
            # the source's updated is the entry's own: never newer than what it carries
            assert source.find(f"{ATOM}updated").text == entry.find(f"{ATOM}updated").text


def test_site_title_names_every_feed_and_page(archive, out):
    publish_feeds(archive, out, base_url=BASE, title="Health Wire", description="One line.")
    assert parse(out / "all.atom").feed.title == "Health Wire"
    assert parse(out / "ifmsa.atom").feed.title == "Health Wire: IFMSA"
    assert parse(out / "type-call.atom").feed.title == "Health Wire: Calls for applications"
    index = (out / "index.html").read_text()
    assert "<title>Health Wire</title>" in index
    assert "<p>One line.</p>" in index
    partner = (out / "partners" / "ifmsa.html").read_text()
    assert "<title>IFMSA · Health Wire</title>" in partner


def test_type_feeds_and_pages_no_longer_made_are_removed(archive, out):
    publish_feeds(archive, out, base_url=BASE)
    stale = ["type-news-insights.atom", "type-news-insights.rss", "types/old.html"]
    kept = ["notes.txt", "type-notes.txt", "partners/readme.txt", "ifmsa-old.atom"]
    for name in stale + kept:
        (out / name).write_text("from before")
    report = publish_feeds(archive, out, base_url=BASE)
    assert sorted(report.removed) == sorted(stale)
    assert report.written == []
    assert report.summary().endswith(", 3 removed")
    assert not any((out / name).exists() for name in stale)
    assert all((out / name).read_text() == "from before" for name in kept)
    assert publish_feeds(archive, out, base_url=BASE).removed == []


def save_ifmsa(db, members, countries, url, observed, now=NOW):
    save_profile(
        db,
        normalise_profile(
            OrganisationProfile(
                name="International Federation of Medical Students’ Associations",
                acronym="IFMSA",
                description=f"IFMSA has {members} member organizations from {countries} countries.",
                source="ifmsa",
                url=url,
                observed=observed,
            )
        ),
        now=now,
    )


def test_organisations_atom_has_one_entry_per_changed_fact(archive, out):
    save_ifmsa(archive, 124, 115, "https://ifmsa.org/about-ifmsa/", "2023-03-14")
    save_ifmsa(archive, 133, 123, "https://www.dthlab.org/articles/p", "2026-01-22")
    save_ifmsa(archive, 133, 125, "https://www.ipsf.org/news/p", "2026-02-10T09:00:00+01:00")
    report = publish_feeds(archive, out, base_url=BASE)
    assert "organisations.atom" in report.written
    feed = parse(out / "organisations.atom")
    assert feed.feed.id == "tag:partnerwire,2026:feed:organisations"
    assert [e.title for e in feed.entries] == [
        "IFMSA countries: 123 → 125",
        "IFMSA member organisations: 124 → 133",
        "IFMSA countries: 115 → 123",
    ]
    members = feed.entries[1]
    links = {link.rel: link.href for link in members.links}
    assert links == {
        "alternate": "https://www.dthlab.org/articles/p",
        "related": "https://ifmsa.org/about-ifmsa/",
    }
    assert members.updated == "2026-01-22T00:00:00+00:00"
    assert feed.entries[0].updated == "2026-02-10T09:00:00+01:00"
    assert feed.feed.updated == feed.entries[0].updated
    assert "a third party's page" in members.content[0].value
    assert len({e.id for e in feed.entries}) == 3
    opml = (out / "feeds.opml").read_text()
    assert f'xmlUrl="{BASE}organisations.atom"' in opml
    assert f'xmlUrl="{BASE}organisations.rss"' not in opml
    assert 'href="organisations.atom"' in (out / "index.html").read_text()


def test_organisations_atom_is_left_alone_until_a_fact_changes(archive, out):
    save_ifmsa(archive, 124, 115, "https://ifmsa.org/about-ifmsa/", "2023-03-14")
    save_ifmsa(archive, 133, 115, "https://www.dthlab.org/articles/p", "2026-01-22")
    publish_feeds(archive, out, base_url=BASE)
    first = parse(out / "organisations.atom")
    save_ifmsa(archive, 133, 115, "https://www.dthlab.org/articles/q", "2026-01-25")  # no change
    report = publish_feeds(archive, out, base_url=BASE)
    assert "organisations.atom" in report.unchanged
    save_ifmsa(archive, 140, 115, "https://ifmsa.org/news/", "2026-03-01")
    report = publish_feeds(archive, out, base_url=BASE)
    assert "organisations.atom" in report.written
    second = parse(out / "organisations.atom")
    assert [e.title for e in second.entries] == [
        "IFMSA member organisations: 133 → 140",
        "IFMSA member organisations: 124 → 133",
    ]
    assert second.entries[1].id == first.entries[0].id  # ids are stable between runs
