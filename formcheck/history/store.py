"""Sessions into the history and back out: add a saved session folder, list, export, progress rows."""

from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from formcheck.engine.records import HoldRecord
from formcheck.errors import FormcheckError
from formcheck.io.session_dir import SavedPart, SavedSession


def _patient_id(conn: sqlite3.Connection, name: str) -> int | None:
    if not name:
        return None
    conn.execute("INSERT OR IGNORE INTO patients(name) VALUES (?)", (name,))
    return int(conn.execute("SELECT id FROM patients WHERE name = ?", (name,)).fetchone()[0])


def add_session(conn: sqlite3.Connection, saved: SavedSession, patient: str = "", replace: bool = False) -> int:
    """Record a whole session in one transaction (all of it or none).

    A folder already in the history is never replaced silently: that takes `replace=True` (analyze --replace,
    which also replaced the folder); otherwise the session already recorded is kept and this is an error.
    """
    s = saved.summary
    out_dir = str(saved.folder.resolve())
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        old = conn.execute("SELECT id FROM sessions WHERE out_dir = ?", (out_dir,)).fetchone()
        if old is not None and not replace:
            raise FormcheckError(f"{saved.folder}: already in the history as session {old[0]}; it is kept "
                                 "(analyse into a new folder, or pass --replace to replace both)")  # fmt: skip
        conn.execute("DELETE FROM sessions WHERE out_dir = ?", (out_dir,))
        pid = _patient_id(conn, patient or s.patient)
        duration = s.duration_s or (s.video.duration_s if s.video else None)
        programme = s.programme.title if s.programme else None
        cur = conn.execute(
            "INSERT INTO sessions(patient_id, started, kind, source, programme, out_dir, duration_s, status, "
            "pain_before, pain_after, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (pid, s.started, s.kind, s.source, programme, out_dir, duration, s.status, s.pain_before, s.pain_after,
             s.notes),
        )  # fmt: skip
        session_id = int(cur.lastrowid or 0)
        for part in saved.parts:
            _add_part(conn, session_id, part)
    return session_id


def _add_part(conn: sqlite3.Connection, session_id: int, part: SavedPart) -> None:
    p = part.summary
    asked = p.prescribed
    holds = p.motion == "hold"
    cur = conn.execute(
        "INSERT INTO exercises(session_id, name, prescribed_sets, prescribed_reps, prescribed_hold_s, sides, "
        "valid, attempted, frames, frames_counted, views, not_assessed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (session_id, p.exercise, asked.sets, asked.holds if holds else asked.reps, asked.hold_s, asked.sides,
         p.holds_completed if holds else p.reps,
         sum(len(v) for v in p.holds_s.values()) if holds else p.attempted_reps,
         p.frames, p.frames_counted, json.dumps(p.views), json.dumps(p.not_assessed)),
    )  # fmt: skip
    exercise_id = int(cur.lastrowid or 0)
    for record, set_no in zip(part.records, part.sets, strict=True):
        values: tuple[str, float | None, float | None, bool, dict[str, float], float | None, float | None]
        if isinstance(record, HoldRecord):
            values = ("hold", record.held_s, None, record.completed and not record.faults, record.mean, None, None)
        else:
            up, down = round(record.peak_s - record.start_s, 3), round(record.end_s - record.peak_s, 3)
            values = ("rep", None, record.range_deg, record.valid, record.peak, up, down)
        kind, held, range_deg, valid, angles, up_s, down_s = values
        cur = conn.execute(
            "INSERT INTO reps(exercise_id, kind, side, number, set_no, start_s, end_s, range_deg, held_s, "
            "valid, peak, view, up_s, down_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (exercise_id, kind, record.side, record.number, set_no, record.start_s, record.end_s, range_deg, held,
             int(bool(valid)), json.dumps(angles), record.view, up_s, down_s),
        )  # fmt: skip
        conn.executemany("INSERT INTO faults(rep_id, rule_id) VALUES (?, ?)",
                         [(cur.lastrowid, f) for f in record.faults])  # fmt: skip


def sessions(conn: sqlite3.Connection, patient: str | None = None, since: str | None = None) -> list[sqlite3.Row]:
    """Sessions, oldest first, with patient name and per-session totals."""
    where, args = [], []
    if patient:
        where.append("p.name = ?")
        args.append(patient)
    if since:
        where.append("s.started >= ?")
        args.append(since)
    # Only fixed SQL fragments are joined; every value is a bound parameter.
    sql = (
        "SELECT s.*, p.name AS patient, "  # noqa: S608
        "(SELECT group_concat(name, ', ') FROM exercises e WHERE e.session_id = s.id) AS exercises, "
        "(SELECT coalesce(sum(valid), 0) FROM exercises e WHERE e.session_id = s.id) AS valid, "
        "(SELECT coalesce(sum(attempted), 0) FROM exercises e WHERE e.session_id = s.id) AS attempted "
        "FROM sessions s LEFT JOIN patients p ON p.id = s.patient_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.started, s.id"
    )
    return list(conn.execute(sql, args))


