"""Options and small helpers shared by the commands."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None, typer.Option("--db", help="history database (default: $FORMCHECK_HISTORY, else in your data folder)")
]
HistoryOption = Annotated[bool, typer.Option("--history/--no-history", help="add the session to the history")]


def report_hint(folder: Path) -> str:
    """The command that writes the session's report, quoted so it is safe to paste into a shell."""
    return f"formcheck report {shlex.quote(str(folder))}"


def echo_lines(lines: list[str]) -> None:
    """Print lines to stdout."""
    for line in lines:
        typer.echo(line)
