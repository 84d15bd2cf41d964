"""Finding everyone in a picture with a one-person detector: cover each found head, look again, and tell a new person
from one found before (pure numpy on image landmarks in pixels, (33, 2))."""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import Landmark as L

HEAD = slice(L.NOSE, L.MOUTH_RIGHT + 1)  # nose, eyes, ears, mouth
TORSO = [L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP]
BODY = [L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_ELBOW, L.RIGHT_ELBOW, L.LEFT_WRIST, L.RIGHT_WRIST,
        L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE]  # fmt: skip
MIRRORED = [BODY[i + 1 - 2 * (i % 2)] for i in range(len(BODY))]  # each body point's counterpart on the other side

# The same person found again: half or more of their shoulders, elbows, wrists, hips, knees and ankles (the median
# point) within this share of their torso of the found person's, with left and right as found or swapped. With the
# head covered, the same body is often found again facing the other way, or with its head and shoulders guessed
# elsewhere (a real squat, real/squat_correct_007, was found twice in half its frames, mirrored), so no single point
# decides; a therapist kneeling just behind a patient's pelvis has their hips where the patient's are at the top of
# a bridge (benchmarks/stress.py, bridge-second-kneeling), and nothing else.
FOUND_AGAIN_TORSO = 0.3
# The pose detector finds a person by the head. The square covered around a found head reaches this many times the
# head landmarks' spread from their centre, and never less than 0.6 of the shoulders' width (a head seen from behind
# or far away), nor less than 8 pixels.
HEAD_REACH = 1.2
MIN_HALF_PX = 8.0
# A head square mostly outside the picture (a standing therapist's head above the frame) covers nothing: their
# shoulders-to-hips box is covered instead, or the detector would find them again and again.
MIN_ON_PICTURE = 0.25


def torso_px(points: np.ndarray) -> float:
    """Shoulder-centre to hip-centre length in pixels (at least 1)."""
    shoulders = points[[L.LEFT_SHOULDER, L.RIGHT_SHOULDER]].mean(axis=0)
    hips = points[[L.LEFT_HIP, L.RIGHT_HIP]].mean(axis=0)
    return max(float(np.linalg.norm(shoulders - hips)), 1.0)


def found_again(new: np.ndarray, other: np.ndarray) -> bool:
    """Is `new` the person already found as `other` (most of their body where theirs is, either way round)?"""
    apart = min(float(np.median(np.linalg.norm(new[BODY] - other[side], axis=1))) for side in (BODY, MIRRORED))
    return apart < FOUND_AGAIN_TORSO * max(torso_px(new), torso_px(other))


def made_up_inside(new: np.ndarray, other: np.ndarray) -> bool:
    """Is `new` a body made up in `other`'s limbs: its head inside the box of their shoulders, elbows, wrists, hips,
    knees and ankles? With a lone person's head covered the detector can find "a person" there (a real bridge with a
    ball between the knees, real/bridge-with-ball-squeeze, gave one in a third of its frames); a therapist kneeling
    behind a lying patient has their head above the patient, and the patient's head lies beyond theirs."""
    head, body = new[HEAD].mean(axis=0), other[BODY]
    return bool(np.all(head >= body.min(axis=0)) and np.all(head <= body.max(axis=0)))


def cover(image: np.ndarray, points: np.ndarray, fill: np.ndarray) -> None:
    """Paint over a found person's head in `image` (in place) with `fill`; over their torso when the head's square
    lies mostly outside the picture."""
    height, width = image.shape[:2]
    head = points[HEAD]
    shoulders = float(np.linalg.norm(points[L.LEFT_SHOULDER] - points[L.RIGHT_SHOULDER]))
    half = max(HEAD_REACH * float(np.ptp(head, axis=0).max()), 0.6 * shoulders, MIN_HALF_PX)
    low, high = head.mean(axis=0) - half, head.mean(axis=0) + half
    if _share_on_picture(low, high, width, height) < MIN_ON_PICTURE:
        low, high = points[TORSO].min(axis=0), points[TORSO].max(axis=0)
    x0, y0 = (int(max(0.0, v)) for v in low)
    x1, y1 = int(min(float(width), high[0])), int(min(float(height), high[1]))
    if x0 < x1 and y0 < y1:
        image[y0:y1, x0:x1] = fill


def _share_on_picture(low: np.ndarray, high: np.ndarray, width: int, height: int) -> float:
    inside = np.clip(np.minimum(high, (width, height)) - np.maximum(low, 0.0), 0.0, None)
    return float(np.prod(inside) / max(float(np.prod(high - low)), 1.0))
