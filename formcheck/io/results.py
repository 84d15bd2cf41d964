"""The result files analyze and the live session write: angles.csv, reps.json, summary.json."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.describe import as_dict
from formcheck.exercises.spec import Exercise
from formcheck.kinematics.angles import SIGNALS
from formcheck.types import FrameKinematics

ANGLE_COLUMNS: tuple[str, ...] = (
    "t", "frame", "assessable", "view", "facing", "posture", "segment", "phase",
    *(f"{s}_{side}" for s in SIGNALS for side in ("left", "right")),
)  # fmt: skip


class AnglesWriter:
    """angles.csv, one row per frame, flushed as it goes."""

    def __init__(self, path: Path) -> None:
        self._file: TextIO = path.open("w", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(ANGLE_COLUMNS)

    def write(self, fk: FrameKinematics, phase: str) -> None:
        """One frame and the engine's phase in it."""
        values = [fk.signals[s][i] for s in SIGNALS for i in (0, 1)]
        self._writer.writerow(
            [f"{fk.t:.4f}", fk.index, int(fk.assessable), fk.view, fk.facing, fk.posture, fk.segment, phase,
             *("" if not math.isfinite(v) else f"{v:.2f}" for v in values)]
        )  # fmt: skip
        self._file.flush()

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def write_records(path: Path, records: list[RepRecord | HoldRecord], sets: list[int] | None = None) -> None:
    """reps.json: one record per rep or hold (with its set number in a live session), written atomically."""
    rows = [r.to_json() for r in records]
    for row, set_no in zip(rows, sets or [], strict=False):
        row["set"] = set_no
    write_json(path, rows)


def write_json(path: Path, content: object) -> None:
    """Replace a JSON file atomically: a crash leaves the old or the new file, never half of one."""
    tmp = path.with_suffix(".json.partial")
    tmp.write_text(json.dumps(content, indent=2) + "\n")
    tmp.replace(path)


@dataclass(frozen=True)
class FrameCounts:
    """How many frames there were, with a person, and assessable for the exercise."""

    frames: int
    with_pose: int
    counted: int
    views: dict[str, int]


def prescribed(exercise: Exercise, sets: int, target: int | None, hold_s: float | None,
               sides: tuple[str, ...]) -> dict[str, Any]:  # fmt: skip
    """What was asked for: sets, reps (or holds) per side per set, hold time, sides."""
    reps = exercise.kind == "reps"
    return {"sets": sets, "reps": target if reps else None, "holds": None if reps else (target or 1),
            "hold_s": hold_s, "sides": ",".join(sides)}  # fmt: skip


def summarise(
    exercise: Exercise,
    records: list[RepRecord | HoldRecord],
    counts: FrameCounts,
    sides: tuple[str, ...],
    extra: dict[str, Any],
) -> dict[str, Any]:
    """summary.json content."""
    reps = [r for r in records if isinstance(r, RepRecord)]
    holds = [r for r in records if isinstance(r, HoldRecord)]
    faults = Counter(f for r in records for f in r.faults)
    not_assessed = Counter(f for r in records for f in r.not_assessed)
    return {
        "exercise": exercise.name,
        "title": exercise.title,
        "motion": exercise.kind,
        "reps": sum(r.valid for r in reps),
        "attempted_reps": len(reps),
        "reps_by_side": {
            s: {"valid": sum(r.valid for r in reps if r.side == s), "attempted": sum(r.side == s for r in reps)}
            for s in sides
        },
        "holds_s": {s: [h.held_s for h in holds if h.side == s] for s in sides},
        "holds_completed": sum(h.completed for h in holds),
        "faults": dict(sorted(faults.items())),
        "not_assessed": dict(sorted(not_assessed.items())),
        "frames": counts.frames,
        "frames_with_pose": counts.with_pose,
        "frames_counted": counts.counted,
        "views": counts.views,
        "rules": as_dict(exercise)["rules"],  # as applied (programme overrides included), for the report
        **extra,
    }


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """summary.json, written atomically."""
    write_json(path, summary)


def read_json(path: Path) -> Any:
    """A JSON file written by formcheck."""
    return json.loads(path.read_text())
