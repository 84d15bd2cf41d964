"""Joint angles per side from 2-D landmarks: the numbers every exercise rule is written in.

All angles are in the image plane (degrees). Sagittal angles (hip and knee flexion, trunk lean) are
meaningful in a side view, frontal ones (hip abduction, pelvic tilt, lateral lean) in a front view;
the exercise declarations say which view each rule needs.
"""

from __future__ import annotations

import numpy as np

from formcheck.kinematics.geometry import angle_between, dot, perpendicular_toward, signed_from
from formcheck.landmarks import Landmark, side_landmark

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
    "knee_ankle_ratio",
    "pelvis_twist",
    "thigh_spread",
    "thigh_opening",
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


# Signals that are ratios or distances in torso lengths, not angles: shown without a degree sign.
UNITLESS: frozenset[str] = frozenset(
    {"ankle_gap", "knee_gap", "knee_ankle_ratio", "knee_past_toe", "hip_above", "knee_above", "ankle_to_knee"}
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


def _body(p: np.ndarray) -> dict[str, np.ndarray]:
    """Whole-body quantities (the same on both sides) and the directions the per-side angles are taken in."""
    axes = body_axes(p)
    up, anterior = axes["up"], axes["anterior"]
    vertical_up = np.broadcast_to(np.array([0.0, -1.0]), up.shape)
    # Forward in the image for an upright person: where the toes (or face) point horizontally.
    forward_x = np.sign(np.where(np.isfinite(axes["toes"][:, 0]), axes["toes"][:, 0], anterior[:, 0]))
    forward = np.stack([forward_x, np.zeros_like(forward_x)], axis=-1)
    hip_line = p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP]
    shoulder_line = p[:, Landmark.LEFT_SHOULDER] - p[:, Landmark.RIGHT_SHOULDER]
    left_thigh = p[:, Landmark.LEFT_KNEE] - p[:, Landmark.LEFT_HIP]
    right_thigh = p[:, Landmark.RIGHT_KNEE] - p[:, Landmark.RIGHT_HIP]
    knee_mid = (p[:, Landmark.LEFT_KNEE] + p[:, Landmark.RIGHT_KNEE]) / 2
    return {
        **axes,
        "vertical_up": vertical_up,
        "forward": forward,
        "trunk_lean": signed_from(vertical_up, up, forward),
        # Pelvis rotated against the shoulders (a lying pelvis rolling back, hips not square).
        "pelvis_twist": angle_between(hip_line, shoulder_line),
        "thigh_spread": angle_between(left_thigh, right_thigh),
        "trunk_tilt": np.degrees(np.arctan2(np.abs(up[:, 1]), np.abs(up[:, 0]))),  # 0 = level, 90 = upright
        "drop": knee_mid - axes["hip_mid"],
        "knee_ankle_ratio": _knee_ankle_ratio(p),
    }


# Below this stance (ankles closer than this share of the hips' width) the knee-to-ankle ratio is a ratio of
# two small numbers and says nothing about the knees: feet together, or one foot behind the other.
KASR_MIN_STANCE = 0.5


def _knee_ankle_ratio(p: np.ndarray) -> np.ndarray:
    """Knee separation over ankle separation, across the picture (the knee-to-ankle separation ratio, KASR).

    Seen from the front it is the clinical frontal-plane screen of knees collapsing inward (Mizner et al. 2012;
    Willis et al. 2019): 1 with the knees over the ankles, more with them pushed out over the toes, less as they
    drift in. Unlike the frontal-plane projection angle it needs no thigh direction, which a deep squat filmed
    head-on foreshortens to nothing; the knees' and ankles' left-right positions stay in the picture.
    """
    knees = np.abs(p[:, Landmark.LEFT_KNEE, 0] - p[:, Landmark.RIGHT_KNEE, 0])
    ankles = np.abs(p[:, Landmark.LEFT_ANKLE, 0] - p[:, Landmark.RIGHT_ANKLE, 0])
    hips = np.abs(p[:, Landmark.LEFT_HIP, 0] - p[:, Landmark.RIGHT_HIP, 0])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((ankles > 0) & (ankles >= KASR_MIN_STANCE * hips), knees / ankles, np.nan)


# The hip flexes to ~120–140° at most (AAOS normal range 120°, more with the knee bent and the pelvis tilting
# under in a deep squat: real deep squats of the tuning set read up to 147°) and extends ~30°. An image
# angle past HIP_PLAUSIBLE_DEG is not a hip angle but a degenerate picture: a trunk pointing at the camera (on
# all fours filmed head-on) has no direction in the image, and the angle then reads ±170° and flips sign from
# frame to frame, which made fake cycles (a rendered front-view donkey kick counted 6 of 3). Not measurable.
HIP_PLAUSIBLE_DEG = 150.0


def _plausible_hip(deg: np.ndarray) -> np.ndarray:
    return np.where(np.abs(deg) <= HIP_PLAUSIBLE_DEG, deg, np.nan)


def _rise(this: np.ndarray, other: np.ndarray) -> np.ndarray:
    """How far `this` point sits above `other`, as an angle of the line between them (positive: higher)."""
    return np.degrees(np.arctan2(other[:, 1] - this[:, 1], np.abs(this[:, 0] - other[:, 0])))


