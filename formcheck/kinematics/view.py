"""Camera view, the side nearer the camera, and the body's posture, per frame."""

from __future__ import annotations

import numpy as np

from formcheck.kinematics.angles import body_axes, pixels
from formcheck.landmarks import Landmark

# Shoulder and hip widths seen in the image, relative to the torso length. Facing the camera the
# shoulders are ~0.7 torso lengths apart and the hips ~0.5 (adult anthropometry: biacromial
# ~0.37 m, bi-iliac ~0.28 m, shoulder-to-hip ~0.50 m); side-on both shrink toward zero. A 30°
# oblique gives ~0.3, so views between the two cut-offs are called oblique.
SIDE_MAX_WIDTH = 0.22
FRONT_MIN_WIDTH = 0.38
UPRIGHT_MAX_DEG = 45.0  # trunk within 45° of vertical: standing, kneeling or sitting
HORIZONTAL_MIN_DEG = 55.0  # trunk beyond 55° from vertical: lying or on all fours


def view_metric(xyzv: np.ndarray, width: int, height: int) -> np.ndarray:
    """Mean of the shoulder and hip widths in the image, in torso lengths (T,)."""
    p = pixels(xyzv, width, height)
    torso = body_axes(p)["torso_px"]
    shoulders = np.linalg.norm(p[:, Landmark.LEFT_SHOULDER] - p[:, Landmark.RIGHT_SHOULDER], axis=-1)
    hips = np.linalg.norm(p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP], axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (shoulders + hips) / 2.0 / torso


def classify_view(metric: np.ndarray) -> np.ndarray:
    """ "side", "front", "oblique" or "none" from the width metric."""
    view = np.full(metric.shape, "none", dtype=object)
    view[metric <= SIDE_MAX_WIDTH] = "side"
    view[metric >= FRONT_MIN_WIDTH] = "front"
    view[(metric > SIDE_MAX_WIDTH) & (metric < FRONT_MIN_WIDTH)] = "oblique"
    return view


def facing_side(xyzv: np.ndarray) -> np.ndarray:
    """The body side nearer the camera: lower MediaPipe z (depth) over shoulder, hip and knee."""
    left = xyzv[:, [Landmark.LEFT_SHOULDER, Landmark.LEFT_HIP, Landmark.LEFT_KNEE], 2].mean(axis=1)
    right = xyzv[:, [Landmark.RIGHT_SHOULDER, Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE], 2].mean(axis=1)
    out = np.full(left.shape, "", dtype=object)
    out[left < right] = "left"
    out[right <= left] = "right"
    return out


def classify_posture(xyzv: np.ndarray, width: int, height: int) -> np.ndarray:
    """ "upright", "horizontal", "quadruped" or "none" from the trunk angle and the hands."""
    p = pixels(xyzv, width, height)
    axes = body_axes(p)
    up = axes["up"]
    from_vertical = np.degrees(np.arctan2(np.abs(up[:, 0]), -up[:, 1]))
    wrists = (p[:, Landmark.LEFT_WRIST] + p[:, Landmark.RIGHT_WRIST]) / 2.0
    shoulders = (p[:, Landmark.LEFT_SHOULDER] + p[:, Landmark.RIGHT_SHOULDER]) / 2.0
    # On all fours the hands are on the floor, well below the shoulders (more than half a torso).
    hands_down = (wrists[:, 1] - shoulders[:, 1]) > 0.5 * axes["torso_px"]
    out = np.full(from_vertical.shape, "none", dtype=object)
    out[from_vertical <= UPRIGHT_MAX_DEG] = "upright"
    horizontal = from_vertical >= HORIZONTAL_MIN_DEG
    out[horizontal] = "horizontal"
    out[horizontal & hands_down] = "quadruped"
    return out
