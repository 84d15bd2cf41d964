"""Whole-body poses of each exercise: progress u in [0, 1] (rest → peak), a fault and a side → a PoseSpec.

Angles are commanded joint angles; ground truth is measured afterwards from the posed joint centres,
because the rig's joints are not anatomical landmarks.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

import numpy as np

from formcheck.synth.pose import ArmAngles, LegAngles, PoseSpec, rot

SUPINE = rot("x", -90.0)  # lying on the back, head toward -z, front facing up
SIDE_LYING = rot("z", 90.0)  # lying on the right side, left side up, head toward -x, front toward +z
# Segment lengths used by the planar bridge solver (metres; the rendered body's own are close).
_TRUNK, _THIGH, _SHANK = 0.50, 0.42, 0.40


_FAULT_SIZE: ContextVar[float] = ContextVar("fault_size", default=1.0)


@contextmanager
def fault_size(size: float) -> Iterator[None]:
    """Pose with faults this many times their standard size (0.5: half as large, 2: twice)."""
    token = _FAULT_SIZE.set(size)
    try:
        yield
    finally:
        _FAULT_SIZE.reset(token)


def _f(fault: str | None, name: str) -> float:
    """How much of fault `name` to put in: 0 without it, its size with it."""
    return _FAULT_SIZE.get() if fault == name else 0.0


def _legs(side: str, work: LegAngles, other: LegAngles) -> tuple[LegAngles, LegAngles]:
    """(left, right) from the worked leg and the other one."""
    return (work, other) if side == "left" else (other, work)


KNEES_IN_DEG = 8.0  # the "knees_in" squat fault at its standard size


def squat(u: float, fault: str | None, side: str) -> PoseSpec:
    knee = 5.0 + (95.0 - 45.0 * _f(fault, "shallow")) * u
    shin = 0.32 * knee  # the shins tilt forward about a third of the knee angle (ankles dorsiflex)
    lean = (32.0 + 30.0 * _f(fault, "trunk_lean")) * u
    hip = lean + knee - shin
    # Knees drifting in with the feet planted: the hips adduct and turn in together (about as much each keeps the
    # ankles where they were), 8° each at the bottom taking the knees 40 % closer (knee-to-ankle ratio ~0.6).
    inward = KNEES_IN_DEG * _f(fault, "knees_in") * u
    leg = LegAngles(hip_flexion=hip, knee_flexion=knee, hip_abduction=4.0 - inward, hip_rotation=-inward)
    arms = ArmAngles(flexion=75.0 * u, abduction=8.0, elbow=10.0)
    return PoseSpec(pelvis=rot("x", lean), left=leg, right=replace(leg), left_arm=arms, right_arm=replace(arms))


def _bridge_angles(lift_deg: float) -> tuple[float, float]:
    """Planar solve of a bridge with shoulders and feet fixed: hip flexion and knee flexion at a lift."""
    a = math.radians(lift_deg)
    hip = np.array([_TRUNK * math.cos(a), _TRUNK * math.sin(a)])
    rest_hip = np.array([_TRUNK, 0.0])
    b0, g0 = math.radians(50.0), math.radians(40.0)  # resting: thigh 50° up from the floor, shin 40° down
    ankle = (
        rest_hip + _THIGH * np.array([math.cos(b0), math.sin(b0)]) + _SHANK * np.array([math.cos(g0), -math.sin(g0)])
    )
    d = float(np.linalg.norm(ankle - hip))
    along = (_THIGH**2 - _SHANK**2 + d**2) / (2 * d)
    up = math.sqrt(max(_THIGH**2 - along**2, 0.0))
    axis = (ankle - hip) / d
    knee = hip + along * axis + up * np.array([-axis[1], axis[0]])
    beta = math.degrees(math.atan2(knee[1] - hip[1], knee[0] - hip[0]))
    gamma = math.degrees(math.atan2(knee[1] - ankle[1], ankle[0] - knee[0]))
    return beta - lift_deg, beta + gamma


def _bridge_top() -> float:
    lo, hi = 0.0, 60.0
    for _ in range(40):  # the lift at which shoulder, hip and knee line up (hip flexion 0)
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _bridge_angles(mid)[0] > 0 else (lo, mid)
    return lo


BRIDGE_TOP = _bridge_top()


def bridge(u: float, fault: str | None, side: str) -> PoseSpec:
    lift = BRIDGE_TOP * u * (1.0 - 0.45 * _f(fault, "low"))  # a sag is in the timeline (synth.motions.moment)
    hip, knee = _bridge_angles(lift)
    leg = LegAngles(hip_flexion=hip, knee_flexion=knee, hip_abduction=6.0)
    arms = ArmAngles(abduction=20.0, elbow=5.0)
    return PoseSpec(body_rotation=SUPINE, pelvis=rot("x", -lift), left=leg, right=replace(leg),
                    left_arm=arms, right_arm=replace(arms), anchor="shoulders")  # fmt: skip


def single_leg_bridge(u: float, fault: str | None, side: str) -> PoseSpec:
    lift = BRIDGE_TOP * u
    hip, knee = _bridge_angles(lift)
    work = LegAngles(hip_flexion=hip, knee_flexion=knee, hip_abduction=6.0)
    free = LegAngles(hip_flexion=hip + knee - 40.0, knee_flexion=0.0, foot="follow", ankle=-20.0)
    drop = 12.0 * u * _f(fault, "pelvis_drop")
    sign = 1.0 if side == "left" else -1.0
    pelvis = rot("x", -lift) @ rot("y", sign * drop)
    arms = ArmAngles(abduction=20.0, elbow=5.0)
    left, right = _legs(side, work, free)
    return PoseSpec(body_rotation=SUPINE, pelvis=pelvis, left=left, right=right, left_arm=arms,
                    right_arm=replace(arms), anchor="shoulders")  # fmt: skip


def standing_abduction(u: float, fault: str | None, side: str) -> PoseSpec:
    sign = 1.0 if side == "left" else -1.0
    hike = 24.0 * u * _f(fault, "hip_hike")
    lean = 16.0 * u * _f(fault, "trunk_lean")
    work = LegAngles(hip_abduction=3.0 + 32.0 * u - hike * 0.5)
    stance = LegAngles(hip_abduction=hike)  # the stance leg stays vertical under a hiked pelvis
    arms = ArmAngles(abduction=12.0, elbow=15.0)
    # The trunk counter-tilts to stay upright over a hiked pelvis; a lean tips it toward the stance side.
    left, right = _legs(side, work, stance)
    stance_foot = "foot.R" if side == "left" else "foot.L"
    return PoseSpec(pelvis=rot("z", sign * hike), trunk_lateral=sign * (hike - lean), left=left, right=right,
                    left_arm=arms, right_arm=replace(arms), anchor=stance_foot)  # fmt: skip


def _on_side(side: str, top: LegAngles, bottom: LegAngles, top_arm: ArmAngles, bottom_arm: ArmAngles,
             roll_deg: float) -> PoseSpec:  # fmt: skip
    """Lying on the other side from the worked leg (worked leg on top), front toward +z; pelvis rolled back."""
    sign = 1.0 if side == "left" else -1.0
    left, right = _legs(side, top, bottom)
    left_arm, right_arm = (top_arm, bottom_arm) if side == "left" else (bottom_arm, top_arm)
    return PoseSpec(body_rotation=SIDE_LYING if side == "left" else rot("z", -90.0), pelvis=rot("y", sign * roll_deg),
                    left=left, right=right, left_arm=left_arm, right_arm=right_arm, anchor="hips")  # fmt: skip


def side_lying_abduction(u: float, fault: str | None, side: str) -> PoseSpec:
    work = LegAngles(hip_abduction=2.0 + 35.0 * u, hip_flexion=22.0 * u * _f(fault, "hip_flexion"),
                     foot="follow", ankle=5.0)  # fmt: skip
    bottom = LegAngles(hip_flexion=10.0, knee_flexion=20.0, foot="follow", ankle=5.0)
    roll = 18.0 * u * _f(fault, "pelvis_roll")
    arms = ArmAngles(flexion=10.0, abduction=5.0, elbow=20.0), ArmAngles(flexion=80.0, abduction=0.0, elbow=60.0)
    return _on_side(side, work, bottom, *arms, roll)


def clamshell(u: float, fault: str | None, side: str) -> PoseSpec:
    base = LegAngles(hip_flexion=45.0, knee_flexion=90.0, foot="follow", ankle=0.0)
    axis = np.array([0.0, -1.0, 0.0])  # hip to ankle with 45°/90° hips and knees: the body's long axis
    # The top leg rests on the bottom one (knees and feet together), then opens about the hip–ankle line. At rest
    # its thigh crosses the lower one in the picture by a few degrees, as real closed clamshells read (~8°).
    top = replace(base, hip_abduction=-15.0, swing_axis=axis, swing_deg=-50.0 * u)
    roll = 20.0 * u * _f(fault, "pelvis_roll")
    arms = ArmAngles(flexion=20.0, abduction=0.0, elbow=40.0), ArmAngles(flexion=90.0, abduction=0.0, elbow=70.0)
    return _on_side(side, top, base, *arms, roll)


def lunge(u: float, fault: str | None, side: str) -> PoseSpec:
    knee = 8.0 + 82.0 * u
    shin = 6.0 + 6.0 * u + _f(fault, "knee_past_toes") * (6.0 + 32.0 * u)
    front = LegAngles(hip_flexion=25.0 + knee - shin - 8.0, knee_flexion=knee)
    back = LegAngles(hip_flexion=-20.0 - 5.0 * u, knee_flexion=10.0 + 85.0 * u, foot="follow", ankle=-35.0 + 30.0 * u)
    lean = 25.0 * u * _f(fault, "trunk_lean")
    left, right = _legs(side, front, back)
    return PoseSpec(pelvis=rot("x", lean), left=left, right=right,
                    anchor="foot.L" if side == "left" else "foot.R")  # fmt: skip


def standing_hip_flexion(u: float, fault: str | None, side: str) -> PoseSpec:
    work = LegAngles(hip_flexion=88.0 * u, knee_flexion=88.0 * u, foot="follow", ankle=-10.0 * u)
    back = 14.0 * u * _f(fault, "trunk_back")
    work = replace(work, hip_flexion=work.hip_flexion - back)  # the thigh keeps its height as the trunk tips
    arms = ArmAngles(abduction=12.0, elbow=70.0)
    left, right = _legs(side, work, LegAngles(hip_flexion=-back))
    return PoseSpec(pelvis=rot("x", -back), left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="foot.R" if side == "left" else "foot.L")  # fmt: skip


def standing_hip_extension(u: float, fault: str | None, side: str) -> PoseSpec:
    tip = 22.0 * u * _f(fault, "trunk_forward")
    work = LegAngles(hip_flexion=0.7 * tip - 16.0 * u, knee_flexion=4.0, foot="follow", ankle=-10.0 * u)
    stance = LegAngles(hip_flexion=tip)
    arms = ArmAngles(flexion=30.0, abduction=10.0, elbow=40.0)
    left, right = _legs(side, work, stance)
    return PoseSpec(pelvis=rot("x", tip), left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="foot.R" if side == "left" else "foot.L")  # fmt: skip


def kneeling_hip_flexor(u: float, fault: str | None, side: str) -> PoseSpec:
    """Half-kneeling: `side` is the kneeling leg, stretched as the pelvis shifts forward (u)."""
    kneel = LegAngles(hip_flexion=8.0 - 26.0 * u, knee_flexion=95.0 - 15.0 * u, foot="follow", ankle=-40.0)
    front = LegAngles(hip_flexion=80.0 - 12.0 * u, knee_flexion=85.0 + 5.0 * u)
    arms = ArmAngles(abduction=25.0, elbow=80.0)
    left, right = _legs(side, kneel, front)
    return PoseSpec(left=left, right=right, left_arm=arms, right_arm=replace(arms), anchor="knees")


ALL_FOURS = rot("x", 90.0)  # on hands and knees: front facing the floor, head toward +z


def quadruped_circles(u: float, fault: str | None, side: str) -> PoseSpec:
    """Hands and knees; the worked knee swings out and back (one dip of hip flexion per circle)."""
    work = LegAngles(hip_flexion=90.0 - 45.0 * u, hip_abduction=30.0 * u, knee_flexion=90.0, foot="follow",
                     ankle=-40.0)  # fmt: skip
    support = LegAngles(hip_flexion=90.0, knee_flexion=90.0, foot="follow", ankle=-40.0)
    arms = ArmAngles(flexion=90.0, abduction=5.0, elbow=0.0)
    left, right = _legs(side, work, support)
    return PoseSpec(body_rotation=ALL_FOURS, left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="knees")  # fmt: skip


def quadruped_extension(u: float, fault: str | None, side: str) -> PoseSpec:
    """Hands and knees; the worked leg kicks back, knee bent, until the thigh is in line with the trunk."""
    work = LegAngles(hip_flexion=90.0 - 85.0 * u * (1.0 - 0.45 * _f(fault, "low")), knee_flexion=90.0,
                     foot="follow", ankle=-40.0)  # fmt: skip
    support = LegAngles(hip_flexion=90.0, knee_flexion=90.0, foot="follow", ankle=-40.0)
    arms = ArmAngles(flexion=90.0, abduction=5.0, elbow=0.0)
    left, right = _legs(side, work, support)
    return PoseSpec(body_rotation=ALL_FOURS, left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="knees")  # fmt: skip


def supine_rotation(u: float, fault: str | None, side: str) -> PoseSpec:
    """On the back, knees bent together, both knees dropping to `side` and held there."""
    sign = 1.0 if side == "left" else -1.0
    axis = np.array([0.0, -1.0, 0.0])  # the body's long axis through each hip
    left = LegAngles(
        hip_flexion=50.0, knee_flexion=90.0, hip_abduction=-4.0, swing_axis=axis, swing_deg=sign * 65.0 * u
    )
    right = replace(left, swing_deg=-sign * 65.0 * u)
    arms = ArmAngles(abduction=60.0, elbow=10.0)
    return PoseSpec(body_rotation=SUPINE, left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="shoulders")  # fmt: skip


def warrior(u: float, fault: str | None, side: str) -> PoseSpec:
    """Warrior II seen from the front: the worked leg bent out to the side over its ankle, arms out."""
    bend = 75.0 * u
    front = LegAngles(hip_abduction=12.0 + (bend - 12.0) * u, hip_rotation=90.0 * u, knee_flexion=bend * u)
    back = LegAngles(hip_abduction=12.0 + 39.0 * u)
    lean = 18.0 * u * _f(fault, "trunk_lean")
    sign = 1.0 if side == "left" else -1.0
    arms = ArmAngles(abduction=10.0 + 80.0 * u, elbow=5.0)
    left, right = _legs(side, front, back)
    return PoseSpec(trunk_lateral=sign * lean, left=left, right=right, left_arm=arms, right_arm=replace(arms),
                    anchor="foot.R" if side == "left" else "foot.L")  # fmt: skip


def seated_figure_four(u: float, fault: str | None, side: str) -> PoseSpec:
    """Sitting (on a stool the renderer leaves out), the worked ankle crossed onto the other knee."""
    # Solved on the rig: hip 100° flexed, 20° abducted, 90° externally rotated, knee 100° puts the ankle
    # on top of the other knee.
    cross = LegAngles(hip_flexion=90.0 + 10.0 * u, hip_abduction=20.0 * u, hip_rotation=90.0 * u,
                      knee_flexion=90.0 + 10.0 * u, foot="follow")  # fmt: skip
    seated = LegAngles(hip_flexion=90.0, knee_flexion=90.0)
    lean = 20.0 * u * _f(fault, "trunk_lean")
    sign = 1.0 if side == "left" else -1.0
    arms = ArmAngles(flexion=30.0, abduction=10.0, elbow=60.0)
    left, right = _legs(side, cross, seated)
    return PoseSpec(trunk_flexion=10.0 * u, trunk_lateral=-sign * lean, left=left, right=right, left_arm=arms,
                    right_arm=replace(arms), anchor="foot.R" if side == "left" else "foot.L")  # fmt: skip


def pigeon(u: float, fault: str | None, side: str) -> PoseSpec:
    """Pigeon: the worked leg folded in front (hip flexed, rotated out, knee bent), the other stretched back."""
    front = LegAngles(hip_flexion=20.0 + 55.0 * u, hip_abduction=15.0 * u, hip_rotation=60.0 * u,
                      knee_flexion=20.0 + 100.0 * u, foot="follow")  # fmt: skip
    back = LegAngles(hip_flexion=-(10.0 + 35.0 * u), knee_flexion=10.0, foot="follow", ankle=-50.0)
    arms = ArmAngles(flexion=20.0, abduction=15.0, elbow=10.0)
    left, right = _legs(side, front, back)
    return PoseSpec(left=left, right=right, left_arm=arms, right_arm=replace(arms), anchor="hips")
