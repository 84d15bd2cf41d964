"""Read back a saved session folder (from analyze or live): summaries, records, angles and landmarks."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from formcheck.errors import FormcheckError
from formcheck.io.landmarks_csv import read_track
from formcheck.io.results import read_json
from formcheck.types import PoseTrack


@dataclass(frozen=True)
class SavedPart:
    """One exercise of a session: its summary, its reps/holds and its per-frame angles."""

    folder: Path
    summary: dict[str, Any]
    records: list[dict[str, Any]]
    angles: dict[str, np.ndarray]  # column → values (t, frame, and every signal per side; NaN where empty)


@dataclass(frozen=True)
class SavedSession:
    """A whole session folder."""

    folder: Path
    summary: dict[str, Any]  # the top summary.json (session fields)
    parts: list[SavedPart]

    def landmarks(self) -> PoseTrack | None:
        """The raw landmarks, when the folder has them."""
        path = self.folder / "landmarks.csv"
        return read_track(path) if path.is_file() else None

    def video(self) -> Path | None:
        """A video of the session to take stills from: the analysed file or the live recording."""
        for key in ("recording", "source"):
            value = self.summary.get(key)
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


def load_session(folder: Path) -> SavedSession:
    """Load a session folder; a clear error when it is not one."""
    top = folder / "summary.json"
    if not top.is_file():
        raise FormcheckError(f"{folder}: no summary.json here; give a folder written by analyze or live")
    try:
        summary = read_json(top)
    except ValueError as exc:
        raise FormcheckError(f"{top}: not valid JSON ({exc}); the session folder is damaged") from exc
    parts = []
    for name in summary.get("parts", ["."]):
        sub = (folder / name).resolve()
        part_summary = summary if name == "." else read_json(sub / "summary.json")
        if "exercise" not in part_summary:
            continue  # a live session stopped before its first exercise started
        records = read_json(sub / "reps.json") if (sub / "reps.json").is_file() else []
        parts.append(SavedPart(sub, part_summary, records, _angles(sub / "angles.csv")))
    return SavedSession(folder, summary, parts)
