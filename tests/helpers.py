"""Helpers for tests that run the command line in fresh processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "data" / "seeds"
FAST_CRAWL = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def run_cli(
    *args: str, cwd: Path | None = None, check: bool = False
) -> subprocess.CompletedProcess:
    """Run ``partnerwire`` in a fresh process (a Scrapy reactor runs only once per process)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PARTNERWIRE_ARCHIVE", None)
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"partnerwire {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result


def configured_sources() -> list[str]:
    """The ids in sources.toml: what ``partnerwire crawl`` without names crawls."""
    from spiders.sources import load_sources

    return list(load_sources(REPO / "sources.toml"))


def base_url_args(base_urls: dict[str, str], only: list[str] | None = None) -> list[str]:
    """``--base-url`` for each source. Without ``only`` the crawl takes every source of
    sources.toml, so each must have a base URL here: no test may crawl a live site."""
    if only is None:
        missing = set(configured_sources()) - set(base_urls)
        assert not missing, f"no base URL (the crawl would fetch the live site): {missing}"
    args = []
    for source_id, url in base_urls.items():
        if only is None or source_id in only:
            args += ["--base-url", f"{source_id}={url}"]
    return args


def seed_listing() -> list[tuple[str, str, str]]:
    """The "You may also like" entries of seed 000 as (type, date text, title)."""
    text = (SEEDS / "000_cf8ed951870f4e11.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.split("You may also like", 1)[1].splitlines()]
    lines = [line for line in lines if line]
    return [tuple(lines[i : i + 3]) for i in range(0, len(lines) - 2, 3)]


def free_port() -> int:
    """A local port nothing listens on (a dead site for a test)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


Answer = tuple[int, dict[str, str], bytes]  # status, headers, body


class RecordingServer:
    """A real HTTP server on 127.0.0.1 whose answers are computed (``answer(path)`` gives
    status, headers and body), and which remembers every path asked of it."""

    def __init__(self, answer: Callable[[str], Answer]) -> None:
        requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                status, headers, body = answer(self.path)
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.requests = requests
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> RecordingServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sources_toml(entries: dict[str, str]) -> str:
    """A sources.toml of ``{id: the table's lines}`` (indented lines are fine)."""
    return "".join(
        f"[sources.{sid}]\n" + "\n".join(line.strip() for line in body.splitlines()) + "\n"
        for sid, body in entries.items()
    )


def archive_contents(path: Path) -> dict:
    """What two archives of the same crawl must share, whatever the clock said: items
    by URL and content hash, stories, organisations and their observations, sources, and
    each source's latest run (status, pages, counts, errors by kind, methods)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        items = {
            row["canonical_url"]: (row["source"], row["url"], row["content_hash"], row["title"])
            for row in db.query("select * from items")
        }
        stories: dict[object, set[str]] = {}
        for row in db.query("select story_id, canonical_url from items"):
            stories.setdefault(row["story_id"], set()).add(row["canonical_url"])
        # which observation names an organisation, and which is its latest description,
        # follows the order sources were stored in (interleaved in one local crawl, file
        # by file in an ingest): compare what was observed, and which organisations
        observations = sorted(
            (row["acronym"], row["source"], row["url"], row["kind"], row["description_hash"])
            for row in db.query(
                "select o.acronym, b.* from org_observations b"
                " join organisations o on o.id = b.organisation_id"
            )
        )
        runs = {}
        for row in db.query("select * from crawl_runs order by id"):
            runs[row["source"]] = {
                key: row[key]
                for key in (
                    "status",
                    "pages",
                    "items_new",
                    "items_updated",
                    "items_unchanged",
                    "profiles_new",
                    "errors",
                    "errors_by_kind",
                    "methods",
                    "platform",
                    "drift",
                )
            }
        return {
            "items": items,
            "stories": sorted(sorted(urls) for urls in stories.values()),
            "organisations": sorted(
                (row["acronym"], row["website"]) for row in db.query("select * from organisations")
            ),
            "observations": observations,
            "sources": list(db.query("select * from sources order by id")),
            "runs": runs,
        }
    finally:
        db.close()
