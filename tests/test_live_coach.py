"""The live coach on exact rig landmarks through the causal kinematics: countdown, sides, sets, pause, stop."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("trimesh", reason="the synth extra is not installed")

from formcheck.exercises.catalogue import get
from formcheck.kinematics.track import LiveKinematics
from formcheck.live.coach import Coach, CoachView, Step
from formcheck.synth.clip import Scene
from formcheck.synth.landmarks import landmark_track
from formcheck.synth.motions import Plan
from formcheck.types import PoseTrack

SCENE = Scene(fps=15.0)


def joined(*tracks: PoseTrack) -> PoseTrack:
    """Clips one after another in time."""
    ts, rows, offset = [], [], 0.0
    for tr in tracks:
        ts.append(tr.t + offset)
        rows.append(tr.xyzv)
        offset = ts[-1][-1] + 1.0 / SCENE.fps
    t = np.concatenate(ts)
    return PoseTrack(t, np.arange(len(t)), np.concatenate(rows), tracks[0].width, tracks[0].height)


def run(coach: Coach, tr: PoseTrack, keys: dict[int, str] | None = None) -> list[CoachView]:
    live = LiveKinematics(tr.width, tr.height)
    views = []
    for i in range(len(tr)):
        if keys and i in keys:
            {"space": coach.pause, "s": coach.switch_side}[keys[i]](float(tr.t[i]))
        views.append(coach.update(live.step(float(tr.t[i]), i, tr.xyzv[i])))
    return views


def kinds(coach: Coach) -> list[str]:
    return [e.kind for e in coach.events]


def test_countdown_then_one_side_then_switch_prompt_then_other_side_then_done() -> None:
    tr = joined(landmark_track(Plan("standing_hip_abduction", reps=2, rep_s=2.4, side="left"), SCENE),
                landmark_track(Plan("standing_hip_abduction", reps=2, rep_s=2.4, side="right"), SCENE))  # fmt: skip
    step = Step(get("standing_hip_abduction"), sets=1, target=2, hold_s=None, sides=("left", "right"), rest_s=5.0)
    coach = Coach([step], countdown_s=0.5)
    views = run(coach, tr)
    stages = [v.stage for v in views]
    assert stages[0] == "countdown" and "active" in stages and stages[-1] == "done"
    assert any(v.prompt == "Switch sides: now your right leg" for v in views)
    assert kinds(coach)[:2] == ["countdown", "start"]
    switch = [e for e in coach.events if e.kind == "switch_side"]
    assert [e.data for e in switch] == [{"side": "right", "by": "target"}]
    reps = [(r.side, r.valid) for _, _, r in coach.records]
    assert reps == [("left", True), ("left", True), ("right", True), ("right", True)]
    assert "done" in kinds(coach) and views[-1].done == {"left": 2, "right": 2}


def test_sets_rest_between_them_and_next_exercise_follows() -> None:
    tr = joined(*[landmark_track(Plan("squat", reps=1, rep_s=2.4), SCENE) for _ in range(4)])
    squat = Step(get("squat"), sets=2, target=1, hold_s=None, sides=("both",), rest_s=1.0)
    coach = Coach([squat, squat], countdown_s=0.0)
    views = run(coach, tr)
    assert [e.data.get("set") for e in coach.events if e.kind == "set_done"] == [1, 2, 1, 2]
    assert "rest" in [v.stage for v in views]
    assert [s for s, _, _ in coach.records] == [0, 0, 1, 1]
    assert views[-1].stage == "done"


def test_paused_frames_are_not_counted_and_resume_goes_through_the_countdown() -> None:
    tr = landmark_track(Plan("squat", reps=3, rep_s=2.4), SCENE)
    coach = Coach([Step(get("squat"), 1, 10, None, ("both",), 60.0)], countdown_s=0.0)
    # Pause from 3.5 s (after the first rep) to 6.2 s: the second rep happens while paused.
    keys = {int(np.searchsorted(tr.t, 3.5)): "space", int(np.searchsorted(tr.t, 6.2)): "space"}
    views = run(coach, tr, keys)
    assert "paused" in [v.stage for v in views]
    assert kinds(coach).count("pause") == 1 and kinds(coach).count("resume") == 1
    assert len(coach.records) == 2


def test_stop_closes_the_open_hold_and_keeps_it() -> None:
    plan = Plan("kneeling_hip_flexor_stretch", reps=1, rep_s=2.0, hold_s=8.0, side="left")
    tr = landmark_track(plan, SCENE)
    cut = int(np.searchsorted(tr.t, 6.0))  # mid-hold
    tr = PoseTrack(tr.t[:cut], tr.frame[:cut], tr.xyzv[:cut], tr.width, tr.height)
    step = Step(get("kneeling_hip_flexor_stretch"), 1, 1, 30.0, ("left", "right"), 30.0)
    coach = Coach([step], countdown_s=0.0)
    views = run(coach, tr)
    assert max(v.result.hold_s["left"] for v in views if v.result) > 2.0
    coach.stop(float(tr.t[-1]), "Stopped: you pressed q")
    holds = [r for _, _, r in coach.records]
    assert len(holds) == 1 and holds[0].side == "left" and not holds[0].completed
    assert coach.stage == "stopped" and kinds(coach)[-1] == "stopped"
