"""The causal (live) kinematics path feeds the same engine and counts what the offline path counts."""

from __future__ import annotations

import numpy as np

from formcheck.engine.engine import ExerciseEngine
from formcheck.exercises.catalogue import get
from formcheck.kinematics.track import LiveKinematics
from tests.stick import Body, reps, track
from tests.test_engine import squat_track


def run_live(name: str, tr, drop: slice | None = None) -> list:  # type: ignore[no-untyped-def]
    live = LiveKinematics(tr.width, tr.height)
    engine = ExerciseEngine(get(name))  # live: 0.5 s of good setup before counting
    xyzv = tr.xyzv.copy()
    if drop is not None:
        xyzv[drop] = np.nan
    for i in range(len(tr)):
        engine.update(live.step(float(tr.t[i]), int(tr.frame[i]), xyzv[i]))
    return engine.finish()


def test_live_squats_count_like_offline() -> None:
    records = run_live("squat", squat_track(4))
    assert len(records) == 4 and all(r.valid for r in records)


def test_live_short_dropout_is_bridged_long_one_is_not_a_rep() -> None:
    tr = squat_track(3)
    t = tr.t
    short = np.flatnonzero((t > 5.0) & (t < 5.2))
    long = np.flatnonzero((t > 5.0) & (t < 6.0))
    assert len(run_live("squat", tr, slice(short[0], short[-1] + 1))) == 3
    assert len(run_live("squat", tr, slice(long[0], long[-1] + 1))) == 2


def test_live_abduction_sides_and_faults() -> None:
    fn, duration = reps(Body(), "abduction_right", 3.0, 30.0, 3, faults=[{}, {"trunk_lateral": 15.0}, {}])
    records = run_live("standing_hip_abduction", track(fn, duration, view="front"))
    assert [r.side for r in records] == ["right"] * 3
    assert [list(r.faults) for r in records] == [[], ["abduction.trunk_lean"], []]


def test_live_camera_cut_starts_a_new_segment() -> None:
    tr = squat_track(2)
    live = LiveKinematics(tr.width, tr.height)
    first = live.step(0.0, 0, tr.xyzv[0])
    moved = tr.xyzv[1].copy()
    moved[:, 0] = moved[:, 0] * 0.5 + 0.4  # the person jumps across the image and shrinks: a cut
    moved[:, 1] = moved[:, 1] * 0.5
    cut = live.step(1 / 30, 1, moved)
    assert cut.segment == first.segment + 1
