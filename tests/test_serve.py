"""feeds.server: a real server on 127.0.0.1, exercised with httpx."""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
from email.utils import formatdate

import httpx
import pytest

from feeds.server import make_server

FILES = {
    "all.atom": b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>\n' * 20,
    "all.rss": b'<?xml version="1.0"?><rss version="2.0"/>\n',
    "all.json": b'{"version": "https://jsonfeed.org/version/1.1", "items": []}\n',
    "feeds.opml": b'<?xml version="1.0"?><opml version="2.0"/>\n',
    "index.html": b"<!DOCTYPE html><title>partnerwire</title>\n",
}


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    for name, data in FILES.items():
        (root / name).write_bytes(data)
    (root / ".all.atom.x1.tmp").write_bytes(b"half a feed")
    (tmp_path / "secret.txt").write_text("outside the folder")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (root / "escape-dir").symlink_to(tmp_path)
    return root


@pytest.fixture
def server(site):
    httpd = make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    with httpx.Client(base_url=f"http://127.0.0.1:{httpd.server_address[1]}") as client:
        yield client
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("all.atom", "application/atom+xml; charset=utf-8"),
        ("all.rss", "application/rss+xml; charset=utf-8"),
        ("all.json", "application/feed+json; charset=utf-8"),
        ("feeds.opml", "text/x-opml; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
    ],
)
def test_types_validators_and_cache_control(server, name, content_type):
    response = server.get(f"/{name}", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.content == FILES[name]
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"].endswith("GMT")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert int(response.headers["Content-Length"]) == len(FILES[name])


def test_root_serves_the_index(server):
    response = server.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == FILES["index.html"]


def test_304_on_if_none_match(server):
    first = server.get("/all.atom", headers={"Accept-Encoding": "identity"})
    again = server.get(
        "/all.atom", headers={"If-None-Match": first.headers["ETag"], "Accept-Encoding": "identity"}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert server.get("/all.atom", headers={"If-None-Match": '"other"'}).status_code == 200
    assert (
        server.get(
            "/all.atom", headers={"If-None-Match": f'"x", W/{first.headers["ETag"]}'}
        ).status_code
        == 304
    )


def test_304_on_if_modified_since(server, site):
    first = server.get("/all.rss")
    modified = first.headers["Last-Modified"]
    assert server.get("/all.rss", headers={"If-Modified-Since": modified}).status_code == 304
    earlier = formatdate(os.stat(site / "all.rss").st_mtime - 3600, usegmt=True)
    assert server.get("/all.rss", headers={"If-Modified-Since": earlier}).status_code == 200
    assert server.get("/all.rss", headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_a_changed_file_gets_a_new_etag(server, site):
    before = server.get("/all.json").headers["ETag"]
    time.sleep(0.01)
    (site / "all.json").write_bytes(
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [1]}\n'
    )
    after = server.get("/all.json", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after.headers["ETag"] != before


def test_gzip_when_asked(server):
    response = server.get("/all.atom", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.content == FILES["all.atom"]  # httpx decodes it
    assert int(response.headers["Content-Length"]) < len(FILES["all.atom"])
    with server.stream("GET", "/all.atom", headers={"Accept-Encoding": "gzip"}) as raw:
        assert gzip.decompress(b"".join(raw.iter_raw())) == FILES["all.atom"]
    plain = server.get("/all.atom", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["ETag"] != response.headers["ETag"]
    refused = server.get("/all.atom", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers
    again = server.get(
        "/all.atom", headers={"Accept-Encoding": "gzip", "If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_head_has_headers_and_no_body(server):
    response = server.head("/all.atom", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Length"] == str(len(FILES["all.atom"]))
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])
def test_other_methods_are_405(server, method):
    response = server.request(method, "/all.atom")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def raw_get(client: httpx.Client, path: str) -> int:
    """Send the path exactly as written (httpx would normalise dot segments)."""
    host, port = client.base_url.host, client.base_url.port
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


@pytest.mark.parametrize(
    "path",
    [
        "/missing.atom",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/escape.txt",
        "/escape-dir/secret.txt",
        "/.all.atom.x1.tmp",
        "/all.atom%00.html",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%ff%fe",
    ],
)
def test_nothing_outside_the_folder(server, path):
    assert raw_get(server, path) == 404


def test_404_is_plain_text(server):
    response = server.get("/nope")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_either_etag_validates_either_variant(server):
    plain = server.get("/all.atom", headers={"Accept-Encoding": "identity"}).headers["ETag"]
    zipped = server.get("/all.atom", headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    assert zipped == plain[:-1] + '-gzip"'
    for tag in (plain, zipped, f"W/{zipped}"):
        for encoding in ("identity", "gzip"):
            again = server.get(
                "/all.atom", headers={"Accept-Encoding": encoding, "If-None-Match": tag}
            )
            assert again.status_code == 304, (tag, encoding)


def test_two_hundred_clients_at_once_all_get_answers(site):
    httpd = make_server(site, "127.0.0.1", 0)
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/all.rss"
    start = threading.Barrier(200)
    statuses: list[int | str] = []
    pool = httpx.Client(limits=httpx.Limits(max_connections=200), timeout=30)

    def fetch() -> None:  # 200 threads, so 200 connections opened at once
        start.wait()
        try:
            statuses.append(pool.get(url).status_code)
        except httpx.HTTPError as exc:
            statuses.append(repr(exc))

    clients = [threading.Thread(target=fetch) for _ in range(200)]
    try:
        for client in clients:
            client.start()
        for client in clients:
            client.join()
    finally:
        pool.close()
        httpd.shutdown()
        httpd.server_close()
    assert httpd.request_queue_size >= 128
    assert statuses == [200] * 200, [s for s in statuses if s != 200][:5]


def test_an_idle_connection_is_closed(site):
    httpd = make_server(site, "127.0.0.1", 0, idle_timeout=0.3)
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    try:
        with socket.create_connection(httpd.server_address[:2], timeout=10) as silent:
            assert silent.recv(1024) == b""  # closed by the server, not by our 10 s timeout
        with socket.create_connection(httpd.server_address[:2], timeout=10) as kept:
            kept.sendall(b"GET /all.rss HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.endswith(FILES["all.rss"]):
                chunk = kept.recv(65536)
                assert chunk, answer
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200")
            assert kept.recv(1024) == b""  # the keep-alive connection, idle, is closed too
    finally:
        httpd.shutdown()
        httpd.server_close()
