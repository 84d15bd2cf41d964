"""Read back a saved session folder (from analyze or live): summaries, records, angles and landmarks."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.errors import FormcheckError
from formcheck.io.landmarks_csv import read_track
from formcheck.io.results import read_json
from formcheck.io.summary_json import exercise_from_json, record_from_json, session_from_json
from formcheck.summary import ExerciseSummary, SessionSummary
from formcheck.types import PoseTrack


@dataclass(frozen=True)
class SavedPart:
    """One exercise of a session: its summary, its reps/holds (with their set numbers) and its angles."""

    folder: Path
    summary: ExerciseSummary
    records: list[RepRecord | HoldRecord]
    sets: list[int]
    angles: dict[str, np.ndarray]  # column → values (t, frame, and every signal per side; NaN where empty)


@dataclass(frozen=True)
class SavedSession:
    """A whole session folder."""

    folder: Path
    summary: SessionSummary
    parts: list[SavedPart]

    def landmarks(self) -> PoseTrack | None:
        """The raw landmarks, when the folder has them."""
        path = self.folder / "landmarks.csv"
        return read_track(path) if path.is_file() else None

    def video(self) -> Path | None:
        """A video of the session to take stills from: the analysed file or the live recording."""
        for value in (self.summary.recording, self.summary.source):
            if value and Path(value).is_file() and Path(value).suffix.lower() != ".csv":
                return Path(value)
        return None


def _angles(path: Path) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        names = reader.fieldnames or []
    out: dict[str, np.ndarray] = {}
    for name in names:
        values = [row[name] for row in rows]
        try:
            out[name] = np.array([float(v) if v not in ("", None) else math.nan for v in values])
        except ValueError:
            out[name] = np.array(values, dtype=object)  # text columns: view, facing, posture, phase
    return out


def _json(path: Path) -> object:
    try:
        return read_json(path)
    except (OSError, ValueError) as exc:
        raise FormcheckError(f"{path}: not readable JSON ({exc}); the session folder is damaged") from exc


def load_session(folder: Path) -> SavedSession:
    """Load a session folder; a clear error when it is not one."""
    top = folder / "summary.json"
    if not top.is_file():
        raise FormcheckError(f"{folder}: no summary.json here; give a folder written by analyze or live")
    data = _json(top)
    summary = session_from_json(data, top)
    parts = []
    for name in summary.parts:
        sub = (folder / name).resolve()
        where = sub / "summary.json"
        exercise = exercise_from_json(data if name == "." else _json(where), where)
        if exercise is None:
            continue  # a live session stopped before its first exercise started
        rows = _json(sub / "reps.json") if (sub / "reps.json").is_file() else []
        rows = rows if isinstance(rows, list) else []
        records = [record_from_json(r, sub / "reps.json") for r in rows]
        sets = [int(r.get("set", 1)) if isinstance(r, dict) else 1 for r in rows]
        parts.append(SavedPart(sub, exercise, records, sets, _angles(sub / "angles.csv")))
    return SavedSession(folder, summary, parts)
