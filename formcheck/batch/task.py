"""One batch job, as a worker runs it: a plain function of plain values, so a process pool or Ray can ship it."""

from __future__ import annotations

import time
from dataclasses import dataclass
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


def run_job(job: Job, model: str, every_frame: bool = False, source: str = "", started: str = "",
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
        request = Request(step, job.out, model=model, annotate=job.annotate, every_frame=every_frame,
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
    from formcheck.io.session_dir import load_session

    base = Outcome(str(job.video), job.exercise, job.patient, str(job.out), "skipped")
    try:
        parts = load_session(job.out).parts
    except (FormcheckError, OSError, ValueError):
        return base
    if not parts:
        return base
    saved = parts[0].summary
    if saved.exercise != job.exercise:
        error = (f"{job.out} holds a {saved.exercise} session, not a {job.exercise} one; add --force to analyse "
                 f"the video again as {job.exercise}, or give another --out")  # fmt: skip
        return _replace(base, status="error", error=error)
    return _replace(base, **_figures(saved))
