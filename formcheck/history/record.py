"""Add a saved session folder to the history."""

from __future__ import annotations

from pathlib import Path

from formcheck.history.db import connect
from formcheck.history.store import add_session
from formcheck.io.session_dir import load_session


def record_history(folder: Path, db: Path | None, replace: bool = False) -> int:
    """Add the session in `folder` to the history (`db` or the default); returns its session id."""
    conn = connect(db)
    try:
        return add_session(conn, load_session(folder), replace=replace)
    finally:
        conn.close()
