"""``partnerwire browse``: the Datasette metadata stays true to the archive's schema, its
canned queries run on it, and the command's failures are one line (the served archive
itself is checked end to end in test_e2e_browse.py)."""

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.browse import (
    INSTALL_HINT,
    SHIPPED_DATABASE,
    build_metadata,
    build_serve_args,
    shipped_metadata,
)
from tests.helpers import REPO, run_cli

DESCRIBED = shipped_metadata()["databases"][SHIPPED_DATABASE]


def _schema_tables(db):
    """The archive's tables and their columns, without the full-text indexes (virtual
    tables and their shadow tables, which Datasette hides)."""
    virtual = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {
        name: list(db[name].columns_dict)
        for name in db.table_names()
        if not any(name == v or name.startswith(f"{v}_") for v in virtual)
    }


def test_every_table_and_column_is_described_and_nothing_else(archive_db):
    schema = _schema_tables(archive_db)
    described = {name: list(table["columns"]) for name, table in DESCRIBED["tables"].items()}
    assert sorted(described) == sorted(schema), "describe each table in datasette.yml"
    for name, columns in schema.items():
        missing = sorted(set(columns) - set(described[name]))
        extra = sorted(set(described[name]) - set(columns))
        assert (missing, extra) == ([], []), f"{name}: undescribed {missing}, not in schema {extra}"


def test_every_description_says_something():
    for name, table in DESCRIBED["tables"].items():
        assert table["description"].strip(), name
        for column, text in table["columns"].items():
            assert isinstance(text, str), f"{name}.{column}"
            assert len(text.strip()) > 3, f"{name}.{column}"


def test_facets_search_labels_and_sorting_name_real_columns(archive_db):
    schema = _schema_tables(archive_db)
    for name, table in DESCRIBED["tables"].items():
        columns = schema[name]
        for facet in table.get("facets", []):
            column = facet["array"] if isinstance(facet, dict) else facet
            assert column in columns, f"{name} facet {column}"
        for key in ("label_column", "sort_desc", "sort", "fts_pk"):
            if key in table:
                assert table[key] in columns, f"{name}.{key}"
        if "fts_table" in table:
            assert archive_db[name].detect_fts() == table["fts_table"], name
    assert {
        f if isinstance(f, str) else f["array"] for f in DESCRIBED["tables"]["items"]["facets"]
    } >= {
        "source",
        "content_type",
        "language",
    }


@pytest.mark.parametrize("name", sorted(DESCRIBED["queries"]))
def test_each_canned_query_runs_on_the_schema(archive_db, name):
    sql = DESCRIBED["queries"][name]["sql"]
    params = dict.fromkeys(re.findall(r"(?<!:):(\w+)", sql), "")
    archive_db.execute(sql, params).fetchall()  # an empty archive: valid SQL, real columns


def test_the_metadata_is_filed_under_the_archives_name():
    metadata = build_metadata(Path("/srv/partnerwire/wire.db"))
    assert list(metadata["databases"]) == ["wire"]
    assert metadata["databases"]["wire"]["queries"] == DESCRIBED["queries"]
    assert metadata["title"] == "partnerwire archive"


def test_the_archive_is_served_read_only_not_immutable():
    # mode=ro (Datasette's way for a file given without -i) reads what a crawl commits;
    # -i/immutable would take the file as never changing while a crawl writes to it
    args = build_serve_args(
        Path("a.db"), Path("m.json"), host="127.0.0.1", port=8001, open_browser=False
    )
    assert args[:2] == ["serve", "a.db"]
    assert "-i" not in args
    assert "--immutable" not in args
    assert "--open" not in args
    assert "--open" in build_serve_args(
        Path("a.db"), Path("m.json"), host="127.0.0.1", port=8001, open_browser=True
    )
    # only an archive that cannot be opened otherwise (a read-only mount) is immutable
    assert build_serve_args(
        Path("a.db"), Path("m.json"), host="::1", port=0, open_browser=False, immutable=True
    )[:3] == ["serve", "-i", "a.db"]


def test_browse_without_datasette_says_what_to_install(tmp_path):
    from pipeline.archive import open_archive

    open_archive(tmp_path / "archive.db").close()
    # sys.modules[name] = None is how Python itself makes a module unimportable
    script = (
        "import sys; sys.modules['datasette'] = sys.modules['datasette.cli'] = None; "
        "sys.argv = ['partnerwire', 'browse', '--no-open', '--archive', sys.argv[1]]; "
        "from pipeline.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "archive.db")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {INSTALL_HINT}\n"
    assert "pip install 'partnerwire[web]'" in result.stderr


def test_browse_a_missing_archive_is_one_line(tmp_path):
    result = run_cli("browse", "--no-open", "--archive", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: no archive at ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "none.db").exists()


def test_browse_on_a_port_in_use_is_one_line(tmp_path):
    from pipeline.archive import open_archive

    open_archive(tmp_path / "archive.db").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(
            "browse", "--no-open", "--port", str(port), "--archive", str(tmp_path / "archive.db")
        )
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1
