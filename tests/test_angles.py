"""Kinematics on stick figures of known joint angles."""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.kinematics.angles import compute_signals
from formcheck.kinematics.view import classify_posture, classify_view, facing_side, view_metric
from tests.stick import Body, H, W, front_pose, side_pose


def signals(pose: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[0] for k, v in compute_signals(pose[None], W, H).items()}


@pytest.mark.parametrize(
    ("hip", "knee", "lean"),
    [(0, 5, 0), (45, 60, 15), (90, 100, 30), (120, 125, 45), (-15, 5, 0), (30, 0, -10)],
)
def test_side_view_flexion_and_lean(hip: float, knee: float, lean: float) -> None:
    s = signals(side_pose(Body(hip_flexion=hip, knee_flexion=knee, trunk_lean=lean)))
    assert s["hip_flexion"] == pytest.approx([hip, hip], abs=0.6)
    assert s["knee_flexion"] == pytest.approx([knee, knee], abs=0.6)
    assert s["trunk_lean"][0] == pytest.approx(lean, abs=0.5)


@pytest.mark.parametrize(("hip", "read"), [(145.0, True), (170.0, False), (-175.0, False)])
def test_an_image_hip_angle_past_any_hip_is_not_measured(hip: float, read: bool) -> None:
    # Past ~150° the picture is degenerate (a trunk pointing at the camera), not a hip: the angle reads ±170°
    # and flips sign from frame to frame, which would make fake reps.
    s = signals(side_pose(Body(hip_flexion=hip, knee_flexion=90)))
    assert bool(np.isfinite(s["hip_flexion"][0])) is read
    if read:
        assert s["hip_flexion"][0] == pytest.approx(hip, abs=0.6)


@pytest.mark.parametrize("hip", [0.0, 20.0, 50.0])
def test_supine_hip_flexion(hip: float) -> None:
    s = signals(side_pose(Body(lying=True, hip_flexion=hip, knee_flexion=90 if hip else 0)))
    assert s["hip_flexion"][0] == pytest.approx(hip, abs=0.6)


def test_heel_lift() -> None:
    flat = signals(side_pose(Body()))["heel_lift"][0]
    raised = signals(side_pose(Body(heel_lift=25)))["heel_lift"][0]
    assert raised - flat == pytest.approx(25, abs=1.0)


@pytest.mark.parametrize(("left", "right"), [(3, 3), (30, 3), (3, 45), (20, 20)])
def test_front_view_abduction(left: float, right: float) -> None:
    s = signals(front_pose(Body(abduction_left=left, abduction_right=right)))
    assert s["hip_abduction"] == pytest.approx([left, right], abs=0.5)


def test_pelvic_tilt_and_lateral_lean() -> None:
    s = signals(front_pose(Body(pelvis_tilt=8.0, trunk_lateral=-12.0)))
    assert s["pelvis_rise"] == pytest.approx([8.0, -8.0], abs=0.3)
    assert s["trunk_lean_toward"] == pytest.approx([-12.0, 12.0], abs=0.5)


def test_view_facing_and_posture() -> None:
    side = side_pose(Body())[None]
    front = front_pose(Body())[None]
    lying = side_pose(Body(lying=True, hip_flexion=45, knee_flexion=90))[None]
    assert classify_view(view_metric(side, W, H))[0] == "side"
    assert classify_view(view_metric(front, W, H))[0] == "front"
    assert facing_side(side)[0] == "left"
    assert classify_posture(side, W, H)[0] == "upright"
    assert classify_posture(lying, W, H)[0] == "horizontal"
