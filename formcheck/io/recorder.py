"""Writes a session (analysed or live) as it happens, so nothing recorded is ever lost.

Layout: landmarks.csv, video.json and events.jsonl at the top, one folder per exercise with angles.csv,
reps.json and summary.json (the top folder itself when there is one exercise), and a session summary.json
that lists those folders as `parts`. Rows are flushed as they come (every frame live, in batches for a file);
reps.json and the summaries are replaced atomically after every rep or hold.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.io.landmarks_csv import LandmarksWriter
from formcheck.io.results import AnglesWriter, FrameCounts, prescribed, summarise, write_json, write_records
from formcheck.io.summary_json import summary_to_json
from formcheck.session.plan import Step
from formcheck.session.view import Event
from formcheck.summary import ExerciseSummary, SessionSummary
from formcheck.types import FrameKinematics, Pose, VideoInfo


@dataclass
class _Part:
    step: Step
    folder: Path
    angles: AnglesWriter
    records: list[RepRecord | HoldRecord] = field(default_factory=list)
    sets: list[int] = field(default_factory=list)
    frames: int = 0
    with_pose: int = 0
    counted: int = 0
    views: Counter[str] = field(default_factory=Counter)
    setup: Counter[str] = field(default_factory=Counter)  # what the setup check asked for, frames with a person
    advice: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class SessionRecorder:
    """The session's files under `out`; `head` holds the session fields of the top summary.json."""

    def __init__(self, out: Path, info: VideoInfo, steps: Sequence[Step], head: SessionSummary,
                 signals: Sequence[str], flush_every: int = 1) -> None:  # fmt: skip
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.steps = list(steps)
        self.head = head
        self.signals = tuple(signals)
        self.single = len(self.steps) == 1
        self._flush_every = flush_every
        self._parts: dict[int, _Part] = {}
        self._landmarks = LandmarksWriter(out / "landmarks.csv", info.width, info.height, info.fps, info.source,
                                          flush_every=flush_every)  # fmt: skip
        self._events: TextIO = (out / "events.jsonl").open("a")
        self._write_session()

    def _part(self, index: int) -> _Part:
        if index not in self._parts:
            folder = self.out if self.single else self.out / f"{index + 1:02d}_{self.steps[index].exercise.name}"
            folder.mkdir(parents=True, exist_ok=True)
            angles = AnglesWriter(folder / "angles.csv", self.signals, self._flush_every)
            self._parts[index] = _Part(self.steps[index], folder, angles)
            write_records(folder / "reps.json", [])
            self._write_part(self._parts[index])
            self._write_session()
        return self._parts[index]

    def pose(self, t: float, index: int, pose: Pose) -> None:
        """One frame's raw landmarks of the person followed."""
        self._landmarks.write(t, index, pose)

    def tick(self, step: int, fk: FrameKinematics, phase: str, counted: bool, setup: str = "") -> None:
        """One frame's kinematics in the current exercise (and what the setup check asked for, if anything)."""
        part = self._part(step)
        part.angles.write(fk, phase)
        part.frames += 1
        part.with_pose += int(fk.assessable)
        # Counted: a person in view and the setup check passed (it stays passed through frames without anyone,
        # which are not counted frames: "counted" never exceeds "with a person").
        part.counted += int(counted and fk.assessable)
        if fk.assessable:
            part.views[fk.view] += 1
            if setup and not counted:
                part.setup[setup] += 1

    def setup_issue(self, step: int) -> str:
        """What the setup check asked for most often while a person was in view and nothing was counted."""
        part = self._parts.get(step)
        return part.setup.most_common(1)[0][0] if part and part.setup else ""

    def events(self, events: Sequence[Event]) -> None:
        """Append events, one JSON object per line."""
        for event in events:
            self._events.write(json.dumps({"t": event.t, "event": event.kind, **event.data}) + "\n")
        if events:
            self._events.flush()

    def record(self, step: int, set_no: int, record: RepRecord | HoldRecord) -> None:
        """A finished rep or hold: reps.json and the summaries are rewritten at once."""
        part = self._part(step)
        part.records.append(record)
        part.sets.append(set_no)
        write_records(part.folder / "reps.json", part.records, part.sets)
        self._write_part(part)
        self._write_session()

    def advise(self, step: int, advice: str) -> None:
        """A point of advice for the exercise (told once, never deciding validity)."""
        part = self._part(step)
        if advice not in part.advice:
            part.advice.append(advice)

    def warn(self, step: int, warning: str) -> None:
        """Something the result rests on that the reader must know (little evidence, a second person…)."""
        part = self._part(step)
        if warning not in part.warnings:
            part.warnings.append(warning)

    def summary(self, index: int) -> ExerciseSummary:
        """The summary of one exercise so far."""
        part = self._parts[index]
        step = part.step
        counts = FrameCounts(part.frames, part.with_pose, part.counted, dict(part.views))
        asked = prescribed(step.exercise, step.sets, step.target, step.hold_s, step.sides, step.rep_s)
        return summarise(step.exercise, part.records, counts, asked, part.advice, part.warnings)

    def records(self, index: int) -> list[RepRecord | HoldRecord]:
        """The reps and holds of one exercise so far."""
        return list(self._parts[index].records) if index in self._parts else []

    def started(self) -> list[int]:
        """The indices of the exercises begun so far (those with files)."""
        return sorted(self._parts)

    def summaries(self) -> list[ExerciseSummary]:
        """The summary of each exercise done so far."""
        return [self.summary(i) for i in self.started()]

    def _write_part(self, part: _Part) -> None:
        if not self.single:
            index = next(i for i, p in self._parts.items() if p is part)
            write_json(part.folder / "summary.json", summary_to_json(None, self.summary(index)))

    def _write_session(self) -> None:
        if self.single:
            body = self.summary(0) if 0 in self._parts else None
            head = replace(self.head, parts=["."])
        else:
            body = None
            head = replace(self.head, parts=[self._parts[i].folder.name for i in sorted(self._parts)])
        write_json(self.out / "summary.json", summary_to_json(head, body))

    def close(self, head: SessionSummary) -> SessionSummary:
        """Close every file and write the final summaries with the session's final fields."""
        self.head = head
        for part in self._parts.values():
            part.angles.close()
            write_records(part.folder / "reps.json", part.records, part.sets)
            self._write_part(part)
        self._landmarks.close()
        self._events.close()
        self._write_session()
        return self.head
