"""The renderer: a short clip renders in CI, with ground truth consistent with the commanded motion."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import renderer

renderer()


def test_short_squat_clip_renders_with_truth(tmp_path: Path) -> None:
    from formcheck.synth.clip import Scene, render_clip
    from formcheck.synth.motions import Plan
    from formcheck.video.source import FileSource

    plan = Plan("squat", reps=1, rep_s=1.2, lead_s=0.2, tail_s=0.2, gap_s=0.0)
    video = tmp_path / "squat.mp4"
    truth = render_clip(plan, Scene(width=320, height=240, fps=10.0, seed=3), video)
    frames = list(FileSource(video))
    assert len(frames) == len(truth["frames"]) == 16
    assert frames[0].image.shape == (240, 320, 3)
    assert json.loads(Path(f"{video}.truth.json").read_text())["reps"] == truth["reps"]
    peak = max(truth["frames"], key=lambda f: f["u"])
    rest = truth["frames"][0]
    assert peak["phase"] in ("up", "hold", "down") and rest["phase"] == "rest"
    # Measured from the projected joint centres, the knee bends ~100° at the bottom and is straight at rest.
    assert 85 < np.nanmax(peak["angles2d"]["knee_flexion"]) < 110
    assert np.nanmax(rest["angles2d"]["knee_flexion"]) < 12
    hips = np.array(peak["joints2d"])[23:25]
    assert ((hips > 0) & (hips < [320, 240])).all()


@pytest.mark.parametrize("name", ["glute_bridge", "standing_hip_abduction", "clamshell", "lunge"])
def test_every_motion_poses_on_the_floor(name: str) -> None:
    from formcheck.synth.body import Body, Shape
    from formcheck.synth.motions import MOTIONS
    from formcheck.synth.pose import Rig

    body = Body(Shape())
    rig = Rig(body)
    for u in (0.0, 0.5, 1.0):
        verts, joints = rig.pose(MOTIONS[name].pose(u, None, "left"))
        assert verts[body.render_vertices, 1].min() == pytest.approx(0.0, abs=1e-6)
        assert 0.0 < joints["upperleg01.L"][1] < 1.2


def test_bridge_top_is_a_straight_line() -> None:
    from formcheck.synth.poses import BRIDGE_TOP, _bridge_angles

    hip, knee = _bridge_angles(BRIDGE_TOP)
    assert hip == pytest.approx(0.0, abs=0.1)
    assert _bridge_angles(0.0) == pytest.approx((50.0, 90.0), abs=0.1)
    del knee


def test_scene_variety_is_seeded() -> None:
    from formcheck.synth.samples import random_scene

    assert random_scene(7) == random_scene(7)
    assert random_scene(7) != random_scene(8)
    assert replace(random_scene(7), seed=0).shape == random_scene(7).shape
