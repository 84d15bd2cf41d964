"""Small vector helpers over arrays of 2-D image points (pixels, y pointing down)."""

from __future__ import annotations

import numpy as np


def unit(v: np.ndarray) -> np.ndarray:
    """Normalise vectors along the last axis (NaN where the length is zero)."""
    norm = np.linalg.norm(v, axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norm > 1e-9, v / norm, np.nan)


def dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot product."""
    return np.einsum("...i,...i->...", a, b)


def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Z of the 2-D cross product a × b."""
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unsigned angle between vectors, degrees."""
    return np.degrees(np.arctan2(np.abs(cross(a, b)), dot(a, b)))


def signed_from(reference: np.ndarray, v: np.ndarray, positive_dir: np.ndarray) -> np.ndarray:
    """Angle of v from reference (degrees), positive when v turns toward positive_dir."""
    ref = unit(reference)
    return np.degrees(np.arctan2(dot(v, unit(positive_dir)), dot(v, ref)))


def perpendicular_toward(axis: np.ndarray, toward: np.ndarray) -> np.ndarray:
    """Unit vector perpendicular to axis on the side where `toward` points."""
    perp = unit(np.stack([-axis[..., 1], axis[..., 0]], axis=-1))
    flip = np.sign(dot(perp, toward))
    flip = np.where(flip == 0, 1.0, flip)
    return perp * flip[..., None]
