"""Landmark tracks through the session core, as analyze feeds it (no model, no files)."""

from __future__ import annotations

from pathlib import Path

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.spec import Exercise
from formcheck.session.core import SessionCore, Tick
from formcheck.session.plan import steps_for
from formcheck.types import People, PoseTrack


def ticks_of(exercise: Exercise, track: PoseTrack) -> tuple[list[Tick], list[RepRecord | HoldRecord]]:
    """Every tick and every record of an unguided core fed the whole track."""
    core = SessionCore(steps_for(exercise, None), track.width, track.height, guided=False)
    ticks: list[Tick] = []
    for i in range(len(track)):
        pose = track.pose(i)
        ticks += core.feed(float(track.t[i]), int(track.frame[i]), People((pose,) if pose.found else (), 1))[1]
    ticks += core.stop("")
    return ticks, [k.record for k in core.kept]


def judge(exercise: Exercise, track: PoseTrack) -> list[RepRecord | HoldRecord]:
    """The reps and holds the core finds in a track."""
    return ticks_of(exercise, track)[1]


def session_folder(track: PoseTrack, folder: Path, exercise: Exercise, fps: float = 15.0, **head: object) -> Path:
    """A session folder as `formcheck analyze --landmarks` writes it, from a track (no model)."""
    from formcheck.analyze import Request, analyze_landmarks
    from formcheck.io.landmarks_csv import write_track
    from formcheck.summary import SessionSummary

    source = folder.parent / f"{folder.name}_landmarks"
    source.mkdir(parents=True, exist_ok=True)
    write_track(source / "landmarks.csv", track, fps, "rig")
    request = Request(steps_for(exercise, None)[0], folder, head=SessionSummary(**head))  # type: ignore[arg-type]
    return analyze_landmarks(source / "landmarks.csv", request).folder