def session(conn: sqlite3.Connection, session_id: int) -> sqlite3.Row:
    """One session row, or a clear error."""
    row = conn.execute(
        "SELECT s.*, p.name AS patient FROM sessions s LEFT JOIN patients p ON p.id = s.patient_id WHERE s.id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise FormcheckError(f"no session {session_id} in the history; list them with `formcheck history`")
    return row


EXPORT_COLUMNS = (
    "session_id", "patient", "started", "kind", "programme", "pain_before", "pain_after", "exercise",
    "rep_kind", "side", "set", "number", "start_s", "end_s", "range_deg", "held_s", "up_s", "down_s", "valid",
    "faults", "view",
)  # fmt: skip


def export_csv(conn: sqlite3.Connection, path: Path, patient: str | None = None) -> int:
    """One row per rep or hold, with its session and exercise; returns the number of rows."""
    sql = (  # fixed fragments; the patient is a bound parameter
        "SELECT s.id, p.name, s.started, s.kind, s.programme, s.pain_before, s.pain_after, e.name, r.kind, r.side, "  # noqa: S608
        "r.set_no, r.number, r.start_s, r.end_s, r.range_deg, r.held_s, r.up_s, r.down_s, r.valid, "
        "(SELECT group_concat(rule_id, ';') FROM faults f WHERE f.rep_id = r.id), r.view "
        "FROM reps r JOIN exercises e ON e.id = r.exercise_id JOIN sessions s ON s.id = e.session_id "
        "LEFT JOIN patients p ON p.id = s.patient_id" + (" WHERE p.name = ?" if patient else "")
        + " ORDER BY s.started, s.id, e.id, r.id"
    )  # fmt: skip
    rows = list(conn.execute(sql, (patient,) if patient else ()))
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows([tuple(r) for r in rows])
    return len(rows)


@dataclass(frozen=True)
class ExerciseDay:
    """One exercise in one session, for the progress report."""

    session_id: int
    started: str
    exercise: str
    valid: int
    attempted: int
    prescribed: int | None  # reps (or holds) asked for in total: sets × per side × sides
    mean_range_deg: float | None
    mean_held_s: float | None
    faulty: int  # reps/holds with at least one fault
    pain_before: int | None
    pain_after: int | None


def patients(conn: sqlite3.Connection) -> list[str]:
    """The names of the patients with sessions recorded, in order."""
    rows = conn.execute(
        "SELECT DISTINCT p.name FROM patients p JOIN sessions s ON s.patient_id = p.id ORDER BY p.name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def progress_rows(conn: sqlite3.Connection, patient: str, since: str | None = None) -> list[ExerciseDay]:
    """Per session and exercise: counts, range, hold, faults and pain, oldest first."""
    rows = conn.execute(
        "SELECT s.id, s.started, s.pain_before, s.pain_after, e.id AS eid, e.name, e.valid, e.attempted, "
        "e.prescribed_sets, e.prescribed_reps, e.sides, "
        "(SELECT avg(range_deg) FROM reps r WHERE r.exercise_id = e.id AND r.kind = 'rep') AS range_deg, "
        "(SELECT avg(held_s) FROM reps r WHERE r.exercise_id = e.id AND r.kind = 'hold') AS held_s, "
        "(SELECT count(DISTINCT f.rep_id) FROM faults f JOIN reps r ON r.id = f.rep_id "
        " WHERE r.exercise_id = e.id) AS faulty "
        "FROM sessions s JOIN patients p ON p.id = s.patient_id JOIN exercises e ON e.session_id = s.id "
        "WHERE p.name = ? AND s.started >= ? ORDER BY s.started, s.id, e.id",
        (patient, since or ""),
    ).fetchall()
    out = []
    for r in rows:
        sides = len((r["sides"] or "both").split(","))
        asked = r["prescribed_sets"] * r["prescribed_reps"] * sides if r["prescribed_reps"] else None
        out.append(ExerciseDay(r["id"], r["started"], r["name"], r["valid"], r["attempted"], asked, r["range_deg"],
                               r["held_s"], r["faulty"], r["pain_before"], r["pain_after"]))  # fmt: skip
    return out
