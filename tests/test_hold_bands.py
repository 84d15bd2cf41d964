"""A hold's posture bands can be declared for some views only (the pigeon's back leg facing the camera)."""

from __future__ import annotations

from formcheck.engine.engine import ExerciseEngine
from formcheck.engine.records import HoldRecord
from formcheck.exercises.catalogue import get
from formcheck.kinematics.stream import SIGNAL_NAMES
from formcheck.landmarks import NAMES
from formcheck.types import FrameKinematics

FPS = 15.0


def pigeon_hold(view: str, seconds: float = 6.0) -> list[HoldRecord]:
    # The left leg folded in front (knee 110°), the right one stretched back with its knee straight (10°) but its
    # hip extension unseen (-5°, as a pigeon facing the camera reads).
    signals = dict.fromkeys(SIGNAL_NAMES, (0.0, 0.0))
    signals.update(knee_flexion=(110.0, 10.0), hip_flexion=(40.0, -5.0))
    engine = ExerciseEngine(get("pigeon"), ready_after_s=0.0)
    for n in range(int(seconds * FPS)):
        fk = FrameKinematics(t=n / FPS, index=n, signals=signals, view=view, facing="left", posture="upright",
                             assessable=True, segment=0, visible=frozenset(NAMES))  # fmt: skip
        engine.update(fk)
    return [r for r in engine.finish() if isinstance(r, HoldRecord)]


def test_facing_the_camera_the_pigeon_is_timed_on_the_back_knee_side_on_on_the_back_hip() -> None:
    front = pigeon_hold("front")
    assert [r.side for r in front] == ["left"] and front[0].held_s > 5.0
    assert pigeon_hold("side") == []  # side-on the back hip shows, and -5° is not extended


def test_at_an_angle_the_pigeon_is_read_from_the_world_landmarks() -> None:
    # 30° toward its front the picture folds the bent knee (70°, under the posture's 80°) where the world landmarks
    # read it 87° (a rendered pigeon, benchmarks/counting.py --rendered --fresh); the back hip extended in both.
    signals = dict.fromkeys(SIGNAL_NAMES, (0.0, 0.0))
    signals.update(knee_flexion=(70.0, 14.0), knee_flexion_3d=(87.0, 22.0), hip_flexion=(76.0, -36.0),
                   hip_flexion_3d=(82.0, -31.0))  # fmt: skip
    held = []
    for view in ("oblique", "side"):
        engine = ExerciseEngine(get("pigeon"), ready_after_s=0.0)
        for n in range(int(6.0 * FPS)):
            fk = FrameKinematics(t=n / FPS, index=n, signals=signals, view=view, facing="left", posture="upright",
                                 assessable=True, segment=0, visible=frozenset(NAMES))  # fmt: skip
            engine.update(fk)
        held.append([r.side for r in engine.finish() if isinstance(r, HoldRecord)])
    assert held == [["left"], []]  # side-on the picture's own 70° is what counts, and it is not folded enough
