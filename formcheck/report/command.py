"""What `formcheck report` does: find the session (or the patient's sessions), write HTML and maybe a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.history.db import connect


def _progress(patient: str, since: str, db: Path | None, out: Path | None) -> tuple[str, Path]:
    from formcheck.history.store import patients, progress_rows
    from formcheck.report.progress_report import progress_report

    if since:
        try:
            dt.date.fromisoformat(since)
        except ValueError as exc:
            raise FormcheckError(f"--since {since!r}: give a date as YYYY-MM-DD") from exc
    conn = connect(db, create=False)
    try:
        rows = progress_rows(conn, patient, since)
        known = [] if rows else patients(conn)
    finally:
        conn.close()
    if not rows and patient not in known:
        listed = ", ".join(repr(k) for k in known[:10]) or "none"
        raise FormcheckError(f"no sessions of patient {patient!r} in the history; patients recorded: {listed}")
    name = "".join(c if c.isalnum() else "_" for c in patient)
    return progress_report(patient, since, rows), out or Path(f"progress_{name}.html")


def _session(target: str, db: Path | None, out: Path | None) -> tuple[str, Path]:
    from formcheck.io.session_dir import load_session
    from formcheck.report.session_report import session_report

    session_id, name = None, ""
    if target.isdigit() and not Path(target).is_dir():
        from formcheck.history.store import session

        conn = connect(db, create=False)
        try:
            row = session(conn, int(target))
        finally:
            conn.close()
        folder, session_id, name = Path(row["out_dir"]), int(target), row["patient"] or ""
        if not (folder / "summary.json").is_file():
            raise FormcheckError(f"session {target}: its folder {folder} is gone; the report is built from it")
    else:
        folder = Path(target)
    return session_report(load_session(folder), name, session_id), out or folder / "report.html"


def write_report(target: str | None, out: Path | None, pdf: bool, patient: str | None, since: str,
                 db: Path | None) -> list[Path]:  # fmt: skip
    """Write the report; returns the files written."""
    if target is None and patient is None:
        raise FormcheckError("give a SESSION_ID or a session folder, or --patient NAME for a progress report")
    html, where = _progress(patient or "", since, db, out) if target is None else _session(target, db, out)
    blocked = next((p for p in where.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise FormcheckError(f"{blocked}: is a file, not a folder, so {where} cannot be written; choose another --out")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise FormcheckError(f"{where}: cannot write the report ({exc.strerror}); choose another --out") from exc
    written = [where]
    if pdf:
        from formcheck.report.chromium import print_pdf

        print_pdf(where, where.with_suffix(".pdf"))
        written.append(where.with_suffix(".pdf"))
    return written
