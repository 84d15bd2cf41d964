"""The result files analyze and the live session write: angles.csv, reps.json, summary.json; and the one
place a per-exercise summary is built from the records."""

from __future__ import annotations

import csv
import json
import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.describe import rule_info
from formcheck.exercises.spec import Exercise
from formcheck.io.summary_json import record_to_json
from formcheck.summary import ExerciseSummary, Prescription, SideCount
from formcheck.types import FrameKinematics

FRAME_COLUMNS: tuple[str, ...] = ("t", "frame", "assessable", "view", "facing", "posture", "segment", "phase")


class AnglesWriter:
    """angles.csv, one row per frame: the frame's view and phase, then every signal per side."""

    def __init__(self, path: Path, signals: Sequence[str], flush_every: int = 1) -> None:
        self.signals = tuple(signals)
        self._file: TextIO = path.open("w", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow((*FRAME_COLUMNS, *(f"{s}_{side}" for s in self.signals for side in ("left", "right"))))
        self._flush_every = flush_every
        self._rows = 0

    def write(self, fk: FrameKinematics, phase: str) -> None:
        """One frame and the engine's phase in it."""
        values = [fk.signals[s][i] if s in fk.signals else math.nan for s in self.signals for i in (0, 1)]
        self._writer.writerow(
            [f"{fk.t:.4f}", fk.index, int(fk.assessable), fk.view, fk.facing, fk.posture, fk.segment, phase,
             *("" if not math.isfinite(v) else f"{v:.2f}" for v in values)]
        )  # fmt: skip
        self._rows += 1
        if self._rows % self._flush_every == 0:
            self._file.flush()

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def write_records(path: Path, records: Sequence[RepRecord | HoldRecord], sets: Sequence[int] | None = None) -> None:
    """reps.json: one record per rep or hold (with its set number in a live session), written atomically."""
    numbers: list[int | None] = list(sets) if sets else [None] * len(records)
    write_json(path, [record_to_json(r, n) for r, n in zip(records, numbers, strict=True)])


def write_json(path: Path, content: object) -> None:
    """Replace a JSON file atomically: a crash leaves the old or the new file, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    tmp.write_text(json.dumps(content, indent=2) + "\n")
    tmp.replace(path)


def read_json(path: Path) -> object:
    """A JSON file written by formcheck."""
    return json.loads(path.read_text())


@dataclass(frozen=True)
class FrameCounts:
    """How many frames there were, with a person, and assessable for the exercise."""

    frames: int
    with_pose: int
    counted: int
    views: dict[str, int]


def prescribed(exercise: Exercise, sets: int, target: int | None, hold_s: float | None, sides: tuple[str, ...],
               rep_s: float | None = None) -> Prescription:  # fmt: skip
    """What was asked for: sets, reps (or holds) per side per set, hold time, sides, tempo."""
    reps = exercise.kind == "reps"
    return Prescription(sets=sets, reps=target if reps else None, holds=None if reps else (target or 1),
                        hold_s=hold_s, sides=",".join(sides), rep_s=rep_s)  # fmt: skip


def summarise(exercise: Exercise, records: Sequence[RepRecord | HoldRecord], counts: FrameCounts, asked: Prescription,
              advice: Sequence[str] = (), warnings: Sequence[str] = ()) -> ExerciseSummary:  # fmt: skip
    """The per-exercise summary (summary.json) from its records: the one place it is built."""
    sides = ("both",) if exercise.sides == "both" else ("left", "right")
    reps = [r for r in records if isinstance(r, RepRecord)]
    holds = [r for r in records if isinstance(r, HoldRecord)]
    return ExerciseSummary(
        exercise=exercise.name,
        title=exercise.title,
        motion=exercise.kind,
        reps=sum(r.valid for r in reps),
        attempted_reps=len(reps),
        partial_reps=sum(bool(r.partial) for r in reps),
        reps_by_side={
            s: SideCount(sum(r.valid for r in reps if r.side == s), sum(r.side == s for r in reps)) for s in sides
        },
        holds_s={s: [h.held_s for h in holds if h.side == s] for s in sides},
        holds_completed=sum(h.completed for h in holds),
        faults=dict(sorted(Counter(f for r in records for f in r.faults).items())),
        not_assessed=dict(sorted(Counter(f for r in records for f in r.not_assessed).items())),
        advice=list(advice),
        frames=counts.frames,
        frames_with_pose=counts.with_pose,
        frames_counted=counts.counted,
        views=dict(counts.views),
        prescribed=asked,
        rules=[rule_info(r) for r in exercise.rules],
        warnings=list(warnings),
    )
