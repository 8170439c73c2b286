"""Talking to Scrapyd nodes through their JSON API (``listspiders.json``,
``schedule.json``, ``listjobs.json``), and spreading sources over them: network only,
no queue of our own. Scrapyd queues and runs the jobs; ``pipeline.ingest`` reads what
they wrote."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

PROJECT = "partnerwire"  # scrapy.cfg's [deploy] project
TIMEOUT = 120.0  # listspiders.json runs `scrapy list` on the node: slow on a busy one


class NodeError(Exception):
    """A Scrapyd node did not answer, or answered with an error; the message says which
    node and why in plain words."""


def _call(node: str, endpoint: str, *, data: Any = None, params: Any = None) -> dict:
    url = f"{node.rstrip('/')}/{endpoint}"
    try:
        if data is None:
            response = httpx.get(url, params=params, timeout=TIMEOUT)
        else:
            response = httpx.post(url, data=data, timeout=TIMEOUT)
        response.raise_for_status()
        answer = response.json()
    except httpx.HTTPStatusError as exc:
        raise NodeError(f"{endpoint} answered HTTP {exc.response.status_code}") from None
    except httpx.HTTPError as exc:
        raise NodeError(f"{type(exc).__name__} {exc}".strip()) from None
    except ValueError:
        raise NodeError(f"{endpoint} did not answer JSON (is this Scrapyd?)") from None
    if answer.get("status") != "ok":
        raise NodeError(f"{endpoint}: {answer.get('message', answer)}")
    return answer


def fetch_spiders(node: str, project: str = PROJECT) -> list[str]:
    """The spiders the node runs for ``project`` (its sources, once the egg is deployed)."""
    return list(_call(node, "listspiders.json", params={"project": project})["spiders"])


def fetch_job_states(node: str, project: str = PROJECT) -> dict[str, str]:
    """Each job the node knows for ``project``: ``pending``, ``running`` or ``finished``."""
    answer = _call(node, "listjobs.json", params={"project": project})
    return {
        job["id"]: state for state in ("pending", "running", "finished") for job in answer[state]
    }


def schedule_job(
    node: str,
    spider: str,
    job_id: str,
    settings: Mapping[str, str],
    arguments: Mapping[str, str] | None = None,
    project: str = PROJECT,
) -> str:
    """Ask the node to run ``spider`` as job ``job_id`` with these Scrapy settings and
    spider ``arguments`` (Scrapyd passes every other field of the call as ``-a``)."""
    data = {
        **(arguments or {}),
        "project": project,
        "spider": spider,
        "jobid": job_id,
        "setting": [f"{name}={value}" for name, value in settings.items()],
    }
    return _call(node, "schedule.json", data=data)["jobid"]


def setting_text(value: object) -> str:
    """A Scrapy setting's value as ``-s NAME=VALUE`` text (lists and dicts as JSON)."""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value)
    return str(value)


def job_settings(
    output: Path, run_id: str, base_urls: Mapping[str, str], overrides: Mapping[str, Any]
) -> dict[str, str]:
    """What every job of a run is scheduled with: the archive off, its items as JSON lines
    in ``output`` (a file the archive's machine can read), its HTTP cache in the same
    folder (shared by the nodes: a source's next job, on any node, asks for its pages
    conditionally, as a local re-crawl does), the run's id, the sources' base URLs and the
    crawl's ``-s`` settings."""
    settings = {name: setting_text(value) for name, value in overrides.items()}
    settings |= {
        "ARCHIVE_ENABLED": "False",
        "CRAWL_RUN_ID": run_id,
        "FEEDS": json.dumps({output.resolve().as_uri(): {"format": "jsonlines"}}),
        "HTTPCACHE_DIR": str(job_cache_dir(output.resolve().parent)),
    }
    if base_urls:
        settings["SOURCES_BASE_URLS"] = json.dumps(dict(base_urls))
    return settings


def job_cache_dir(output_dir: Path) -> Path:
    """The jobs' HTTP cache: a hidden folder of the jobs' output folder."""
    return output_dir / ".httpcache"
