"""Stick-figure landmark sequences with known joint angles, for testing without camera or model."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from formcheck.landmarks import Landmark as L
from formcheck.types import PoseTrack

W, H = 640, 480
TORSO = 100.0  # px, hip centre to shoulder centre
THIGH, SHANK, FOOT = 90.0, 88.0, 28.0


@dataclass(frozen=True)
class Body:
    """Joint angles (degrees) of a stick figure."""

    hip_flexion: float = 0.0  # side view: thigh from the trunk line, + toward the front
    knee_flexion: float = 5.0
    trunk_lean: float = 0.0  # side view, standing: + forward
    lying: bool = False  # supine, head to the left of the image, seen from the side
    abduction_left: float = 3.0  # front view
    abduction_right: float = 3.0
    pelvis_tilt: float = 0.0  # front view: + raises the left hip
    trunk_lateral: float = 0.0  # front view: + leans toward the person's left
    heel_lift: float = 0.0  # side view: heel raised by this angle
    right_hip_flexion: float | None = None  # side view: the far leg, when it differs


def _rot(d: np.ndarray, n: np.ndarray, deg: float) -> np.ndarray:
    a = math.radians(deg)
    return d * math.cos(a) + n * math.sin(a)


def _head(p: np.ndarray, shoulder: np.ndarray, up: np.ndarray, ant: np.ndarray, side_view: bool) -> None:
    nose = shoulder + 0.45 * TORSO * up + (0.12 * TORSO * ant if side_view else 0)
    ear = shoulder + 0.42 * TORSO * up - (0.02 * TORSO * ant if side_view else 0)
    for lm in (L.LEFT_EYE_INNER, L.LEFT_EYE, L.LEFT_EYE_OUTER, L.RIGHT_EYE_INNER, L.RIGHT_EYE, L.RIGHT_EYE_OUTER):
        p[lm] = nose + 0.05 * TORSO * up
    p[L.NOSE] = nose
    p[L.MOUTH_LEFT] = p[L.MOUTH_RIGHT] = nose - 0.06 * TORSO * up
    p[L.LEFT_EAR] = ear
    p[L.RIGHT_EAR] = ear


def side_pose(b: Body) -> np.ndarray:
    """33×4 landmarks (normalised x, y, z, visibility), person facing image-right (left side nearer)."""
    if b.lying:
        hip = np.array([360.0, 330.0])
        up = np.array([-1.0, 0.0])  # hip → shoulder
        ant = np.array([0.0, -1.0])  # supine: the front faces the ceiling
    else:
        hip = np.array([320.0, 230.0])
        lean = math.radians(b.trunk_lean)
        up = np.array([math.sin(lean), -math.cos(lean)])
        ant = np.array([math.cos(lean), math.sin(lean)])
    down = -up
    shoulder = hip + TORSO * up
    p = np.zeros((33, 2))
    for side, hf in (
        ("LEFT", b.hip_flexion),
        ("RIGHT", b.right_hip_flexion if b.right_hip_flexion is not None else b.hip_flexion),
    ):
        thigh = _rot(down, ant, hf)
        shank = _rot(down, ant, hf - b.knee_flexion)
        lift = math.radians(b.heel_lift)
        foot = np.array([math.cos(lift), math.sin(lift)])  # along the floor toward the toes; heel up tips it down
        knee = hip + THIGH * thigh
        ankle = knee + SHANK * shank
        p[L[f"{side}_HIP"]] = hip
        p[L[f"{side}_KNEE"]] = knee
        p[L[f"{side}_ANKLE"]] = ankle
        p[L[f"{side}_HEEL"]] = ankle - 0.25 * FOOT * foot + 8 * shank
        p[L[f"{side}_FOOT_INDEX"]] = ankle + FOOT * foot + 8 * shank
        p[L[f"{side}_SHOULDER"]] = shoulder
        elbow = shoulder + 0.55 * TORSO * down if not b.lying else shoulder + 0.55 * TORSO * np.array([1.0, 0.0])
        p[L[f"{side}_ELBOW"]] = elbow
        p[L[f"{side}_WRIST"]] = elbow + 0.5 * TORSO * (elbow - shoulder) / np.linalg.norm(elbow - shoulder)
        for finger in ("PINKY", "INDEX", "THUMB"):
            p[L[f"{side}_{finger}"]] = p[L[f"{side}_WRIST"]]
    # Depth: the near (left) side a little closer; the far side slightly offset like a real view.
    _head(p, shoulder, up, ant, side_view=True)
    out = np.zeros((33, 4))
    out[:, :2] = p / (W, H)
    right = [lm for lm in L if lm.name.startswith("RIGHT")]
    out[:, 2] = -0.1
    out[right, 2] = 0.1
    out[right, 0] += 0.004
    out[:, 3] = 0.99
    out[right, 3] = 0.9
    return out


def front_pose(b: Body) -> np.ndarray:
    """33×4 landmarks of a person facing the camera (their left side at image right)."""
    hip_mid = np.array([320.0, 250.0])
    tilt = math.radians(b.pelvis_tilt)
    half = 0.28 * TORSO / 2 * 1.8  # half hip width
    pelvis = np.array([math.cos(tilt), -math.sin(tilt)])  # right hip → left hip
    hips = {"LEFT": hip_mid + half * pelvis, "RIGHT": hip_mid - half * pelvis}
    lat = math.radians(b.trunk_lateral)
    up = np.array([math.sin(lat), -math.cos(lat)])
    shoulder_mid = hip_mid + TORSO * up
    across = np.array([-up[1], up[0]])  # image-right perpendicular to the trunk
    p = np.zeros((33, 2))
    pelvis_down = np.array([math.sin(tilt), math.cos(tilt)])
    for side, sign, abd in (("LEFT", 1.0, b.abduction_left), ("RIGHT", -1.0, b.abduction_right)):
        outward = sign * pelvis
        thigh = _rot(pelvis_down, outward, abd)
        knee = hips[side] + THIGH * thigh
        ankle = knee + SHANK * thigh
        p[L[f"{side}_HIP"]] = hips[side]
        p[L[f"{side}_KNEE"]] = knee
        p[L[f"{side}_ANKLE"]] = ankle
        p[L[f"{side}_HEEL"]] = ankle + np.array([0.0, 8.0])
        p[L[f"{side}_FOOT_INDEX"]] = ankle + np.array([sign * 6.0, 14.0])
        shoulder = shoulder_mid + sign * 0.37 * TORSO * across
        p[L[f"{side}_SHOULDER"]] = shoulder
        p[L[f"{side}_ELBOW"]] = shoulder + np.array([sign * 8.0, 55.0])
        p[L[f"{side}_WRIST"]] = shoulder + np.array([sign * 10.0, 105.0])
        for finger in ("PINKY", "INDEX", "THUMB"):
            p[L[f"{side}_{finger}"]] = p[L[f"{side}_WRIST"]]
    _head(p, shoulder_mid, up, np.zeros(2), side_view=False)
    p[L.LEFT_EAR] = shoulder_mid + 0.42 * TORSO * up + 0.08 * TORSO * across
    p[L.RIGHT_EAR] = shoulder_mid + 0.42 * TORSO * up - 0.08 * TORSO * across
    p[L.NOSE] = shoulder_mid + 0.45 * TORSO * up
    out = np.zeros((33, 4))
    out[:, :2] = p / (W, H)
    out[:, 3] = 0.99
    return out


def track(bodies: Callable[[float], Body], duration_s: float, fps: float = 30.0, view: str = "side") -> PoseTrack:
    """A PoseTrack sampling `bodies(t)` at fps."""
    t = np.arange(0.0, duration_s, 1.0 / fps)
    make = side_pose if view == "side" else front_pose
    xyzv = np.stack([make(bodies(float(ti))) for ti in t])
    return PoseTrack(t, np.arange(len(t)), xyzv, W, H)


def reps(
    base: Body,
    field: str,
    rest: float,
    peak: float,
    n: int,
    rep_s: float = 3.0,
    lead_s: float = 1.5,
    faults: Sequence[dict[str, float]] | None = None,
) -> tuple[Callable[[float], Body], float]:
    """n smooth reps of one field from rest to peak (cosine), with an optional per-rep dict of changes.

    Each fault dict is applied in proportion to the rep's progress (so it peaks with the rep).
    """

    def at(t: float) -> Body:
        k = (t - lead_s) / rep_s
        if k < 0 or k >= n:
            return replace(base, **{field: rest})
        i = int(k)
        phase = 0.5 - 0.5 * math.cos(2 * math.pi * (k - i))
        body = replace(base, **{field: rest + (peak - rest) * phase})
        if faults and faults[i]:
            body = replace(body, **{f: getattr(base, f) + (v - getattr(base, f)) * phase for f, v in faults[i].items()})
        return body

    return at, lead_s * 2 + n * rep_s
