"""`formcheck synth`: render a person doing an exercise, with exact ground truth (needs the synth extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from formcheck.errors import FormcheckError


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
    if not exercise:
        raise FormcheckError("say which motion to render: formcheck synth EXERCISE (see formcheck synth --list)")
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


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(synth)
