"""Joint angles per side from 2-D landmarks: the numbers every exercise rule is written in.

All angles are in the image plane (degrees). Sagittal angles (hip and knee flexion, trunk lean) are
meaningful in a side view, frontal ones (hip abduction, pelvic tilt, lateral lean) in a front view;
the exercise declarations say which view each rule needs.
"""

from __future__ import annotations

import numpy as np

from formcheck.kinematics.geometry import angle_between, dot, perpendicular_toward, signed_from
from formcheck.landmarks import SIDES, Landmark, side_landmark

SIGNALS: tuple[str, ...] = (
    "hip_flexion",
    "knee_flexion",
    "trunk_lean",
    "hip_abduction",
    "pelvis_rise",
    "trunk_lean_toward",
    "heel_lift",
    "knee_past_toe",
    "shin_lean",
    "ankle_gap",
    "knee_gap",
    "pelvis_twist",
    "thigh_spread",
    "hip_above",
    "knee_above",
    "trunk_tilt",
    "shin_tilt",
    "thigh_tilt",
    "ankle_to_knee",
    "knee_drop_toward",
    "knee_drop",
    "shoulder_rise",
    "thigh_forward",
)


def pixels(xyzv: np.ndarray, width: int, height: int) -> np.ndarray:
    """(T, 33, 2) pixel coordinates from normalised landmarks."""
    return xyzv[..., :2] * np.array([width, height], dtype=float)


def _mid(p: np.ndarray, a: Landmark, b: Landmark) -> np.ndarray:
    return (p[:, a] + p[:, b]) / 2.0


def body_axes(p: np.ndarray) -> dict[str, np.ndarray]:
    """Trunk axis, anterior direction and sizes for each frame."""
    shoulder_mid = _mid(p, Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER)
    hip_mid = _mid(p, Landmark.LEFT_HIP, Landmark.RIGHT_HIP)
    up = shoulder_mid - hip_mid  # hip → shoulder
    ear_mid = _mid(p, Landmark.LEFT_EAR, Landmark.RIGHT_EAR)
    face = p[:, Landmark.NOSE] - ear_mid
    toes = (p[:, Landmark.LEFT_FOOT_INDEX] - p[:, Landmark.LEFT_HEEL]) + (
        p[:, Landmark.RIGHT_FOOT_INDEX] - p[:, Landmark.RIGHT_HEEL]
    )
    # The face points anteriorly in every posture; the toes are the fallback when the face is hidden.
    face_ok = np.all(np.isfinite(face), axis=-1)
    cue = np.where(face_ok[:, None], face, toes)
    anterior = perpendicular_toward(up, cue)
    torso = np.linalg.norm(up, axis=-1)
    return {"up": up, "anterior": anterior, "torso_px": torso, "hip_mid": hip_mid, "toes": toes}


