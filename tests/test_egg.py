"""The project deploys to Scrapyd as it is: ``scrapyd-deploy --build-egg`` from a fresh
copy of the repository gives an egg with the settings entry point and ``sources.toml``
inside, and Scrapy runs from the egg alone the way Scrapyd's runner does."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO


def fresh_copy(destination: Path) -> Path:
    """The files a fresh clone would have (tracked, or new and not ignored), as they are
    in the working tree; symbolic links stay links."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    return destination


@pytest.fixture(scope="module")
def egg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = fresh_copy(tmp_path_factory.mktemp("clone"))
    egg_path = clone.parent / "partnerwire.egg"
    scrapyd_deploy = Path(sys.executable).parent / "scrapyd-deploy"
    result = subprocess.run(
        [str(scrapyd_deploy), "--build-egg", str(egg_path)],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return egg_path


def egg_settings_module(egg_path: Path) -> str:
    """The ``scrapy`` entry point's settings module, read as Scrapyd reads it."""
    with zipfile.ZipFile(egg_path) as egg:
        entry_points = configparser.ConfigParser()
        entry_points.read_string(egg.read("EGG-INFO/entry_points.txt").decode())
    return entry_points["scrapy"]["settings"]


def test_egg_carries_the_settings_entry_point_and_sources(egg: Path) -> None:
    assert egg_settings_module(egg) == "spiders.settings"
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        packaged = archive.read("spiders/sources.toml").decode()
    assert {"spiders/loader.py", "spiders/settings.py", "pipeline/archive/lock.py"} <= names
    assert packaged == (REPO / "sources.toml").read_text(encoding="utf-8")


def test_scrapy_lists_the_sources_from_the_egg_alone(egg: Path, tmp_path: Path) -> None:
    """No checkout, no sources.toml in the working folder: only the egg on the path."""
    env = {
        **os.environ,
        "PYTHONPATH": str(egg),
        "SCRAPY_SETTINGS_MODULE": egg_settings_module(egg),
    }
    env.pop("PARTNERWIRE_SOURCES", None)
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from spiders.sources import load_sources

    assert result.stdout.split() == sorted(load_sources(REPO / "sources.toml"))
