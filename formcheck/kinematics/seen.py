"""Which landmarks each signal is computed from, and whether the model saw them in a frame.

A landmark the model marks as not visible (occluded or outside the picture) is still given a position, and
that position is a guess: on a side-lying person filmed from above and behind, the hidden ankle is placed
near the head and reads as the feet two torso lengths apart. A form rule is therefore judged only on frames
where every landmark its signal is made of was seen (MediaPipe visibility ≥ 0.5, the model's own estimate
that the point is in view and not occluded); with none such frames the rule says "cannot assess".
Counting is not gated: a rep is a cycle of a smoothed signal, and a guessed point moves with the body.

Side views are not gated either. There the far limbs are behind the near ones by the view's own geometry,
and the model gives them low visibility even where it places them right: on a rendered standing hip
extension filmed side-on, the far knee's visibility is 0.3 in every frame (median), and the rule on that
leg still catches the rendered fault (benchmarks/faults.py --rendered); gated there too, it said "cannot
assess" on the rendered body whose worked leg was the far one.
From the front and at an angle both sides face the camera, so a point marked unseen is truly hidden.
"""

from __future__ import annotations

from collections.abc import Container

from formcheck.types import FrameKinematics

# signal → joints: "this_" = the signal's own side, "other_" = the opposite side, "any_" = either side (whole-
# body signals: the trunk axis runs from the hips' midpoint to the shoulders'; one side seen places it).
_JOINTS: dict[str, tuple[str, ...]] = {
    "hip_flexion": ("this_hip", "this_knee", "any_shoulder"),
    "knee_flexion": ("this_hip", "this_knee", "this_ankle"),
    "trunk_lean": ("any_hip", "any_shoulder"),
    "hip_abduction": ("this_hip", "this_knee", "other_hip"),
    "pelvis_rise": ("this_hip", "other_hip"),
    "trunk_lean_toward": ("any_hip", "any_shoulder"),
    "heel_lift": ("this_heel", "this_foot_index"),
    "knee_past_toe": ("this_knee", "this_foot_index"),
    "shin_lean": ("this_knee", "this_ankle"),
    "ankle_gap": ("this_ankle", "other_ankle"),
    "knee_gap": ("this_knee", "other_knee"),
    "knee_ankle_ratio": ("this_knee", "other_knee", "this_ankle", "other_ankle", "this_hip", "other_hip"),
    "pelvis_twist": ("this_hip", "other_hip", "this_shoulder", "other_shoulder"),
    "thigh_spread": ("this_hip", "other_hip", "this_knee", "other_knee"),
    "hip_above": ("this_hip", "other_hip"),
    "knee_above": ("this_knee", "other_knee"),
    "trunk_tilt": ("any_hip", "any_shoulder"),
    "shin_tilt": ("this_knee", "this_ankle"),
    "thigh_tilt": ("this_hip", "this_knee"),
    "ankle_to_knee": ("this_ankle", "other_knee"),
    "knee_drop_toward": ("this_hip", "other_hip", "this_knee", "other_knee"),
    "knee_drop": ("this_hip", "other_hip", "this_knee", "other_knee"),
    "shoulder_rise": ("this_shoulder", "other_shoulder"),
    "thigh_forward": ("this_hip", "this_knee"),
    "thigh_drop": ("this_hip", "this_knee"),
    "thigh_opening": ("this_hip", "other_hip", "this_knee", "other_knee"),
    "thigh_elevation_3d": ("this_hip", "this_knee"),
    "knee_drop_3d": ("this_hip", "other_hip", "this_knee", "other_knee"),
}


def joints_of(signal: str) -> tuple[str, ...]:
    """The joints a signal is made of ("this_knee", "any_hip", ...); a 3-D twin has its image twin's."""
    if signal in _JOINTS:
        return _JOINTS[signal]
    return _JOINTS.get(signal.removesuffix("_3d"), ())


def seen(fk: FrameKinematics, signal: str, side: str) -> bool:
    """Whether every landmark of `signal` on `side` ("left" | "right") was visible in this frame (always, in a
    side view)."""
    return seen_in(fk.view, fk.visible, signal, side)


def seen_in(view: str, visible: Container[str], signal: str, side: str) -> bool:
    """`seen` from a frame's view and the names of the landmarks seen in it (as a saved session gives them)."""
    if view == "side":
        return True
    other = "right" if side == "left" else "left"
    for joint in joints_of(signal):
        where, name = joint.split("_", 1)
        if where == "any":
            if f"left_{name}" not in visible and f"right_{name}" not in visible:
                return False
        elif f"{side if where == 'this' else other}_{name}" not in visible:
            return False
    return True
