"""A batch on this machine: one worker process per core, one progress bar, a row per video in batch.csv.

Each worker process runs whole videos through the same `analyze` as a single run (its own pose model,
decode thread and core), so the work splits by video, not by frame, and the workers never wait on each
other. Sessions go into the history from this process, one at a time, as each video finishes.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, fields
from pathlib import Path

from formcheck.batch.jobs import Job, pending
from formcheck.batch.task import Outcome, run_job, skipped

BATCH_CSV = "batch.csv"


def workers_default() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def run_local(jobs: list[Job], workers: int, every_frame: bool, force: bool = False) -> Iterator[Outcome]:
    """Outcomes as the videos finish (in any order), in worker processes started fresh (spawn)."""
    context = multiprocessing.get_context("spawn")  # no model, thread or lock inherited from this process
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: list[Future[Outcome]] = [pool.submit(run_job, job, every_frame, "", "", force) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def run_batch(jobs: list[Job], root: Path, force: bool, runner: Callable[[list[Job]], Iterator[Outcome]],
              on_done: Callable[[Outcome], None]) -> list[Outcome]:  # fmt: skip
    """Skip what is done, run the rest with `runner`, write batch.csv after every video; all outcomes."""
    todo, done = pending(jobs, force)
    outcomes = [skipped(j) for j in done]
    for outcome in outcomes:
        on_done(outcome)
    _write(root / BATCH_CSV, outcomes)
    for outcome in runner(todo):
        outcomes.append(outcome)
        on_done(outcome)
        _write(root / BATCH_CSV, outcomes)
    return outcomes


def _write(path: Path, outcomes: list[Outcome]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    with tmp.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[x.name for x in fields(Outcome)])
        writer.writeheader()
        writer.writerows(asdict(o) for o in sorted(outcomes, key=lambda o: o.video))
    tmp.replace(path)
