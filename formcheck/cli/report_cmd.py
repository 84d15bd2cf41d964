"""`formcheck report`: a session report, or a patient's progress report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from formcheck.cli.common import DbOption


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
    from formcheck.report.command import write_report

    for path in write_report(target, out, pdf, patient, since, db):
        typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(report)
