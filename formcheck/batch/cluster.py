"""The same batch on a Ray cluster: each video is one task; the model file travels with the tasks.

Chosen so that the nodes need nothing but `pip install formcheck[cluster]`: the driver puts the pose model
(9 MB) in Ray's object store once and each video's bytes as its task is sent, and a task returns its session
folder as a tar archive, unpacked here. No shared file system, no model install on the nodes. At most two
tasks per CPU of the cluster are in flight, so an archive of thousands of videos never sits in memory at once.
"""

from __future__ import annotations

import io
import logging
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from formcheck.batch.jobs import Job
from formcheck.batch.task import Outcome, run_job
from formcheck.errors import FormcheckError
from formcheck.io.session_folder import claim, publish

IN_FLIGHT_PER_CPU = 2


def _remote(job: Job, video: bytes, model_bytes: bytes, model: str, every_frame: bool, started: str) -> tuple:
    """On a worker: the video and model into a scratch folder, the analysis, the session folder back as a tar."""
    with tempfile.TemporaryDirectory(prefix="formcheck-") as scratch:
        root = Path(scratch)
        (root / "models").mkdir()
        (root / "models" / f"pose_landmarker_{model}.task").write_bytes(model_bytes)
        os.environ["FORMCHECK_MODELS_DIR"] = str(root / "models")
        local = root / f"video{job.video.suffix}"
        local.write_bytes(video)
        out = root / "out" / job.out.name
        outcome = run_job(replace(job, video=local, out=out), every_frame, str(job.video), started)
        archive = io.BytesIO()
        if outcome.status == "done":
            with tarfile.open(fileobj=archive, mode="w:gz") as tar:
                tar.add(outcome.folder, arcname=".")
        return outcome, archive.getvalue()


def _unpack(job: Job, outcome: Outcome, archive: bytes) -> Outcome:
    if outcome.status != "done":
        return replace(outcome, folder=str(job.out))
    partial = claim(job.out, replace=True)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        tar.extractall(partial, filter="data")
    return replace(outcome, folder=str(publish(partial, job.out, replace=True)))


def run_ray(jobs: list[Job], address: str, every_frame: bool) -> Iterator[Outcome]:
    """Outcomes as the tasks finish; `address` "local" starts a Ray instance on this machine."""
    try:
        import ray
    except ImportError as exc:
        raise FormcheckError("--ray needs Ray: pip install 'formcheck[cluster]'") from exc
    from formcheck.analyze import recorded_at
    from formcheck.models.paths import model_path

    if address == "local":
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    else:
        ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
    try:
        task = ray.remote(num_cpus=1)(_remote)
        models = {variant: ray.put(model_path(variant).read_bytes()) for variant in {job.model for job in jobs}}
        limit = IN_FLIGHT_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))
        waiting: list[Job] = list(jobs)
        flying: dict[object, Job] = {}
        while waiting or flying:
            while waiting and len(flying) < limit:
                job = waiting.pop(0)
                video = job.video.read_bytes()
                ref = task.remote(job, video, models[job.model], job.model, every_frame, recorded_at(job.video))
                flying[ref] = job
            ready, _ = ray.wait(list(flying), num_returns=1)
            job = flying.pop(ready[0])
            outcome, archive = ray.get(ready[0])
            yield _unpack(job, outcome, archive)
    finally:
        ray.shutdown()
