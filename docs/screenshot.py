"""Make ``docs/reading-page.png``: the demo crawled and published into a temporary
folder, ``index.html`` served by ``feeds.server`` and photographed by headless Chromium
(the partners' images answered by the snapshot, as in ``tests/test_e2e_reading_page.py``).

Run from the repository root: ``python docs/screenshot.py [--width 1100] [--height 1500]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds.server import make_server  # noqa: E402
from pipeline.demo import serve_snapshot  # noqa: E402
from tests.sites.images import CHROMIUM_ARGS, answer_from_snapshot  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reading-page.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, serve_snapshot() as snapshot:
        out = Path(folder) / "out"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline.cli",
                "demo",
                "--archive",
                f"{folder}/a.db",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        server = make_server(out, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=CHROMIUM_ARGS,
            )
            context = browser.new_context(viewport={"width": args.width, "height": args.height})
            answer_from_snapshot(context, snapshot.base_urls)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            for image in page.locator("img").all():  # lazy images: bring each into view
                image.scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(args.out))
            browser.close()
        server.shutdown()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
