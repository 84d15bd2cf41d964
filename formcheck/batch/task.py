"""One batch job, as a worker runs it: a plain function of plain values, so a process pool or Ray can ship it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck.batch.jobs import Job
from formcheck.errors import FormcheckError

if TYPE_CHECKING:
    from formcheck.summary import ExerciseSummary


@dataclass(frozen=True)
class Outcome:
    """What became of one job (a row of batch.csv)."""

    video: str
    exercise: str
    patient: str
    folder: str
    status: str  # "done" | "skipped" | "error"
    valid: int = 0
    attempted: int = 0
    holds: int = 0
    faults: str = ""  # rule id ×count; …
    frames: int = 0
    seconds: float = 0.0
    error: str = ""


def run_job(job: Job, every_frame: bool = False, source: str = "", started: str = "",
            replace: bool = False) -> Outcome:  # fmt: skip
    """Analyse one video into its folder; a FormcheckError is this job's outcome, not the batch's end."""
    from formcheck.analyze import Request, analyze_video
    from formcheck.session.plan import plan_for
    from formcheck.summary import SessionSummary

    start = time.perf_counter()
    base = Outcome(source or str(job.video), job.exercise, job.patient, str(job.out), "error")
    try:
        step = job.step or plan_for(job.exercise, None, one=True).steps[0]
        head = SessionSummary(patient=job.patient, source=source, started=started, programme=job.programme)
        request = Request(step, job.out, model=job.model, annotate=job.annotate, every_frame=every_frame,
                          replace=replace, head=head)  # fmt: skip
        analysis = analyze_video(job.video, request)
    except FormcheckError as exc:
        return _replace(base, error=str(exc), seconds=round(time.perf_counter() - start, 2))
    return _replace(base, folder=str(analysis.folder), status="done", **_figures(analysis.exercise),
                    seconds=round(time.perf_counter() - start, 2))  # fmt: skip


def _figures(s: ExerciseSummary) -> dict[str, object]:
    """The columns of batch.csv that come from the exercise's summary."""
    faults = "; ".join(f"{rule} ×{n}" for rule, n in s.faults.items())
    holds = sum(len(v) for v in s.holds_s.values())
    return {"valid": s.reps if s.attempted_reps else s.holds_completed, "attempted": s.attempted_reps,
            "holds": holds, "faults": faults, "frames": s.frames}  # fmt: skip


def _replace(o: Outcome, **changes: object) -> Outcome:
    from dataclasses import replace

    return replace(o, **changes)  # type: ignore[arg-type]


def skipped(job: Job) -> Outcome:
    """A job whose folder already holds its finished session: its figures as saved there (a second run's
    batch.csv keeps them), or an error when that session is of another exercise (it is not this job's)."""
    import json

    from formcheck.io.summary_json import exercise_from_json, session_from_json

    base = Outcome(str(job.video), job.exercise, job.patient, str(job.out), "skipped")
    where = job.out / "summary.json"  # the summary only: its angles may be hours of frames
    try:
        data = json.loads(where.read_text())
        saved, session = exercise_from_json(data, where), session_from_json(data, where)
    except (FormcheckError, OSError, ValueError):
        return base
    if saved is None:
        return base
    redo = "; add --force to analyse the video again with this run's options, or give another --out"
    if saved.exercise != job.exercise:
        return _replace(base, status="error", error=f"{job.out} holds a {saved.exercise} session, not a "
                        f"{job.exercise} one{redo}")  # fmt: skip
    then = session.programme.path if session.programme else ""
    now = job.programme.path if job.programme else ""
    same = then == now or bool(then and now and Path(then).resolve() == Path(now).resolve())
    if not same:  # judged against other thresholds than this run asks for
        said = f"programme {then}" if then else "no programme"
        return _replace(base, status="error", error=f"{job.out} was analysed with {said}{redo}")
    if session.model and session.model != job.model:  # counted by another pose model than this run asks for
        return _replace(base, status="error", error=f"{job.out} was analysed with the {session.model} model{redo}")
    if job.annotate and not (job.out / "annotated.mp4").is_file():
        return _replace(base, status="error", error=f"{job.out} has no annotated.mp4{redo}")
    return _replace(base, **_figures(saved))
