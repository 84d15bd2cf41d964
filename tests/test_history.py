"""The history database: sessions in and out, migrations from an older file, crash and concurrency safety."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from formcheck.errors import FormcheckError
from formcheck.exercises.catalogue import get
from formcheck.history.db import MIGRATIONS, VERSION, connect
from formcheck.history.store import add_session, export_csv, progress_rows, sessions
from formcheck.io.session_dir import load_session
from tests.conftest import ROOT
from tests.replay import session_folder
from tests.test_engine import squat_track


def rig_session(folder: Path, fault: str | None = None, **context: object) -> Path:
    """A session folder from a stick figure doing three squats (no model, no renderer), as analyze writes it;
    fault="trunk_lean" leans the trunk in rep 2."""
    faults = [{}, {"trunk_lean": 60.0}, {}] if fault == "trunk_lean" else None
    return session_folder(squat_track(3, rep_s=2.4, faults=faults), folder, get("squat"), fps=30.0, **context)


def test_session_in_and_out(tmp_path: Path) -> None:
    folder = rig_session(tmp_path / "s", fault="trunk_lean", patient="P-7", pain_before=4, pain_after=3,
                         started="2026-11-01T10:00:00+00:00")  # fmt: skip
    conn = connect(tmp_path / "h.sqlite")
    sid = add_session(conn, load_session(folder))
    [row] = sessions(conn, "P-7")
    assert (row["id"], row["patient"], row["valid"], row["attempted"]) == (sid, "P-7", 2, 3)
    assert (row["pain_before"], row["pain_after"]) == (4, 3)
    faults = conn.execute("SELECT r.number, f.rule_id FROM faults f JOIN reps r ON r.id = f.rep_id").fetchall()
    assert [tuple(f) for f in faults] == [(2, "squat.trunk_lean")]
    with pytest.raises(FormcheckError, match="already in the history as session"):
        add_session(conn, load_session(folder))  # never replaced silently: the session recorded is kept
    add_session(conn, load_session(folder), replace=True)  # analyze --replace: replaced on purpose
    assert len(sessions(conn)) == 1 and conn.execute("SELECT count(*) FROM reps").fetchone()[0] == 3
    n = export_csv(conn, tmp_path / "h.csv")
    lines = (tmp_path / "h.csv").read_text().splitlines()
    assert n == 3 == len(lines) - 1 and lines[0].startswith("session_id,patient,started")
    assert "squat.trunk_lean" in lines[2]
    [day] = progress_rows(conn, "P-7")
    assert (day.valid, day.attempted, day.faulty, day.prescribed) == (2, 3, 1, 20)


def test_migrations_bring_an_older_file_up_to_date_and_keep_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = connect(path, upto=1)  # a database as the first schema made it
    old.execute("INSERT INTO patients(name) VALUES ('P-1')")
    old.execute("INSERT INTO sessions(patient_id, started, kind, out_dir) VALUES (1, '2026-10-01', 'analyze', '/x')")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION == len(MIGRATIONS)
    [row] = sessions(conn, "P-1")
    assert row["started"] == "2026-10-01" and row["pain_before"] is None  # old row kept, new columns empty
    add_session(conn, load_session(rig_session(tmp_path / "s", patient="P-1", pain_before=2)))
    assert [r["pain_before"] for r in sessions(conn, "P-1")] == [None, 2]


def test_newer_or_foreign_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    sqlite3.connect(newer).execute("PRAGMA user_version = 99").connection.close()
    with pytest.raises(FormcheckError, match="newer formcheck"):
        connect(newer)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(FormcheckError, match="not a formcheck history database"):
        connect(junk)


WRITER = """
import sys, dataclasses
from pathlib import Path
from formcheck.history.db import connect
from formcheck.history.store import add_session
from formcheck.io.session_dir import load_session
saved = load_session(Path(sys.argv[2]))
conn = connect(Path(sys.argv[1]))
for i in range(int(sys.argv[4])):
    add_session(conn, dataclasses.replace(saved, folder=Path(f"/sessions/{sys.argv[3]}-{i}")))
"""


def _check_whole(db: Path) -> int:
    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not conn.execute("PRAGMA foreign_key_check").fetchall()
    counts = conn.execute(
        "SELECT s.id, count(DISTINCT e.id), count(r.id) FROM sessions s LEFT JOIN exercises e ON e.session_id = s.id "
        "LEFT JOIN reps r ON r.exercise_id = e.id GROUP BY s.id"
    ).fetchall()
    assert all(tuple(c)[1:] == (1, 3) for c in counts), counts  # every session whole: 1 exercise, 3 reps
    return len(counts)


def test_history_survives_a_writer_killed_mid_insert(tmp_path: Path) -> None:
    folder = rig_session(tmp_path / "s", patient="P-9")
    db = tmp_path / "h.sqlite"
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(folder), "k", "100000"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.3)
        with sqlite3.connect(db, timeout=10) as probe:
            if probe.execute("SELECT count(*) FROM sessions").fetchone()[0] >= 20:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _check_whole(db) >= 20


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = rig_session(tmp_path / "s")
    db = tmp_path / "h.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(folder), name, "25"], cwd=ROOT)
             for name in ("a", "b")]  # fmt: skip
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert _check_whole(db) == 50


def test_history_cli_lists_and_exports(tmp_path: Path) -> None:
    from tests.test_cli import formcheck

    folder = rig_session(tmp_path / "s", patient="P-3", pain_before=5)
    db = tmp_path / "h.sqlite"
    out = tmp_path / "again"
    added = formcheck("analyze", "--landmarks", str(folder / "landmarks.csv"), "-e", "squat", "--patient", "P-3",
                      "--pain-after", "2", "--db", str(db), "--out", str(out))  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "history: session 1" in added.stdout
    listed = formcheck("history", "--patient", "P-3", "--db", str(db))
    assert "P-3" in listed.stdout and "squat" in listed.stdout and "3/3" in listed.stdout
    exported = formcheck("history", "export", "--out", str(tmp_path / "x.csv"), "--db", str(db))
    assert "wrote 3 rows" in exported.stdout
    summary = json.loads((out / "summary.json").read_text())
    assert summary["pain_after"] == 2 and summary["patient"] == "P-3"
