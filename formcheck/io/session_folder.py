"""Session folders are written whole or not at all, and never over another session.

A run writes into a hidden sibling folder (`.NAME.partial-PID`) and moves it into place when complete. The
place is taken only if it is free: an existing session folder is kept, and the new run goes to `NAME-2`,
`NAME-3`… unless the user asked to replace it. Two runs at once into the same place therefore never
interleave their files, and a crash leaves the partial folder beside the old session, not inside it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from formcheck.errors import FormcheckError


def is_session(folder: Path) -> bool:
    """Whether a folder holds a formcheck session."""
    return (folder / "summary.json").is_file()


def claim(out: Path, replace: bool) -> Path:
    """A fresh hidden folder to write the run into, beside `out`."""
    if out.exists() and not out.is_dir():
        raise FormcheckError(f"{out}: exists and is not a folder; give another --out")
    if out.is_dir() and any(out.iterdir()) and not is_session(out) and not replace:
        raise FormcheckError(f"{out}: is a folder with other files in it; give an empty or new --out folder")
    partial = out.parent / f".{out.name}.partial-{os.getpid()}"
    try:
        if partial.exists():
            shutil.rmtree(partial)
        partial.mkdir(parents=True)
    except OSError as exc:
        raise FormcheckError(
            f"{out.parent}: cannot write the session there ({exc.strerror}); give another --out"
        ) from exc
    return partial


def publish(partial: Path, out: Path, replace: bool = False) -> Path:
    """Move the finished run into place: `out` when free (or replaced), else the next free `out-N`."""
    if replace and out.is_dir():
        shutil.rmtree(out)
    target = out
    number = 1
    while True:
        try:
            if target.is_dir() and not any(target.iterdir()):
                target.rmdir()
            os.rename(partial, target)  # atomic; fails when the target exists
            return target
        except OSError:
            if not target.exists():
                raise
            number += 1
            target = out.with_name(f"{out.name}-{number}")
            if number > 999:
                raise FormcheckError(f"{out}: too many sessions with this name; give another --out") from None
