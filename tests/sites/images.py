"""Write the snapshot's images: one small picture for every ``og:image`` its pages name.

The pages (written by ``build.py``) point at images on the partners' own hosts
(``https://ifmsa.org/wp-content/uploads/...jpg``) and on the Webflow CDN that DTH-Lab's
assets live on (``https://cdn.prod.website-files.com/<site>/...png``). Each is drawn here
by Chromium (a coloured card with its file name), as a real JPEG or PNG by its extension,
and kept in the site's folder under the URL's path; the CDN's files go in the dthlab
folder, under their CDN path. ``IMAGE_HOSTS`` says which folder serves which host, for
tests that load the reading page in a browser.

Run by hand after ``build.py`` (needs Chromium): ``python tests/sites/images.py``.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITES = Path(__file__).resolve().parent
IMAGE_HOSTS = {
    "ifmsa.org": "ifmsa",
    "www.ivsa.org": "ivsa",
    "www.ipsf.org": "ipsf",
    "www.dthlab.org": "dthlab",
    "cdn.prod.website-files.com": "dthlab",
}
"""Image host -> the snapshot folder that holds its files (under the same path)."""
OG_IMAGE = re.compile(r'<meta[^>]+(?:property|name)="og:image"[^>]+content="([^"]+)"')
OG_IMAGE_REVERSED = re.compile(r'<meta[^>]+content="([^"]+)"[^>]+property="og:image"')
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def image_urls() -> set[str]:
    """Every og:image URL of the snapshot's HTML pages on a host of ``IMAGE_HOSTS``."""
    urls = set()
    for page in SITES.rglob("*.html"):
        text = page.read_text("utf-8", errors="replace")
        for pattern in (OG_IMAGE, OG_IMAGE_REVERSED):
            urls |= {html.unescape(u) for u in pattern.findall(text)}
    return {u for u in urls if urlsplit(u).hostname in IMAGE_HOSTS}


def image_file(url: str) -> Path:
    parts = urlsplit(url)
    return SITES / IMAGE_HOSTS[parts.hostname or ""] / parts.path.lstrip("/")


def card_html(name: str) -> str:
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) % 360
    return (
        "<body style='margin:0'><div style=\"width:320px;height:180px;display:flex;"
        f"align-items:center;justify-content:center;background:hsl({hue},45%,40%);color:#fff;"
        "font:600 15px sans-serif;text-align:center;padding:12px;box-sizing:border-box\">"
        f"{html.escape(name)}</div></body>"
    )


def answer_from_snapshot(context: Any, base_urls: Mapping[str, str]) -> None:
    """Make a playwright browser ``context`` fetch every image host's files from the
    running snapshot (``{folder: base URL}``, as ``pipeline.demo`` serves it), over HTTP;
    any other request off 127.0.0.1 is aborted: nothing reaches the internet."""
    import httpx

    def from_snapshot(route: Any) -> None:
        parts = urlsplit(route.request.url)
        folder = IMAGE_HOSTS.get(parts.hostname or "")
        if folder is None or folder not in base_urls:
            route.abort()
            return
        answer = httpx.get(base_urls[folder] + parts.path)
        route.fulfill(
            status=answer.status_code,
            body=answer.content,
            headers={"content-type": answer.headers.get("content-type", "")},
        )

    context.route(lambda url: not url.startswith("http://127.0.0.1"), from_snapshot)


def main() -> None:
    from playwright.sync_api import sync_playwright

    urls = sorted(image_urls())
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 320, "height": 180})
        for url in urls:
            target = image_file(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.set_content(card_html(Path(urlsplit(url).path).stem))
            kind = "png" if target.suffix == ".png" else "jpeg"
            options = {"quality": 70} if kind == "jpeg" else {}
            target.write_bytes(page.screenshot(type=kind, **options))
        browser.close()
    print(f"{len(urls)} images written")


if __name__ == "__main__":
    main()
