"""[site] in sources.toml: read, checked, and used as defaults below flags and env vars."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.site_config import SiteConfig, SiteConfigError, load_site, parse_site
from spiders.sources import DEFAULT_SOURCES_FILE, load_sources


def test_the_project_names_its_network():
    site = load_site(DEFAULT_SOURCES_FILE)
    assert site.title
    assert site.description
    assert "[site]" in DEFAULT_SOURCES_FILE.read_text()
    assert "site" not in load_sources()  # load_sources reads only [sources.*]


def test_absent_or_unreadable_gives_defaults(tmp_path):
    assert parse_site(None) == SiteConfig()
    assert load_site(tmp_path / "missing.toml") == SiteConfig()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[site]\ntitel = 'x'", "no field 'titel'"),
        ("[site]\ntitle = 3", "title must be a non-empty string"),
        ("[site]\nfeed_url = 'ftp://x/'", "feed_url must be an http(s) URL"),
        ("site = 'x'", "[site] must be a table"),
    ],
)
def test_bad_site_tables_are_refused_in_plain_words(tmp_path, table, message):
    path = tmp_path / "sources.toml"
    path.write_text(table)
    with pytest.raises(SiteConfigError, match=re.escape(message)):
        load_site(path)


def sources_with_site(tmp_path: Path, out: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        DEFAULT_SOURCES_FILE.read_text()
        .replace('out = "out"', f'out = "{out}"')
        .replace('title = "Global Health Students & Partners Wire"', 'title = "Test Wire"')
    )
    return path


def test_site_defaults_sit_below_flags_and_environment(tmp_path, monkeypatch):
    """Order: flag, then environment variable, then [site], then the built-in default."""
    from pipeline import archive

    db = archive.open_archive(tmp_path / "archive.db")
    db.close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERWIRE_SOURCES", str(sources_with_site(tmp_path, "site-out")))
    monkeypatch.delenv("PARTNERWIRE_OUT", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["publish"]).exit_code == 0
    assert "<title>Test Wire</title>" in (tmp_path / "site-out" / "index.html").read_text()
    monkeypatch.setenv("PARTNERWIRE_OUT", str(tmp_path / "env-out"))
    assert runner.invoke(cli, ["publish"]).exit_code == 0
    assert (tmp_path / "env-out" / "all.atom").is_file()
    assert runner.invoke(cli, ["publish", "--out", "flag-out"]).exit_code == 0
    assert (tmp_path / "flag-out" / "all.atom").is_file()


def test_a_bad_site_table_is_one_line_and_exit_2(tmp_path, monkeypatch):
    path = tmp_path / "sources.toml"
    path.write_text("[site]\ncolour = 'blue'\n")
    monkeypatch.setenv("PARTNERWIRE_SOURCES", str(path))
    result = CliRunner().invoke(cli, ["publish", "--archive", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "no field 'colour'" in result.output
