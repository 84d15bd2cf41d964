"""The `formcheck` command line: the commands, the --verbose switch, and every error as one clear line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from formcheck.cli import analyze_cmd, catalogue_cmd, history_cmd, live_cmd, report_cmd, synth_cmd
from formcheck.errors import FormcheckError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Count reps and judge form of hip exercises.")
_state = {"verbose": False}


@app.callback()
def root(
    verbose: Annotated[bool, typer.Option("--verbose", help="show tracebacks and the libraries' log lines")] = False,
) -> None:
    """Count reps and judge form of hip exercises, offline."""
    _state["verbose"] = verbose  # acted on by main() before the app runs (the native logs start at import)


for module in (analyze_cmd, live_cmd, history_cmd, report_cmd, catalogue_cmd, synth_cmd):
    module.register(app)


def _fail(message: str, code: int) -> None:
    # One line: the first line of the message, and never a 780 kB one (a message quoting a huge input).
    line = " ".join(message.split())
    if len(line) > 400:
        line = line[:397] + "..."
    typer.echo(f"formcheck: {line}", err=True)
    sys.exit(code)


def main() -> None:
    """Entry point: run the app; FormcheckError, usage mistakes and OS errors become one line on stderr."""
    verbose = "--verbose" in sys.argv[1:]
    if not verbose:
        from formcheck.quiet import quiet_native_logs

        quiet_native_logs()
    try:
        code = app(standalone_mode=False)  # a typer.Exit inside comes back as its code
        if isinstance(code, int) and code:
            sys.exit(code)
    except FormcheckError as exc:
        if verbose:
            raise
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; files written so far are kept", 130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _fail("aborted", 1)
    except typer.TyperException as exc:  # usage mistakes: unknown option, a value of the wrong type…
        command = " ".join(a for a in sys.argv[1:2] if not a.startswith("-"))
        hint = f"see `formcheck {command} --help`".replace("  ", " ")
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        _fail(f"{message} ({hint})", int(getattr(exc, "exit_code", 2)))
    except OSError as exc:
        if verbose:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}; check the path and its permissions", 2)
