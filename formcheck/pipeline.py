"""The one pipeline: source → pose → kinematics → engine → sinks, shared by analyze and live."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from formcheck.engine.engine import ExerciseEngine
from formcheck.engine.records import FrameResult, HoldRecord, RepRecord
from formcheck.exercises.spec import Exercise
from formcheck.landmarks import NAMES
from formcheck.pose.estimator import PoseEstimator
from formcheck.types import Frame, FrameKinematics, PoseTrack


@dataclass
class StageTimes:
    """Seconds spent per stage, for the benchmark and the summary."""

    decode: float = 0.0
    pose: float = 0.0
    kinematics_engine: float = 0.0
    drawing: float = 0.0
    encode: float = 0.0
    frames: int = 0
    multi_person_frames: int = 0


def extract_poses(
    frames: Iterable[Frame],
    estimator: PoseEstimator,
    width: int,
    height: int,
    times: StageTimes,
    on_frame: Callable[[int], None] | None = None,
    on_pose: Callable[[float, int, np.ndarray], None] | None = None,
) -> PoseTrack:
    """Run the pose model over every frame; frames without a person get NaN landmarks."""
    ts: list[float] = []
    idx: list[int] = []
    rows: list[np.ndarray] = []
    iterator = iter(frames)
    while True:
        t0 = time.perf_counter()
        frame = next(iterator, None)
        t1 = time.perf_counter()
        if frame is None:
            break
        pose, people = estimator.estimate(frame)
        t2 = time.perf_counter()
        times.decode += t1 - t0
        times.pose += t2 - t1
        times.frames += 1
        times.multi_person_frames += int(people > 1)
        ts.append(frame.t)
        idx.append(frame.index)
        rows.append(pose.xyzv)
        if on_pose is not None:
            on_pose(frame.t, frame.index, pose.xyzv)
        if on_frame is not None:
            on_frame(frame.index)
    xyzv = np.stack(rows) if rows else np.zeros((0, len(NAMES), 4))
    return PoseTrack(np.asarray(ts, float), np.asarray(idx, int), xyzv, width, height)


def run_engine(
    exercise: Exercise, frames: Iterable[FrameKinematics]
) -> tuple[list[FrameResult], list[RepRecord | HoldRecord]]:
    """Feed a whole file's kinematics through a fresh engine (a file: no settling-in time needed)."""
    engine = ExerciseEngine(exercise, ready_after_s=0.0)
    results = [engine.update(fk) for fk in frames]
    return results, engine.finish()
