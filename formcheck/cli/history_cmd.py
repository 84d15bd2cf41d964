"""`formcheck history` and `formcheck history export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from formcheck.cli.common import DbOption, echo_lines

history_app = typer.Typer(help="Sessions recorded so far (SQLite in your data folder, or --db / $FORMCHECK_HISTORY).")


@history_app.callback(invoke_without_command=True)
def history_list(
    ctx: typer.Context,
    patient: Annotated[str | None, typer.Option(help="only this patient")] = None,
    db: DbOption = None,
) -> None:
    """List recorded sessions, oldest first."""
    if ctx.invoked_subcommand is not None:
        return
    from formcheck.history.listing import session_table

    echo_lines(session_table(db, patient))


@history_app.command("export")
def history_export(
    out: Annotated[Path, typer.Option(help="CSV file to write")] = Path("history.csv"),
    patient: Annotated[str | None, typer.Option(help="only this patient")] = None,
    db: DbOption = None,
) -> None:
    """Write every rep and hold (with its session) to CSV."""
    from formcheck.history.listing import export

    typer.echo(f"wrote {export(db, out, patient)} rows to {out}")


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.add_typer(history_app, name="history")
