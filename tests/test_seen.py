"""Every signal says which landmarks it is made of (a rule on an undeclared signal would never be gated)."""

from __future__ import annotations

from formcheck.kinematics.seen import joints_of
from formcheck.kinematics.stream import SIGNAL_NAMES
from formcheck.landmarks import NAMES


def test_every_signal_declares_its_landmarks_and_they_exist() -> None:
    for signal in SIGNAL_NAMES:
        joints = joints_of(signal)
        assert joints, signal
        for joint in joints:
            where, name = joint.split("_", 1)
            assert where in ("this", "other", "any"), joint
            assert f"left_{name}" in NAMES and f"right_{name}" in NAMES, joint
