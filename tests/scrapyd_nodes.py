"""Real Scrapyd servers on 127.0.0.1 for the two-node test and the scale bench: each run
from the ``scrapyd`` package in its own folder with its own ``scrapyd.conf``, the egg
``scrapyd-deploy --build-egg`` builds uploaded to it (``addversion.json``), and stopped
when done."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.helpers import free_port
from tests.test_egg import fresh_copy

SCRAPYD_CONF = """\
[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {folder}/eggs
logs_dir = {folder}/logs
dbs_dir = {folder}/dbs
items_dir =
max_proc = {max_proc}
poll_interval = 0.2
finished_to_keep = 1000
"""
BIN = Path(sys.executable).parent


def build_egg(folder: Path) -> Path:
    """The egg ``scrapyd-deploy --build-egg`` builds from a fresh copy of the project."""
    clone = fresh_copy(folder / "clone")
    egg_path = folder / "partnerwire.egg"
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--build-egg", str(egg_path)],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return egg_path


def start_scrapyd(
    folder: Path, max_proc: int, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """A Scrapyd server run from ``folder`` (its scrapyd.conf there), once it answers."""
    folder.mkdir(parents=True)
    port = free_port()
    conf = SCRAPYD_CONF.format(port=port, folder=folder, max_proc=max_proc)
    (folder / "scrapyd.conf").write_text(conf)
    unset = ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE", "PARTNERWIRE_SOURCES")
    env = {**{k: v for k, v in os.environ.items() if k not in unset}, **(env or {})}
    process = subprocess.Popen(
        [str(BIN / "scrapyd"), "--nodaemon", "--pidfile="],
        cwd=folder,
        env=env,
        stdout=(folder / "scrapyd.out").open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/daemonstatus.json", timeout=2).json()["status"] == "ok":
                return process, url
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"scrapyd did not start: {(folder / 'scrapyd.out').read_text()}")


def deploy(url: str, egg: Path) -> dict:
    """Upload the egg as project ``partnerwire`` (what ``scrapyd-deploy`` does)."""
    answer = httpx.post(
        f"{url}/addversion.json",
        data={"project": "partnerwire", "version": "1"},
        files={"egg": egg.read_bytes()},
        timeout=120,
    ).json()
    assert answer["status"] == "ok", answer
    return answer


@contextlib.contextmanager
def scrapyd_nodes(
    folder: Path,
    egg: Path,
    count: int = 2,
    max_proc: int = 2,
    env: dict[str, str] | None = None,
) -> Iterator[list[str]]:
    """``count`` Scrapyd servers with the egg deployed (``env`` added to theirs): their
    URLs; stopped at the end."""
    started: list[tuple[subprocess.Popen, str]] = []
    try:
        for n in range(count):
            started.append(start_scrapyd(folder / f"node{n + 1}", max_proc, env))
        for _, url in started:
            deploy(url, egg)
        yield [url for _, url in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


BAD_LINE = b'{"a line no job writes"\n'


@contextlib.contextmanager
def node_writing_a_bad_line(node: str) -> Iterator[str]:
    """A Scrapyd node whose jobs' output starts with a line that is not JSON, as a damaged
    disk or a second writer would leave it: a proxy on 127.0.0.1 in front of the real
    ``node`` that, on each ``schedule.json``, writes that line into the job's ``FEEDS``
    file before passing the call on (Scrapy's file feed storage appends). Its URL."""
    import http.server
    import json
    import threading
    from urllib.parse import parse_qs, urlsplit
    from urllib.request import url2pathname

    class Proxy(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.answer(httpx.get(f"{node}{self.path}", timeout=120))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path.startswith("/schedule.json"):
                for setting in parse_qs(body.decode()).get("setting", []):
                    name, _, value = setting.partition("=")
                    if name == "FEEDS":
                        for uri in json.loads(value):
                            Path(url2pathname(urlsplit(uri).path)).write_bytes(BAD_LINE)
            headers = {"Content-Type": self.headers["Content-Type"]}
            self.answer(
                httpx.post(f"{node}{self.path}", content=body, headers=headers, timeout=120)
            )

        def answer(self, response: httpx.Response) -> None:
            self.send_response(response.status_code)
            self.send_header("Content-Type", response.headers.get("Content-Type", "text/plain"))
            self.send_header("Content-Length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
