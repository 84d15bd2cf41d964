"""`formcheck analyze`: options in, the library's analysis out, its summary printed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from formcheck.cli.common import DbOption, HistoryOption, echo_lines, report_hint
from formcheck.errors import FormcheckError
from formcheck.models.choice import AUTO

if TYPE_CHECKING:
    from formcheck.analyze import Analysis
    from formcheck.analyze_command import AnalyzeArgs


def _batch(args: object, db: Path | None, history: bool) -> None:
    """A folder of videos or a manifest: a progress bar, a line per problem, a summary, batch.csv."""
    from rich.progress import Progress

    from formcheck.batch.command import BATCH_CSV, run
    from formcheck.history.record import record_history

    with Progress(transient=False) as bar:
        task = bar.add_task("videos", total=None)

        def done(outcome: object) -> None:
            if outcome.status == "done" and history:  # type: ignore[attr-defined]
                record_history(Path(outcome.folder), db, replace=args.force)  # type: ignore[attr-defined]
            if outcome.status == "error":  # type: ignore[attr-defined]
                bar.console.print(f"{outcome.video}: {outcome.error}", markup=False, highlight=False)  # type: ignore[attr-defined]
            bar.advance(task)

        def note(text: str) -> None:
            bar.console.print(text, markup=False, highlight=False)

        outcomes = run(args, done, note)  # type: ignore[arg-type]
    failed = sum(o.status == "error" for o in outcomes)
    typer.echo(f"{len(outcomes)} videos: {sum(o.status == 'done' for o in outcomes)} analysed, "
               f"{sum(o.status == 'skipped' for o in outcomes)} already done, {failed} failed; "
               f"{args.out / BATCH_CSV}")  # type: ignore[attr-defined]  # fmt: skip
    if failed:
        raise FormcheckError(f"{failed} of {len(outcomes)} videos could not be analysed; the reason of each is in "
                             f"{args.out / BATCH_CSV}")  # type: ignore[attr-defined]  # fmt: skip


# Options of one session that a batch cannot take, and what to do instead.
_NOT_FOR_BATCH = {
    "pain_before": "--pain-before is one session's; record it per video with `formcheck analyze VIDEO`",
    "pain_after": "--pain-after is one session's; record it per video with `formcheck analyze VIDEO`",
    "landmarks": "--landmarks replays one CSV; give it without a folder or --manifest",
    "size": "--size goes with --landmarks (one CSV), not with a batch",
    "replace": "a batch analyses again with --force, not --replace",
}


def refuse_for_batch(manifest_and_more: bool, ray_and_workers: bool, **given: object) -> None:
    """One line for the first option given that a batch would otherwise ignore silently."""
    for name, value in given.items():
        if value is not None and value is not False and value != "":  # pain 0 is given too
            raise FormcheckError(_NOT_FOR_BATCH[name])
    if manifest_and_more:
        raise FormcheckError("a manifest gives each video, its exercise and its patient: leave out the folder, "
                             "--exercise and --patient, or put them in the manifest")  # fmt: skip
    if ray_and_workers:
        raise FormcheckError("--workers is for worker processes on this machine; on Ray every CPU of the cluster "
                             "works (leave out --workers)")  # fmt: skip


def analyze(
    video: Annotated[Path | None, typer.Argument(help="a video file, or a folder of videos (a batch)")] = None,
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="exercise name (see `formcheck exercises`)")] = "",
    out: Annotated[Path | None, typer.Option(help="output folder (default: out/<video name>)")] = None,
    model: Annotated[str, typer.Option(help="pose model: auto (holds: heavy, reps: full), lite, full, heavy")] = AUTO,
    annotate: Annotated[bool, typer.Option(help="also write annotated.mp4")] = False,
    landmarks: Annotated[Path | None, typer.Option(help="replay a landmarks CSV instead of a video")] = None,
    programme: Annotated[Path | None, typer.Option(help="judge against this programme file (TOML)")] = None,
    patient: Annotated[str, typer.Option(help="patient name or pseudonym for the history")] = "",
    pain_before: Annotated[int | None, typer.Option(help="pain 0-10 before the exercise")] = None,
    pain_after: Annotated[int | None, typer.Option(help="pain 0-10 after the exercise")] = None,
    every_frame: Annotated[bool, typer.Option(help="analyse every frame (default: at most 30 a second)")] = False,
    size: Annotated[str, typer.Option(help="--landmarks: the image size WIDTHxHEIGHT, when no video.json")] = "",
    replace: Annotated[bool, typer.Option(help="overwrite the session already in --out (and in the history)")] = False,
    manifest: Annotated[Path | None, typer.Option(help="a batch from a CSV: video,exercise,patient")] = None,
    workers: Annotated[int, typer.Option(help="batch: worker processes (default: one per core)")] = 0,
    force: Annotated[bool, typer.Option(help="batch: analyse again videos already done")] = False,
    ray: Annotated[str, typer.Option(help="batch on Ray: 'local' or the cluster's address")] = "",
    history: HistoryOption = True,
    db: DbOption = None,
) -> None:
    """Count reps and judge form in a recorded video (or every video of a folder or manifest)."""
    from formcheck.analyze_command import AnalyzeArgs

    if manifest is not None or (video is not None and video.is_dir()):
        from formcheck.batch.command import BatchArgs

        more = manifest is not None and (bool(exercise or patient) or video is not None)
        refuse_for_batch(more, bool(ray and workers), pain_before=pain_before, pain_after=pain_after,
                         landmarks=landmarks, size=size, replace=replace)  # fmt: skip
        args_ = BatchArgs(folder=video, manifest=manifest, exercise=exercise, patient=patient, out=out or Path("out"),
                          model=model, workers=workers, force=force, ray=ray, every_frame=every_frame,
                          programme=programme, annotate=annotate)  # fmt: skip
        return _batch(args_, db, history)

    args = AnalyzeArgs(video=video, exercise=exercise, out=out, model=model, annotate=annotate, landmarks=landmarks,
                       programme=programme, patient=patient, pain_before=pain_before, pain_after=pain_after,
                       every_frame=every_frame, replace=replace, size=size)  # fmt: skip
    analysis = _with_progress(args)
    from formcheck.report_text import summary_lines

    echo_lines(summary_lines(analysis.exercise))
    if analysis.folder != analysis.asked:
        from formcheck.io.session_folder import is_session

        why = "already holds a session" if is_session(analysis.asked) else "could not be replaced (is it writable?)"
        typer.echo(f"note: {analysis.asked} {why}; this one is in {analysis.folder}/")
    typer.echo(f"files in {analysis.folder}/")
    if history:
        from formcheck.history.record import record_history

        session_id = record_history(analysis.folder, db, replace)
        typer.echo(f"history: session {session_id} (report: {report_hint(analysis.folder)})")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(analyze)


def _with_progress(args: AnalyzeArgs) -> Analysis:
    """Run the analysis under a progress bar; notes (a model's fallback, say) are said once the bar is done with the
    line, not written into it."""
    from formcheck.analyze_command import run_analyze

    video = args.video
    notes: list[str] = []
    try:
        with typer.progressbar(length=1, label=f"analysing {video.name if video else ''}", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = max(total, done)
                bar.update(done - bar.pos)

            return run_analyze(args, progress if video is not None else None, notes.append)
    finally:
        for note in notes:
            typer.echo(note, err=True)
