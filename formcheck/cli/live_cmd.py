"""`formcheck live`: options in, the guided session run, its summary printed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from formcheck.cli.common import DbOption, HistoryOption, echo_lines, report_hint
from formcheck.errors import FormcheckError
from formcheck.models.paths import LIVE_MODEL

if TYPE_CHECKING:
    from formcheck.live.run import LiveOutcome


def _ask(value: int | None, question: str, ask: bool) -> int | None:
    from formcheck.pain import check_pain, parse_pain

    if value is None and ask:
        return parse_pain(typer.prompt(f"{question} 0-10 (Enter to skip)", default="", show_default=False))
    return check_pain(value)


def live(
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="exercise name (see `formcheck exercises`)")] = "",
    programme: Annotated[Path | None, typer.Option(help="follow this programme file (TOML)")] = None,
    camera: Annotated[int, typer.Option(help="webcam number")] = 0,
    model: Annotated[str, typer.Option(help="pose model: full (counts best) or lite (fastest)")] = LIVE_MODEL,
    voice: Annotated[bool | None, typer.Option("--voice/--no-voice", help="speak cues (espeak-ng)")] = None,
    out: Annotated[Path | None, typer.Option(help="session folder (default: dated, in your data folder)")] = None,
    source: Annotated[Path | None, typer.Option(help="play a recording as if it were the camera")] = None,
    headless: Annotated[bool, typer.Option(help="no window (use with --record)")] = False,
    record: Annotated[Path | None, typer.Option(help="also save the overlay video (MP4)")] = None,
    patient: Annotated[str, typer.Option(help="patient name or pseudonym for the history")] = "",
    pain_before: Annotated[int | None, typer.Option(help="pain 0-10 before (asked when not given)")] = None,
    pain_after: Annotated[int | None, typer.Option(help="pain 0-10 after (asked when not given)")] = None,
    speed: Annotated[float, typer.Option(hidden=True, help="--source played this many times real time")] = 1.0,
    every_frame: Annotated[bool, typer.Option(hidden=True, help="--source: every analysed frame, unpaced")] = False,
    countdown: Annotated[float, typer.Option(help="seconds of countdown before counting")] = 3.0,
    history: HistoryOption = True,
    db: DbOption = None,
) -> None:
    """Guide a live session from the webcam: overlay, counts, cues, sides and sets; saved as it goes.

    Keys: q quit, space pause, s switch side, m mute, f full screen, p pain (stops the session).
    """
    from formcheck.live.command import LiveArgs, finish_live, start_live

    ask = sys.stdin.isatty() and not headless
    args = LiveArgs(exercise=exercise, programme=programme, camera=camera, model=model, voice=voice, out=out,
                    source=source, headless=headless, record=record, patient=patient,
                    pain_before=_ask(pain_before, "Pain right now?", ask), speed=speed, every_frame=every_frame,
                    countdown_s=countdown)  # fmt: skip
    options = start_live(args)
    if record is None and headless and source is None:
        typer.echo("note: --headless without --record shows nothing; files are still written", err=True)
    typer.echo(f"session folder: {options.out}", err=True)
    from formcheck.live.run import run_live

    outcome = run_live(options)
    _report(finish_live(outcome, _ask(pain_after, "Pain now, after the session?", ask)), history, db)


def _report(outcome: LiveOutcome, history: bool, db: Path | None) -> None:
    """The session's summary, its place in the history, and how it ended."""
    from formcheck.report_text import summary_lines

    for part in outcome.parts:
        echo_lines(summary_lines(part))
    stats = outcome.summary.live
    if stats is not None:
        typer.echo(f"session: {outcome.summary.status}; {stats.frames_processed} frames at {stats.processed_fps} fps, "
                   f"{stats.frames_dropped} dropped")  # fmt: skip
    typer.echo(f"files in {outcome.folder}/")
    if not any(p.frames_with_pose for p in outcome.parts):
        raise FormcheckError(
            f"nobody was in view during the session, so nothing was counted; check the camera and the light "
            f"(the frames are in {outcome.folder}/); not added to the history"
        )
    if history and outcome.parts:
        from formcheck.history.record import record_history

        typer.echo(f"history: session {record_history(outcome.folder, db)} (report: {report_hint(outcome.folder)})")
    if not outcome.parts:
        typer.echo("nothing was counted: the session stopped before the exercise started; not added to the history")
    if outcome.exit_code:
        typer.echo(f"formcheck: {outcome.message}", err=True)
        raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(live)
