"""The guided session on exact rig landmarks through the session core: countdown, sides, sets, pause, stop."""

from __future__ import annotations

import numpy as np

from formcheck.exercises.catalogue import get
from formcheck.session.core import SessionCore
from formcheck.session.plan import Step
from formcheck.session.view import CoachView
from formcheck.synth.clip import Scene
from formcheck.synth.landmarks import landmark_track
from formcheck.synth.motions import Plan
from formcheck.types import People, PoseTrack
from tests.conftest import rig_assets

rig_assets()

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


def run(steps: list[Step], tr: PoseTrack, countdown_s: float,
        keys: dict[int, str] | None = None) -> tuple[SessionCore, list[CoachView]]:  # fmt: skip
    """The whole track through a guided core (keys pressed as frame i arrives); the core and every view."""
    core = SessionCore(steps, tr.width, tr.height, guided=True, countdown_s=countdown_s)
    views = []
    for i in range(len(tr)):
        if keys and i in keys:
            core.key(keys[i], float(tr.t[i]))
        views += [tick.view for tick in core.feed(float(tr.t[i]), i, People((tr.pose(i),), 1))[1]]
    views += [tick.view for tick in core.flush()]
    return core, views


def kinds(core: SessionCore) -> list[str]:
    return [e.kind for e in core.events]


def records(core: SessionCore) -> list:
    return [k.record for k in core.kept]


def test_countdown_then_one_side_then_switch_prompt_then_other_side_then_done() -> None:
    tr = joined(landmark_track(Plan("standing_hip_abduction", reps=2, rep_s=2.4, side="left"), SCENE),
                landmark_track(Plan("standing_hip_abduction", reps=2, rep_s=2.4, side="right"), SCENE))  # fmt: skip
    step = Step(get("standing_hip_abduction"), sets=1, target=2, hold_s=None, sides=("left", "right"), rest_s=5.0)
    core, views = run([step], tr, 0.5)
    stages = [v.stage for v in views]
    assert stages[0] == "countdown" and "active" in stages and stages[-1] == "done"
    assert any(v.prompt == "Switch sides: now your right leg" for v in views)
    assert kinds(core)[:2] == ["countdown", "start"]
    switch = [e for e in core.events if e.kind == "switch_side"]
    assert [e.data for e in switch] == [{"side": "right", "by": "target"}]
    reps = [(r.side, r.valid) for r in records(core)]
    assert reps == [("left", True), ("left", True), ("right", True), ("right", True)]
    assert "done" in kinds(core) and views[-1].done == {"left": 2, "right": 2}


def test_sets_rest_between_them_and_next_exercise_follows() -> None:
    tr = joined(*[landmark_track(Plan("squat", reps=1, rep_s=2.4), SCENE) for _ in range(4)])
    squat = Step(get("squat"), sets=2, target=1, hold_s=None, sides=("both",), rest_s=1.0)
    core, views = run([squat, squat], tr, 0.0)
    assert [e.data.get("set") for e in core.events if e.kind == "set_done"] == [1, 2, 1, 2]
    assert "rest" in [v.stage for v in views]
    assert [k.step for k in core.kept] == [0, 0, 1, 1]
    assert views[-1].stage == "done"


def test_paused_frames_are_not_counted_and_resume_goes_through_the_countdown() -> None:
    tr = landmark_track(Plan("squat", reps=3, rep_s=2.4), SCENE)
    # Pause from 3.5 s (after the first rep) to 6.2 s: the second rep happens while paused.
    keys = {int(np.searchsorted(tr.t, 3.5)): "space", int(np.searchsorted(tr.t, 6.2)): "space"}
    core, views = run([Step(get("squat"), 1, 10, None, ("both",), 60.0)], tr, 0.0, keys)
    assert "paused" in [v.stage for v in views]
    assert kinds(core).count("pause") == 1 and kinds(core).count("resume") == 1
    assert len(records(core)) == 2


def test_stop_closes_the_open_hold_and_keeps_it() -> None:
    plan = Plan("kneeling_hip_flexor_stretch", reps=1, rep_s=2.0, hold_s=8.0, side="left")
    tr = landmark_track(plan, SCENE)
    cut = int(np.searchsorted(tr.t, 6.0))  # mid-hold
    tr = PoseTrack(tr.t[:cut], tr.frame[:cut], tr.xyzv[:cut], tr.width, tr.height)
    step = Step(get("kneeling_hip_flexor_stretch"), 1, 1, 30.0, ("left", "right"), 30.0)
    core, views = run([step], tr, 0.0)
    assert max(v.result.hold_s["left"] for v in views if v.result) > 2.0
    core.stop("Stopped: you pressed q")
    holds = records(core)
    assert len(holds) == 1 and holds[0].side == "left" and not holds[0].completed
    assert core.stage == "stopped" and kinds(core)[-1] == "stopped"