def _opening(thigh: np.ndarray, other: np.ndarray, outward: np.ndarray) -> np.ndarray:
    """The angle from the other thigh to this one, negative while this one lies past the other (crossed).

    Lying on a side, the upper thigh (the clamshell's worked one) opens along the pelvis's left-right line, away from
    the lower leg. Closed, it often lies a little past the lower one in the picture (the upper knee a little in front
    of or below the other: the tuning set's real clamshells rest at −5° to −17°), and the unsigned spread read that
    crossing as a few degrees of opening that fell to 0° and rose again as the knee opened: a rep's first degrees went
    into undoing the crossing (a rendered half-range clamshell: 5° → 0° → 9.5°), and a small opening could not be told
    from the dip. Signed toward this hip's side of the other thigh, the same rep reads −5.8° → +9.5°, through 0°
    without a step. The world landmarks' sign was tried and dropped: where the thighs differ mostly in flexion it
    follows the noise, and the rendered half-range opening crossed its zero by 1°.
    """
    return signed_from(other, thigh, perpendicular_toward(other, outward))


def _side(p: np.ndarray, side: str, b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every signal for one side."""
    other = "right" if side == "left" else "left"
    hip, knee, ankle = (p[:, side_landmark(side, j)] for j in ("hip", "knee", "ankle"))
    heel, toe = p[:, side_landmark(side, "heel")], p[:, side_landmark(side, "foot_index")]
    other_hip, other_knee = p[:, side_landmark(other, "hip")], p[:, side_landmark(other, "knee")]
    thigh, shank, torso = knee - hip, ankle - knee, b["torso_px"]
    up, vertical_up, forward = b["up"], b["vertical_up"], b["forward"]
    down = np.broadcast_to(np.array([0.0, 1.0]), thigh.shape)
    outward = hip - other_hip
    toward_side = np.stack([np.sign(outward[:, 0]), np.zeros(len(outward))], axis=-1)
    return {
        "hip_flexion": _plausible_hip(signed_from(-up, thigh, b["anterior"])),
        "knee_flexion": 180.0 - angle_between(hip - knee, ankle - knee),
        "trunk_lean": b["trunk_lean"],
        # Abduction: thigh angle from the pelvis's downward normal, positive away from the midline.
        "hip_abduction": signed_from(perpendicular_toward(outward, -up), thigh, outward),
        "pelvis_rise": _rise(hip, other_hip),  # pelvic obliquity seen from this side: + this hip higher
        "trunk_lean_toward": signed_from(vertical_up, up, toward_side),  # lateral lean, + toward this side
        # Heel above the toe (image y grows downward): the heel has left the floor.
        "heel_lift": np.degrees(np.arctan2(toe[:, 1] - heel[:, 1], np.abs((toe - heel)[:, 0]))),
        "knee_past_toe": dot(knee - toe, forward) / torso,  # along the walking direction, torso lengths
        "shin_lean": signed_from(vertical_up, -shank, forward),
        # The thigh against the vertical (not the trunk): the leg's swing as the person sees it, + forward.
        "thigh_forward": signed_from(-vertical_up, thigh, forward),
        "ankle_gap": np.linalg.norm(ankle - p[:, side_landmark(other, "ankle")], axis=-1) / torso,
        "knee_gap": np.linalg.norm(knee - other_knee, axis=-1) / torso,
        "knee_ankle_ratio": b["knee_ankle_ratio"],
        "pelvis_twist": b["pelvis_twist"],
        "thigh_spread": b["thigh_spread"],
        "thigh_opening": _opening(thigh, other_knee - other_hip, outward),
        # Height of this hip (knee) over the other, in torso lengths: the upper side when lying on a side.
        "hip_above": (other_hip[:, 1] - hip[:, 1]) / torso,
        "knee_above": (other_knee[:, 1] - knee[:, 1]) / torso,
        "trunk_tilt": b["trunk_tilt"],
        "shin_tilt": angle_between(shank, down),
        # The thigh against the image vertical, whatever the pelvis does: which leg is lifted when a hike tilts
        # the pelvis (against which abduction is measured) and makes the standing leg read abducted too.
        "thigh_tilt": angle_between(thigh, down),
        "ankle_to_knee": np.linalg.norm(ankle - other_knee, axis=-1) / torso,
        "knee_drop_toward": signed_from(vertical_up, b["drop"], toward_side),
        "knee_drop": angle_between(b["drop"], vertical_up),  # knees up 0°, dropped to a side 50°+
        "shoulder_rise": _rise(p[:, side_landmark(side, "shoulder")], p[:, side_landmark(other, "shoulder")]),
    }


def compute_signals(xyzv: np.ndarray, width: int, height: int) -> dict[str, np.ndarray]:
    """Every named signal for every frame: name → array (T, 2) with columns left, right."""
    p = pixels(xyzv, width, height)
    body = _body(p)
    left, right = _side(p, "left", body), _side(p, "right", body)
    return {name: np.stack([left[name], right[name]], axis=-1) for name in SIGNALS}
