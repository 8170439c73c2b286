"""Every CLI input path is total: a bad input gives exit code 2 and exactly one line on
stderr, never a traceback, and nothing is fetched or written. Run in-process with click's
CliRunner: every case stops before a crawl would start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli, exit_codes

# A source that lives on a closed local port: should a case ever get past its checks,
# the crawl still fetches nothing from the internet.
GOOD_SOURCE = """
[sources.local]
name = "Local Partner"
homepage = "http://127.0.0.1:9"
platform = "wordpress"
collect = ["feed"]
feed = "/feed/"
"""


def source_with(line: str) -> str:
    return GOOD_SOURCE.replace('feed = "/feed/"', f'feed = "/feed/"\n{line}')


SOURCES_FILES: dict[str, bytes] = {
    "good": GOOD_SOURCE.encode(),
    "latin1": GOOD_SOURCE.replace("Local Partner", "Partenaire général").encode("latin-1"),
    "binary": bytes(range(256)) * 8,
    "nul": GOOD_SOURCE.encode() + b"\x00\x00",
    "empty": b"",
    "not_a_table": b"sources = 5\n",
    "entry_not_a_table": b"[sources]\nlocal = 5\n",
    "sources_array": b"sources = []\n",
    "bad_toml": b"[sources.local\nname = 'x'\n",
    "bad_homepage": GOOD_SOURCE.replace("http://127.0.0.1:9", "http://[::1").encode(),
    "bad_port": GOOD_SOURCE.replace("http://127.0.0.1:9", "http://127.0.0.1:99999").encode(),
    "ftp_homepage": GOOD_SOURCE.replace("http://127.0.0.1:9", "ftp://127.0.0.1").encode(),
    "no_host": GOOD_SOURCE.replace("http://127.0.0.1:9", "http://").encode(),
    "bad_feed_url": GOOD_SOURCE.replace('"/feed/"', '"http://[::1/feed"').encode(),
    "bad_listing_url": source_with('listings = ["http://[::1/news"]').encode(),
    "bad_org_page": source_with('organisation_pages = ["https://x.org:99999/about"]').encode(),
    "bad_id": GOOD_SOURCE.replace("[sources.local]", '[sources."Bad Id"]').encode(),
    "bad_regex": source_with('item_patterns = ["("]').encode(),
    "collect_not_list": GOOD_SOURCE.replace('["feed"]', '"feed"').encode(),
    "unknown_method": GOOD_SOURCE.replace('["feed"]', '["rss"]').encode(),
    "unknown_field": source_with('feeed = "/x"').encode(),
    "no_name": GOOD_SOURCE.replace('name = "Local Partner"\n', "").encode(),
    "bad_platform": GOOD_SOURCE.replace('"wordpress"', '"joomla"').encode(),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("inputs")
    paths = {}
    for name, data in SOURCES_FILES.items():
        paths[f"sources_{name}"] = root / f"{name}.toml"
        paths[f"sources_{name}"].write_bytes(data)
    paths["corrupt_db"] = root / "corrupt.db"
    paths["corrupt_db"].write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    paths["text_db"] = root / "text.db"
    paths["text_db"].write_text("this is not a database\n" * 100)
    paths["foreign_db"] = root / "foreign.db"
    with sqlite3.connect(paths["foreign_db"]) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO accounts (name) VALUES ('someone else''s data')")
    conn.close()
    paths["empty_db"] = root / "empty.db"
    paths["empty_db"].write_bytes(b"")
    paths["folder"] = root / "a-folder"
    paths["folder"].mkdir()
    paths["missing"] = root / "missing.db"
    paths["huge_page"] = root / "huge.html"
    with paths["huge_page"].open("wb") as huge:  # 124 MB, sparse: no disk used
        huge.write(b"<html><body><p>")
        huge.truncate(124 * 2**20)
    paths["binary_page"] = root / "page.png"
    paths["binary_page"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["page"] = root / "page.html"
    paths["page"].write_text("<html><head><title>A page</title></head><body></body></html>")
    paths["archive"] = root / "new" / "archive.db"
    paths["no_dir_log"] = root / "no" / "such" / "dir" / "crawl.log"
    return paths


CRAWL = ["crawl", "--sources", "{sources_good}", "--archive", "{archive}"]
RUN = ["run", "--sources", "{sources_good}", "--archive", "{archive}", "--out", "{folder}"]
SCHEDULE = ["schedule", "--times", "1", "--sources", "{sources_good}", "--archive", "{archive}"]

BAD_INPUTS: dict[str, list[str]] = {
    # sources.toml
    **{
        f"sources-{name}": ["crawl", "--sources", f"{{sources_{name}}}", "--archive", "{archive}"]
        for name in SOURCES_FILES
        if name != "good"
    },
    "sources-missing-file": ["crawl", "--sources", "{missing}", "--archive", "{archive}"],
    "sources-a-folder": ["crawl", "--sources", "{folder}", "--archive", "{archive}"],
    "sources-latin1-for-sources-command": ["sources", "--sources", "{sources_latin1}"],
    "sources-binary-for-extract": [
        "extract",
        "{page}",
        "--url",
        "https://x.org/",
        "--sources",
        "{sources_binary}",
    ],
    "unknown-source": [*CRAWL, "nosuchsite"],
    # --base-url
    "base-url-bad-ipv6": [*CRAWL, "--base-url", "local=http://[::1"],
    "base-url-bad-port": [*CRAWL, "--base-url", "local=http://127.0.0.1:99999"],
    "base-url-ftp": [*CRAWL, "--base-url", "local=ftp://127.0.0.1/"],
    "base-url-no-host": [*CRAWL, "--base-url", "local=http://"],
    "base-url-no-equals": [*CRAWL, "--base-url", "local"],
    "base-url-no-source": [*CRAWL, "--base-url", "=http://127.0.0.1:9"],
    "base-url-unknown-source": [*CRAWL, "--base-url", "nosuch=http://127.0.0.1:9"],
    # -s NAME=VALUE
    "set-timeout-abc": [*CRAWL, "-s", "DOWNLOAD_TIMEOUT=abc"],
    "set-delay-word": [*CRAWL, "-s", "DOWNLOAD_DELAY=fast"],
    "set-delay-nan": [*CRAWL, "-s", "DOWNLOAD_DELAY=nan"],
    "set-retry-times-fraction": [*CRAWL, "-s", "RETRY_TIMES=2.5"],
    "set-bool-maybe": [*CRAWL, "-s", "RETRY_ENABLED=maybe"],
    "set-pipelines-garbage": [*CRAWL, "-s", "ITEM_PIPELINES=garbage"],
    "set-pipelines-list": [*CRAWL, "-s", "ITEM_PIPELINES=[1, 2]"],
    "set-pipelines-not-importable": [*CRAWL, "-s", 'ITEM_PIPELINES={"no.such.Pipeline": 300}'],
    "set-pipelines-bad-order": [
        *CRAWL,
        "-s",
        'ITEM_PIPELINES={"pipeline.scrapy_pipelines.ArchivePipeline": "last"}',
    ],
    "set-middlewares-not-importable": [*CRAWL, "-s", 'DOWNLOADER_MIDDLEWARES={"x.Y": 1}'],
    "set-list-bad-json": [*CRAWL, "-s", "RETRY_HTTP_CODES=[500, 502"],
    "set-policy-not-importable": [*CRAWL, "-s", "HTTPCACHE_POLICY=no.such.Policy"],
    "set-empty-int": [*CRAWL, "-s", "CONCURRENT_REQUESTS="],
    "set-unknown-setting": [*CRAWL, "-s", "DOWNLOAD_DELY=2"],
    "set-lower-case": [*CRAWL, "-s", "download_delay=2"],
    "set-no-equals": [*CRAWL, "-s", "DOWNLOAD_DELAY"],
    "set-no-name": [*CRAWL, "-s", "=2"],
    "set-log-level-garbage": [*CRAWL, "-s", "LOG_LEVEL=garbage"],
    "set-log-file": [*CRAWL, "-s", "LOG_FILE=/no/such/dir/x.log"],
    "set-archive-path": [*CRAWL, "-s", "ARCHIVE_PATH=/no/such/dir/a.db"],
    "set-base-urls": [*CRAWL, "-s", 'SOURCES_BASE_URLS={"local": "http://[::1"}'],
    "set-no-concurrency": [*CRAWL, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=0"],
    "set-negative-retries": [*CRAWL, "-s", "RETRY_TIMES=-1"],
    "set-negative-delay": [*CRAWL, "-s", "DOWNLOAD_DELAY=-1"],
    "set-reactor-not-importable": [*CRAWL, "-s", "TWISTED_REACTOR=no.such.Reactor"],
    "set-spider-modules": [*CRAWL, "-s", 'SPIDER_MODULES=["no_such_module"]'],
    "set-headers-list": [*CRAWL, "-s", "DEFAULT_REQUEST_HEADERS=[]"],
    "run-set-timeout-abc": [*RUN, "-s", "DOWNLOAD_TIMEOUT=abc"],
    # --log-file
    "log-file-in-missing-folder": [*CRAWL, "--log-file", "{no_dir_log}"],
    "log-file-a-folder": [*CRAWL, "--log-file", "{folder}"],
    # the crawl's archive
    "crawl-archive-corrupt": [
        "crawl",
        "--sources",
        "{sources_good}",
        "--archive",
        "{corrupt_db}",
    ],
    "crawl-archive-text": ["crawl", "--sources", "{sources_good}", "--archive", "{text_db}"],
    "crawl-archive-folder": ["crawl", "--sources", "{sources_good}", "--archive", "{folder}"],
    # dates and numbers
    "search-since-words": ["search", "--archive", "{missing}", "--since", "last blue moon"],
    "search-until-year-99999": ["search", "--archive", "{missing}", "--until", "99999-01-01"],
    "search-since-empty": ["search", "--archive", "{missing}", "--since", ""],
    "search-since-nul": ["search", "--archive", "{missing}", "--since", "2026\x0001-01"],
    "search-limit-zero": ["search", "--archive", "{missing}", "--limit", "0"],
    "search-limit-word": ["search", "--archive", "{missing}", "--limit", "many"],
    # reading commands on what is not an archive
    **{
        f"{command}-on-{kind}": [command, "--archive", f"{{{kind}}}"]
        for command in ("search", "orgs")
        for kind in ("corrupt_db", "text_db", "foreign_db", "empty_db", "missing")
    },
    "sources-on-foreign-db": ["sources", "--archive", "{foreign_db}"],
    "sources-on-corrupt-db": ["sources", "--archive", "{corrupt_db}"],
    # publish
    **{
        f"publish-on-{kind}": ["publish", "--archive", f"{{{kind}}}", "--out", "{folder}"]
        for kind in ("corrupt_db", "text_db", "foreign_db", "empty_db", "missing", "folder")
    },
    "publish-hub-bad-ipv6": ["publish", "--archive", "{missing}", "--hub", "http://[::1"],
    "publish-hub-ftp": ["publish", "--archive", "{missing}", "--hub", "ftp://hub.example/"],
    "publish-feed-url-bad": ["publish", "--archive", "{missing}", "--feed-url", "http://[::1"],
    "publish-feed-url-relative": ["publish", "--archive", "{missing}", "--feed-url", "feeds/"],
    "publish-limit-zero": ["publish", "--archive", "{missing}", "--limit", "0"],
    "run-hub-bad-ipv6": [*RUN, "--hub", "http://[::1"],
    # extract
    "extract-huge-file": ["extract", "{huge_page}", "--url", "https://x.org/"],
    "extract-dev-zero": ["extract", "/dev/zero", "--url", "https://x.org/"],
    "extract-binary": ["extract", "{binary_page}", "--url", "https://x.org/"],
    "extract-missing": ["extract", "{missing}", "--url", "https://x.org/"],
    "extract-folder": ["extract", "{folder}", "--url", "https://x.org/"],
    "extract-no-url": ["extract", "{page}"],
    # schedule checks run's options before the first run
    "schedule-every-5s": ["schedule", "--every", "5s"],
    "schedule-every-word": ["schedule", "--every", "often"],
    "schedule-every-inf": ["schedule", "--every", "infh"],
    "schedule-times-zero": ["schedule", "--times", "0"],
    "schedule-bad-setting": [*SCHEDULE, "-s", "DOWNLOAD_TIMEOUT=abc"],
    "schedule-bad-base-url": [*SCHEDULE, "--base-url", "local=http://[::1"],
    "schedule-bad-hub": [*SCHEDULE, "--hub", "http://[::1"],
    "schedule-unknown-source": [*SCHEDULE, "nosuchsite"],
    "schedule-unknown-option": [*SCHEDULE, "--no-such-option"],
    "schedule-latin1-sources": ["schedule", "--times", "1", "--sources", "{sources_latin1}"],
    # serve
    "serve-missing-folder": ["serve", "--dir", "{missing}"],
    "serve-port-too-big": ["serve", "--dir", "{folder}", "--port", "99999"],
    "serve-bad-host": ["serve", "--dir", "{folder}", "--host", "256.256.256.256", "--port", "0"],
    # the command line itself
    "unknown-command": ["crawlz"],
    "unknown-option": ["crawl", "--no-such-option"],
}


def fill(arg: str, files: dict[str, Path]) -> str:
    for key, path in files.items():
        arg = arg.replace(f"{{{key}}}", str(path))
    return arg


def invoke(args: list[str], files: dict[str, Path]):
    return CliRunner().invoke(cli, [fill(arg, files) for arg in args])


def test_there_are_enough_bad_inputs():
    assert len(BAD_INPUTS) >= 60


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_a_bad_input_is_one_line_and_exit_2(case, files):
    result = invoke(BAD_INPUTS[case], files)
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == exit_codes.NOTHING_RAN, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    assert "unexpected" not in lines[0], lines  # the safety net for bugs was not needed
    assert "Traceback" not in result.output
    assert result.stdout == "", result.stdout
    assert not files["archive"].exists(), "a refused crawl created its archive"


def test_reading_commands_never_write_to_someone_elses_file(files):
    before = files["foreign_db"].read_bytes()
    for command in ("search", "orgs", "sources", "publish"):
        invoke([command, "--archive", "{foreign_db}"], files)
    assert files["foreign_db"].read_bytes() == before
    assert not Path(f"{files['foreign_db']}-wal").exists()


def test_the_last_day_there_is_is_a_date(archive_db):
    path = archive_db.conn.execute("PRAGMA database_list").fetchone()[2]
    for option in ("--until", "--since"):
        result = CliRunner().invoke(cli, ["search", "--archive", path, option, "9999-12-31"])
        assert result.exit_code == exit_codes.OK, result.output
        assert "(nothing found)" in result.output


def test_orgs_without_a_match_exits_1_like_grep(archive_db):
    path = archive_db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(cli, ["orgs", "nobody", "--archive", path])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no organisation matches 'nobody'"
