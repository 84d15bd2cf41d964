"""Sessions into the history and back out: add a saved session folder, list, export, progress rows."""

from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.io.session_dir import SavedSession


def _patient_id(conn: sqlite3.Connection, name: str) -> int | None:
    if not name:
        return None
    conn.execute("INSERT OR IGNORE INTO patients(name) VALUES (?)", (name,))
    return int(conn.execute("SELECT id FROM patients WHERE name = ?", (name,)).fetchone()[0])


def add_session(conn: sqlite3.Connection, saved: SavedSession, patient: str = "") -> int:
    """Record a whole session in one transaction (all of it or none); re-adding a folder replaces it."""
    s = saved.summary
    out_dir = str(saved.folder.resolve())
    programme = (s.get("programme") or {}).get("title")
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM sessions WHERE out_dir = ?", (out_dir,))
        pid = _patient_id(conn, patient or s.get("patient") or "")
        cur = conn.execute(
            "INSERT INTO sessions(patient_id, started, kind, source, programme, out_dir, duration_s, status, "
            "pain_before, pain_after, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (pid, s.get("started") or "", s.get("kind") or "analyze", s.get("source"), programme, out_dir,
             s.get("duration_s") or (s.get("video") or {}).get("duration_s"), s.get("status", "completed"),
             s.get("pain_before"), s.get("pain_after"), s.get("notes")),
        )  # fmt: skip
        session_id = int(cur.lastrowid or 0)
        for part in saved.parts:
            p = part.summary
            asked = p.get("prescribed") or {}
            cur = conn.execute(
                "INSERT INTO exercises(session_id, name, prescribed_sets, prescribed_reps, prescribed_hold_s, sides, "
                "valid, attempted, frames, frames_counted, views, not_assessed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (session_id, p["exercise"], asked.get("sets"), asked.get("reps") or asked.get("holds"),
                 asked.get("hold_s"), asked.get("sides"),
                 p["reps"] if p.get("attempted_reps") else p.get("holds_completed", 0),
                 p.get("attempted_reps") or sum(len(v) for v in p.get("holds_s", {}).values()),
                 p.get("frames"), p.get("frames_counted"), json.dumps(p.get("views", {})),
                 json.dumps(p.get("not_assessed", {}))),
            )  # fmt: skip
            exercise_id = int(cur.lastrowid or 0)
            for r in part.records:
                hold = r["kind"] == "hold"
                tempo = r.get("tempo") or {}
                cur = conn.execute(
                    "INSERT INTO reps(exercise_id, kind, side, number, set_no, start_s, end_s, range_deg, held_s, "
                    "valid, peak, view, up_s, down_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (exercise_id, r["kind"], r["side"], r["number"], r.get("set"), r["start_s"], r["end_s"],
                     r.get("range_deg"), r.get("held_s"),
                     int(bool(r["completed"] and not r["faults"]) if hold else bool(r["valid"])),
                     json.dumps(r.get("peak") or r.get("mean") or {}), r.get("view"), tempo.get("up_s"),
                     tempo.get("down_s")),
                )  # fmt: skip
                conn.executemany(
                    "INSERT INTO faults(rep_id, rule_id) VALUES (?, ?)", [(cur.lastrowid, f) for f in r["faults"]]
                )
    return session_id


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