def compute_signals(xyzv: np.ndarray, width: int, height: int) -> dict[str, np.ndarray]:
    """Every named signal for every frame: name → array (T, 2) with columns left, right."""
    p = pixels(xyzv, width, height)
    axes = body_axes(p)
    up, anterior, torso = axes["up"], axes["anterior"], axes["torso_px"]
    vertical_up = np.broadcast_to(np.array([0.0, -1.0]), up.shape)
    # Forward in the image for an upright person: where the toes (or face) point horizontally.
    forward_x = np.sign(np.where(np.isfinite(axes["toes"][:, 0]), axes["toes"][:, 0], anterior[:, 0]))
    forward = np.stack([forward_x, np.zeros_like(forward_x)], axis=-1)
    trunk_lean = signed_from(vertical_up, up, forward)

    # Whole-body quantities (the same on both sides).
    hip_line = p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP]
    shoulder_line = p[:, Landmark.LEFT_SHOULDER] - p[:, Landmark.RIGHT_SHOULDER]
    # Pelvis rotated against the shoulders (a lying pelvis rolling back, hips not square): the angle
    # between the hip line and the shoulder line.
    pelvis_twist = angle_between(hip_line, shoulder_line)
    left_thigh = p[:, Landmark.LEFT_KNEE] - p[:, Landmark.LEFT_HIP]
    right_thigh = p[:, Landmark.RIGHT_KNEE] - p[:, Landmark.RIGHT_HIP]
    thigh_spread = angle_between(left_thigh, right_thigh)
    trunk_tilt = np.degrees(np.arctan2(np.abs(up[:, 1]), np.abs(up[:, 0])))  # 0 = level, 90 = upright
    knee_mid = (p[:, Landmark.LEFT_KNEE] + p[:, Landmark.RIGHT_KNEE]) / 2
    drop = knee_mid - axes["hip_mid"]

    out: dict[str, list[np.ndarray]] = {name: [] for name in SIGNALS}
    for side in SIDES:
        other = "right" if side == "left" else "left"
        hip = p[:, side_landmark(side, "hip")]
        knee = p[:, side_landmark(side, "knee")]
        ankle = p[:, side_landmark(side, "ankle")]
        heel = p[:, side_landmark(side, "heel")]
        toe = p[:, side_landmark(side, "foot_index")]
        other_hip = p[:, side_landmark(other, "hip")]
        thigh = knee - hip
        shank = ankle - knee

        out["hip_flexion"].append(signed_from(-up, thigh, anterior))
        out["knee_flexion"].append(180.0 - angle_between(hip - knee, ankle - knee))
        out["trunk_lean"].append(trunk_lean)
        # Abduction: thigh angle from the pelvis's downward normal, positive away from the midline.
        outward = hip - other_hip
        down = perpendicular_toward(outward, -up)
        out["hip_abduction"].append(signed_from(down, thigh, outward))
        # Pelvic obliquity seen from this side: positive when this hip is higher than the other.
        rise = np.degrees(np.arctan2(other_hip[:, 1] - hip[:, 1], np.abs(hip[:, 0] - other_hip[:, 0])))
        out["pelvis_rise"].append(rise)
        # Lateral lean of the trunk from vertical, positive toward this side (front view, upright).
        toward_side = np.stack([np.sign(outward[:, 0]), np.zeros(len(outward))], axis=-1)
        out["trunk_lean_toward"].append(signed_from(vertical_up, up, toward_side))
        foot = toe - heel
        # Heel above the toe (image y grows downward): the heel has left the floor.
        heel_lift = np.degrees(np.arctan2(toe[:, 1] - heel[:, 1], np.abs(foot[:, 0])))
        out["heel_lift"].append(heel_lift)
        # How far the knee travels past the toes along the walking direction, in torso lengths.
        out["knee_past_toe"].append(dot(knee - toe, forward) / torso)
        out["shin_lean"].append(signed_from(vertical_up, -shank, forward))
        # The thigh against the vertical (not the trunk): the leg's swing as the person sees it, + forward.
        out["thigh_forward"].append(signed_from(-vertical_up, thigh, forward))
        out["ankle_gap"].append(np.linalg.norm(ankle - p[:, side_landmark(other, "ankle")], axis=-1) / torso)
        out["knee_gap"].append(np.linalg.norm(knee - p[:, side_landmark(other, "knee")], axis=-1) / torso)
        out["pelvis_twist"].append(pelvis_twist)
        out["thigh_spread"].append(thigh_spread)
        # Height of this hip (knee) over the other, in torso lengths: the upper side when lying on a side.
        out["hip_above"].append((other_hip[:, 1] - hip[:, 1]) / torso)
        out["knee_above"].append((p[:, side_landmark(other, "knee")][:, 1] - knee[:, 1]) / torso)
        out["trunk_tilt"].append(trunk_tilt)
        out["shin_tilt"].append(angle_between(shank, np.broadcast_to(np.array([0.0, 1.0]), shank.shape)))
        # The thigh against the image vertical, whatever the pelvis does: which leg is lifted when a hike tilts
        # the pelvis (against which abduction is measured) and makes the standing leg read abducted too.
        out["thigh_tilt"].append(angle_between(thigh, np.broadcast_to(np.array([0.0, 1.0]), thigh.shape)))
        out["ankle_to_knee"].append(np.linalg.norm(ankle - p[:, side_landmark(other, "knee")], axis=-1) / torso)
        out["knee_drop_toward"].append(signed_from(vertical_up, drop, toward_side))
        out["knee_drop"].append(angle_between(drop, vertical_up))  # knees up 0°, dropped to a side 50°+
        other_shoulder = p[:, side_landmark(other, "shoulder")]
        shoulder = p[:, side_landmark(side, "shoulder")]
        out["shoulder_rise"].append(
            np.degrees(np.arctan2(other_shoulder[:, 1] - shoulder[:, 1], np.abs(shoulder[:, 0] - other_shoulder[:, 0])))
        )
    return {name: np.stack(cols, axis=-1) for name, cols in out.items()}
