"""Replay the pose stage's cached output for a labelled clip through the session core (no model)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.poses_cache import extract  # noqa: E402
from formcheck.engine import reps as tracker  # noqa: E402
from formcheck.engine.records import HoldRecord, RepRecord  # noqa: E402
from formcheck.exercises.catalogue import get  # noqa: E402
from formcheck.kinematics.stream import FILE_BATCH  # noqa: E402
from formcheck.session.core import SessionCore  # noqa: E402
from formcheck.session.plan import steps_for  # noqa: E402
from formcheck.types import People, Pose  # noqa: E402


@dataclass(frozen=True)
class Replayed:
    """What the core made of a clip."""

    records: list[RepRecord | HoldRecord]
    frames: int
    with_pose: int
    multi: int


def people_frames(clip: Path, model: str = "full") -> tuple[dict[str, np.ndarray], list[People]]:
    """The cached pose-stage output of a clip (extracted with the model on first use)."""
    data = dict(np.load(extract(clip, model)))  # decompressed once
    xyzv, world, counted = data["xyzv"], data["world"], data["counted"]
    frames = []
    for i in range(len(data["t"])):
        poses = tuple(
            Pose(xyzv[i, k], world[i, k]) for k in range(xyzv.shape[1]) if np.isfinite(xyzv[i, k, :, 0]).any()
        )
        frames.append(People(poses, int(counted[i])))
    return data, frames


def replay(clip: Path, exercise: str, model: str = "full") -> Replayed:
    """Feed the cached frames through a fresh unguided core, as analyze does."""
    data, frames = people_frames(clip, model)
    width, height = (int(v) for v in data["size"])
    core = SessionCore(steps_for(get(exercise), None), width, height, guided=False, batch=FILE_BATCH)
    with_pose = 0
    for t, index, people in zip(data["t"], data["frame"], frames, strict=True):
        pose, _ = core.feed(float(t), int(index), people)
        with_pose += int(pose.found)
    core.stop("")
    return Replayed([k.record for k in core.kept], len(frames), with_pose, core.people.multi_frames)


@contextmanager
def without_small_range() -> Iterator[None]:
    """The counting as it was before stop 30: no search for a person's small reps (formcheck.engine.small_range)."""
    real = tracker.SmallRange
    tracker.SmallRange = lambda *args, **kwargs: None  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        tracker.SmallRange = real  # type: ignore[misc]
