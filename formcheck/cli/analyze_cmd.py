"""`formcheck analyze`: options in, the library's analysis out, its summary printed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from formcheck.cli.common import DbOption, HistoryOption, echo_lines, report_hint


def analyze(
    video: Annotated[Path | None, typer.Argument(help="a video file")] = None,
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="exercise name (see `formcheck exercises`)")] = "",
    out: Annotated[Path | None, typer.Option(help="output folder (default: out/<video name>)")] = None,
    model: Annotated[str, typer.Option(help="pose model: lite, full or heavy")] = "full",
    annotate: Annotated[bool, typer.Option(help="also write annotated.mp4")] = False,
    landmarks: Annotated[Path | None, typer.Option(help="replay a landmarks CSV instead of a video")] = None,
    programme: Annotated[Path | None, typer.Option(help="judge against this programme file (TOML)")] = None,
    patient: Annotated[str, typer.Option(help="patient name or pseudonym for the history")] = "",
    pain_before: Annotated[int | None, typer.Option(help="pain 0-10 before the exercise")] = None,
    pain_after: Annotated[int | None, typer.Option(help="pain 0-10 after the exercise")] = None,
    every_frame: Annotated[bool, typer.Option(help="analyse every frame (default: at most 30 a second)")] = False,
    size: Annotated[str, typer.Option(help="--landmarks: the image size WIDTHxHEIGHT, when no video.json")] = "",
    replace: Annotated[bool, typer.Option(help="overwrite the session already in --out (and in the history)")] = False,
    history: HistoryOption = True,
    db: DbOption = None,
) -> None:
    """Count reps and judge form in a recorded video; writes CSV and JSON files."""
    from formcheck.analyze_command import AnalyzeArgs, run_analyze

    args = AnalyzeArgs(video=video, exercise=exercise, out=out, model=model, annotate=annotate, landmarks=landmarks,
                       programme=programme, patient=patient, pain_before=pain_before, pain_after=pain_after,
                       every_frame=every_frame, replace=replace, size=size)  # fmt: skip
    with typer.progressbar(length=1, label=f"analysing {video.name if video else ''}", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, done)
            bar.update(done - bar.pos)

        analysis = run_analyze(args, progress if video is not None else None)
    from formcheck.report_text import summary_lines

    echo_lines(summary_lines(analysis.exercise))
    if analysis.folder != analysis.asked:
        typer.echo(f"note: {analysis.asked} already holds a session; this one is in {analysis.folder}/")
    typer.echo(f"files in {analysis.folder}/")
    if history:
        from formcheck.history.record import record_history

        session_id = record_history(analysis.folder, db, replace)
        typer.echo(f"history: session {session_id} (report: {report_hint(analysis.folder)})")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(analyze)
