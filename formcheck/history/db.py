"""The history database: one SQLite file, WAL journal, schema versioned by numbered migrations."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from formcheck.errors import FormcheckError

ENV = "FORMCHECK_HISTORY"
BUSY_TIMEOUT_MS = 10_000  # a second writer waits for the first instead of failing

# Each migration takes the schema from version i to i + 1; never edit one that has shipped, add another.
MIGRATIONS: tuple[str, ...] = (
    # 1: patients, sessions, exercises, reps/holds and their faults
    """
    CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients(id),
        started TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT,
        programme TEXT,
        out_dir TEXT,
        duration_s REAL,
        status TEXT
    );
    CREATE TABLE exercises (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        prescribed_sets INTEGER,
        prescribed_reps INTEGER,
        prescribed_hold_s REAL,
        sides TEXT,
        valid INTEGER NOT NULL,
        attempted INTEGER NOT NULL,
        frames INTEGER,
        frames_counted INTEGER,
        views TEXT,
        not_assessed TEXT
    );
    CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        side TEXT NOT NULL,
        number INTEGER NOT NULL,
        start_s REAL,
        end_s REAL,
        range_deg REAL,
        held_s REAL,
        valid INTEGER NOT NULL,
        peak TEXT,
        view TEXT
    );
    CREATE TABLE faults (
        rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL
    );
    """,
    # 2: pain before/after and notes on sessions; set number and tempo on reps; indexes for the reports
    """
    ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
    ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
    ALTER TABLE sessions ADD COLUMN notes TEXT;
    ALTER TABLE reps ADD COLUMN set_no INTEGER;
    ALTER TABLE reps ADD COLUMN up_s REAL;
    ALTER TABLE reps ADD COLUMN down_s REAL;
    CREATE INDEX sessions_by_patient ON sessions(patient_id, started);
    CREATE INDEX exercises_by_session ON exercises(session_id);
    CREATE INDEX reps_by_exercise ON reps(exercise_id);
    CREATE INDEX faults_by_rep ON faults(rep_id);
    """,
)
VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """$FORMCHECK_HISTORY, else history.sqlite in the user's data folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "formcheck" / "history.sqlite"


def migrate(conn: sqlite3.Connection, upto: int = VERSION) -> int:
    """Bring the schema up to version `upto`, one transaction per migration; returns the version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > VERSION:
        raise FormcheckError(
            f"the history database is from a newer formcheck (schema {version}, this one knows {VERSION}); upgrade"
        )
    for number in range(version, upto):
        with conn:  # BEGIN … COMMIT: a migration is applied whole or not at all
            conn.execute("BEGIN IMMEDIATE")
            # Read again inside the write lock: another process may have migrated while this one waited.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > number:
                continue
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
    return max(version, upto)


class NoHistory(FormcheckError):
    """A command that only reads the history found no database file (nothing was created)."""


def connect(path: Path | None = None, upto: int = VERSION, create: bool = True) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the history database. `create=False` (commands that only read):
    a missing file is NoHistory, and nothing is made: a mistyped --db must not leave a new database behind."""
    given = path is not None
    path = path or default_path()
    if not create and not path.exists():
        where = "check --db" if given else "nothing has been recorded on this machine yet"
        raise NoHistory(f"{path}: no history database there ({where}; one is made when a session is recorded)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FormcheckError(f"{path.parent}: cannot create the history folder ({exc.strerror}); use --db") from exc
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _open(path, upto)
        except sqlite3.OperationalError as exc:
            # Two processes creating the file at once: switching a new file to WAL does not wait for the other.
            if "locked" in str(exc) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise FormcheckError(f"{path}: the history cannot be opened ({exc}); try again, or use --db") from exc
        except sqlite3.DatabaseError as exc:
            raise FormcheckError(
                f"{path}: not a formcheck history database ({exc}); move it aside or use --db"
            ) from exc


def _open(path: Path, upto: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise FormcheckError(f"{path}: could not switch the history to WAL mode (a network drive?)")
        conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at checkpoints, never corrupt
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, upto)
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn
