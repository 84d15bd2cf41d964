"""Writes a live session as it happens, in the files analyze writes, so nothing recorded is ever lost.

Layout: landmarks.csv, video.json and events.jsonl at the top, one folder per exercise with angles.csv,
reps.json and summary.json (the top folder itself when there is one exercise), and a session summary.json
that lists those folders as `parts`. Every file is flushed per frame or replaced atomically per record.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.io.landmarks_csv import LandmarksWriter
from formcheck.io.results import (
    AnglesWriter,
    FrameCounts,
    prescribed,
    read_json,
    summarise,
    write_json,
    write_records,
)
from formcheck.live.coach import Event, Step
from formcheck.types import FrameKinematics, VideoInfo


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


class SessionRecorder:
    """The session's files under `out`; `session` holds the fields of the top summary.json."""

    def __init__(self, out: Path, info: VideoInfo, steps: list[Step], session: dict[str, Any]) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.steps = steps
        self.session = dict(session)
        self.single = len(steps) == 1
        self._parts: dict[int, _Part] = {}
        self._landmarks = LandmarksWriter(out / "landmarks.csv", info.width, info.height, info.fps, info.source)
        self._events: TextIO = (out / "events.jsonl").open("a")
        self._write_session("in progress")

    def _folder(self, index: int) -> Path:
        return self.out if self.single else self.out / f"{index + 1:02d}_{self.steps[index].exercise.name}"

    def _part(self, index: int) -> _Part:
        if index not in self._parts:
            folder = self._folder(index)
            folder.mkdir(parents=True, exist_ok=True)
            self._parts[index] = _Part(self.steps[index], folder, AnglesWriter(folder / "angles.csv"))
            write_records(folder / "reps.json", [])
            self._write_part(self._parts[index])
            self._write_session("in progress")
        return self._parts[index]

    def frame(self, step: int, xyzv: np.ndarray, fk: FrameKinematics, phase: str, counted: bool) -> None:
        """One processed frame: its raw landmarks and its kinematics in the current exercise."""
        self._landmarks.write(fk.t, fk.index, xyzv)
        part = self._part(step)
        part.angles.write(fk, phase)
        part.frames += 1
        part.with_pose += int(fk.assessable)
        part.counted += int(counted)
        if fk.assessable:
            part.views[fk.view] += 1

    def events(self, events: list[Event]) -> None:
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
        self._write_session("in progress")

    def _part_summary(self, part: _Part) -> dict[str, Any]:
        step = part.step
        counts = FrameCounts(part.frames, part.with_pose, part.counted, dict(part.views))
        sides = ("both",) if step.exercise.sides == "both" else ("left", "right")
        asked = prescribed(step.exercise, step.sets, step.target, step.hold_s, step.sides)
        extra = {k: v for k, v in self.session.items() if k in ("source", "model", "programme")}
        return summarise(step.exercise, part.records, counts, sides, {**extra, "prescribed": asked, "warnings": []})

    def _write_part(self, part: _Part) -> None:
        if not self.single:
            write_json(part.folder / "summary.json", self._part_summary(part))

    def _write_session(self, status: str) -> None:
        head = {**self.session, "kind": "live", "status": status}
        if self.single:
            part = self._parts.get(0)
            body = self._part_summary(part) if part else {}
            write_json(self.out / "summary.json", {**body, **head, "parts": ["."]})
        else:
            parts = [self._parts[i].folder.name for i in sorted(self._parts)]
            write_json(self.out / "summary.json", {**head, "parts": parts})

    def close(self, status: str, extra: dict[str, Any]) -> dict[str, Any]:
        """Close every file and write the final summaries; returns the session summary."""
        self.session.update(extra)
        for part in self._parts.values():
            part.angles.close()
            write_records(part.folder / "reps.json", part.records, part.sets)
            self._write_part(part)
        self._landmarks.close()
        self._events.close()
        self._write_session(status)
        return read_json(self.out / "summary.json")

    def part_summaries(self) -> list[dict[str, Any]]:
        """The summary of each exercise done so far."""
        return [self._part_summary(self._parts[i]) for i in sorted(self._parts)]
