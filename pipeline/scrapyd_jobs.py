"""One crawl spread over Scrapyd nodes: each source becomes one job on one node (in turn),
a node that is down or goes down hands its sources to the others, and the run waits
until Scrapyd reports every job finished. Scrapyd does the queueing and the running;
this only decides where each source goes and watches ``listjobs.json``."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from pipeline.scrapyd import NodeError, fetch_job_states, fetch_spiders, schedule_job


@dataclasses.dataclass
class Job:
    """One source's job: where it runs and the file its items go to; ``why`` says why
    it could not run (no node left), when it could not."""

    source: str
    node: str | None
    job_id: str
    output: Path
    finished: bool = False
    why: str | None = None


class NodeRun:
    """The jobs of one run (``run_id``) over ``nodes``; ``settings_for(output)`` gives
    the Scrapy settings of a job writing to ``output``; ``say`` reports a node that is
    down, in one line; ``arguments`` are each source's spider arguments."""

    def __init__(
        self,
        nodes: list[str],
        output_dir: Path,
        run_id: str,
        settings_for: Callable[[Path], Mapping[str, str]],
        say: Callable[[str], None],
        arguments: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.nodes = list(dict.fromkeys(nodes))
        self.live: list[str] = []
        self.output_dir = output_dir
        self.run_id = run_id
        self.settings_for = settings_for
        self.say = say
        self.arguments = arguments or {}  # source id -> its spider's arguments
        self.jobs: dict[str, Job] = {}  # source id -> its latest job
        self.attempts = 0

    def check_nodes(self, source_ids: list[str]) -> None:
        """Keep the nodes that answer and run every source's spider (the egg deployed)."""
        for node in self.nodes:
            try:
                missing = sorted(set(source_ids) - set(fetch_spiders(node)))
            except NodeError as exc:
                self.node_down(node, str(exc))
                continue
            if missing:
                self.node_down(node, f"no spider for {', '.join(missing)} (deploy the egg)")
                continue
            self.live.append(node)

    def node_down(self, node: str, why: str) -> None:
        if node in self.live:
            self.live.remove(node)
        self.say(f"Scrapyd node {node} is not usable ({why}); its sources go to the other nodes")

    def place(self, source_id: str, turn: int) -> Job:
        """Schedule the source's job on the next live node from ``turn`` on."""
        while self.live:
            node = self.live[turn % len(self.live)]
            self.attempts += 1
            job_id = f"{self.run_id}-{source_id}-{self.attempts}"
            output = self.output_dir / f"{job_id}.jsonl"
            try:
                settings = self.settings_for(output)
                schedule_job(node, source_id, job_id, settings, self.arguments.get(source_id))
            except NodeError as exc:
                self.node_down(node, str(exc))
                continue
            job = Job(source_id, node, job_id, output)
            break
        else:
            why = "no Scrapyd node could run it (all down)"
            job = Job(source_id, None, "", self.output_dir / "-", finished=True, why=why)
        self.jobs[source_id] = job
        return job

    def run(self, source_ids: list[str], poll_seconds: float) -> list[Job]:
        """Spread the sources over the live nodes in turn, then wait for every job."""
        self.check_nodes(source_ids)
        for turn, source_id in enumerate(source_ids):
            self.place(source_id, turn)
        while waiting := [job for job in self.jobs.values() if not job.finished]:
            time.sleep(poll_seconds)
            for node in dict.fromkeys(job.node for job in waiting):
                self.watch(node, [job for job in waiting if job.node == node])
        return [self.jobs[source_id] for source_id in source_ids]

    def watch(self, node: str, jobs: list[Job]) -> None:
        """Mark the node's finished jobs; a node that stopped answering hands its
        unfinished jobs to the others (they start again there)."""
        try:
            states = fetch_job_states(node)
        except NodeError as exc:
            self.node_down(node, str(exc))
            for turn, job in enumerate(jobs):
                self.place(job.source, turn)
            return
        for job in jobs:
            # a job the node no longer knows (restarted) will not write more: read it
            job.finished = states.get(job.job_id, "finished") == "finished"
