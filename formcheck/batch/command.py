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
    settings: dict[str, tuple[str, Step | None, ProgrammeInfo | None, str]] = {}  # read once per exercise
    resolved = []
    for row, job in enumerate(jobs, start=2):  # an unknown exercise is reported before hours of work, not after
        try:
            if job.exercise not in settings:
                settings[job.exercise] = _settings(job.exercise, args.programme, args.model, warn)
        except FormcheckError as exc:
            where = f"{args.manifest}: row {row} ({job.video.name}): " if args.manifest is not None else ""
            raise FormcheckError(f"{where}{exc}") from None
        name, step, programme, model = settings[job.exercise]
        patient = job.patient or (programme.patient if programme else "")  # the row's, else the programme's
        resolved.append(replace(job, exercise=name, step=step, programme=programme, patient=patient,
                                annotate=args.annotate, model=model))  # fmt: skip
    return resolved


def _settings(exercise: str, programme: Path | None, model: str, warn: Callable[[str], None] | None = None
              ) -> tuple[str, Step | None, ProgrammeInfo | None, str]:  # fmt: skip
    """The exercise's own name ("bridge" and "glute_bridge" are one exercise), with a programme the exercise as it
    sets it, and the pose model for it (checked installed), read here: a worker may be another machine."""
    from formcheck.exercises.catalogue import get

    found = get(exercise)
    variant, note = resolve(model, found)
    if note and warn is not None:
        warn(f"{found.name}: {note}")
    model_path(variant)
    if programme is None:
        return found.name, None, None, variant
    from formcheck.session.plan import plan_for

    plan = plan_for(found.name, programme, one=True)
    return found.name, plan.steps[0], plan.programme, variant


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
