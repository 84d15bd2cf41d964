"""What `formcheck analyze FOLDER|--manifest` does: plan the jobs, run them here or on Ray, record each."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck.batch.jobs import Job, from_folder, from_manifest
from formcheck.batch.run import BATCH_CSV, run_batch, run_local, workers_default
from formcheck.batch.task import Outcome
from formcheck.errors import FormcheckError
from formcheck.models.choice import AUTO, check_choice, resolve
from formcheck.models.paths import model_path

if TYPE_CHECKING:
    from formcheck.session.plan import Step
    from formcheck.summary import ProgrammeInfo


@dataclass(frozen=True)
class BatchArgs:
    """The batch options."""

    folder: Path | None
    manifest: Path | None
    exercise: str
    patient: str
    out: Path
    model: str = AUTO  # by exercise (formcheck.models.choice)
    workers: int = 0  # 0: one per core
    force: bool = False
    ray: str = ""  # "" local processes; "local" or an address: Ray
    every_frame: bool = False
    programme: Path | None = None  # every video judged against this programme file
    annotate: bool = False  # also write each video's annotated.mp4


def plan(args: BatchArgs, warn: Callable[[str], None] | None = None) -> list[Job]:
    """The jobs, checked before anything runs; `warn` is told of a model fallback."""
    if args.workers < 0:
        raise FormcheckError(f"--workers must be 1 or more (0, the default, is one per core), not {args.workers}")
    check_choice(args.model)
    if args.model != AUTO:
        model_path(args.model)
    if args.manifest is not None:
        jobs = from_manifest(args.manifest, args.out)
    else:
        assert args.folder is not None
        jobs = from_folder(args.folder, args.exercise, args.patient, args.out)

    missing = [j.video for j in jobs if not j.video.is_file()]
    if missing:
        raise FormcheckError(f"{missing[0]}: no such video ({len(missing)} of the {len(jobs)} listed are missing)")
    settings: dict[str, Settings] = {}  # read once per exercise
    resolved = []
    for row, job in enumerate(jobs, start=2):  # an unknown exercise is reported before hours of work, not after
        try:
            if job.exercise not in settings:
                settings[job.exercise] = _settings(job.exercise, args.programme, args.model)
        except FormcheckError as exc:
            where = f"{args.manifest}: row {row} ({job.video.name}): " if args.manifest is not None else ""
            raise FormcheckError(f"{where}{exc}") from None
        s = settings[job.exercise]
        patient = job.patient or (s.programme.patient if s.programme else "")  # the row's, else the programme's
        resolved.append(replace(job, exercise=s.name, step=s.step, programme=s.programme, patient=patient,
                                annotate=args.annotate, model=s.model))  # fmt: skip
    for variant in sorted({s.model for s in settings.values()}):
        model_path(variant)  # a missing model is said once, before any video is analysed
    for s in settings.values():
        if s.note and warn is not None:
            warn(f"note: {s.name}: {s.note}")
    return resolved


@dataclass(frozen=True)
class Settings:
    """What a batch reads once per exercise."""

    name: str  # the exercise's own name ("bridge" and "glute_bridge" are one exercise)
    step: Step | None  # the exercise as the programme sets it (None: the catalogue's)
    programme: ProgrammeInfo | None
    model: str  # the pose model for it (formcheck.models.choice)
    note: str = ""  # why the model is not the one `auto` prefers


def _settings(exercise: str, programme: Path | None, model: str) -> Settings:
    """The exercise's settings, read here: a worker may be another machine."""
    from formcheck.exercises.catalogue import get

    found = get(exercise)
    variant, note = resolve(model, found)
    if programme is None:
        return Settings(found.name, None, None, variant, note)
    from formcheck.session.plan import plan_for

    plan = plan_for(found.name, programme, one=True)
    return Settings(found.name, plan.steps[0], plan.programme, variant, note)


def runner(args: BatchArgs) -> Callable[[list[Job]], Iterator[Outcome]]:
    """Local worker processes, or Ray."""
    if args.ray:
        from formcheck.batch.cluster import run_ray

        return lambda jobs: run_ray(jobs, args.ray, args.every_frame)
    workers = args.workers or workers_default()
    return lambda jobs: run_local(jobs, workers, args.every_frame, args.force)


def run(args: BatchArgs, on_done: Callable[[Outcome], None], warn: Callable[[str], None] | None = None
        ) -> list[Outcome]:  # fmt: skip
    """The whole batch; batch.csv is in args.out."""
    jobs = plan(args, warn)
    return run_batch(jobs, args.out, args.force, runner(args), on_done)


__all__ = ["BATCH_CSV", "BatchArgs", "run"]
