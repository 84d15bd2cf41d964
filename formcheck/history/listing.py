"""The history as the terminal shows it, and as a CSV export."""

from __future__ import annotations

from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.history.db import NoHistory, connect
from formcheck.history.store import export_csv, sessions


def _cell(value: object, width: int) -> str:
    """A value on one line (newlines and control characters in a name would break the table), cut to width."""
    text = "".join(c if c.isprintable() else " " for c in str(value if value not in (None, "") else "-"))
    return text[:width]


def session_table(db: Path | None, patient: str | None) -> list[str]:
    """One line per session, oldest first."""
    try:
        conn = connect(db, create=False)
    except NoHistory:
        if db is not None:
            raise
        return ["no sessions recorded yet"]
    try:
        rows = sessions(conn, patient)
    finally:
        conn.close()
    if not rows:
        return ["no sessions recorded yet" + (f" for {_cell(patient, 40)}" if patient else "")]
    out = [f"{'id':>4}  {'date':16}  {'patient':14}  {'kind':7}  {'valid/tried':>11}  {'pain':>5}  exercises"]
    for r in rows:
        pain = "/".join("-" if r[k] is None else str(r[k]) for k in ("pain_before", "pain_after"))
        out.append(f"{r['id']:>4}  {_cell(r['started'][:16].replace('T', ' '), 16):16}  {_cell(r['patient'], 14):14}  "
                   f"{_cell(r['kind'], 7):7}  {r['valid']:>5}/{r['attempted']:<5}  {pain:>5}  "
                   f"{_cell(r['exercises'], 200)}")  # fmt: skip
    return out


def export(db: Path | None, out: Path, patient: str | None) -> int:
    """Every rep and hold to CSV; returns the number of rows."""
    if out.is_dir():
        raise FormcheckError(f"{out}: is a folder; give a file name for the CSV (e.g. {out / 'history.csv'})")
    conn = connect(db, create=False)
    try:
        return export_csv(conn, out, patient)
    except OSError as exc:
        raise FormcheckError(f"{out}: cannot write the CSV ({exc.strerror}); choose another --out") from exc
    finally:
        conn.close()
