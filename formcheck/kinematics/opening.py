"""Which measure of the angle between the thighs (a clamshell's opening) a frame is read with: the picture's or the
world landmarks'.

The thighs open in the plane of the pelvis's left-right line and the thigh. Filmed from in front of a person lying
on their side, that plane faces the camera and the picture's angle between the thighs is the opening itself (the
tuning set's real clamshells, and every rendered clamshell from the front or 30° round: the thigh stands 60–90° from
the hip line in the picture, |sin| ≥ 0.85 in nine frames of ten). From high behind the head, looking down the body,
the thighs point along the hip line in the picture and that plane is seen nearly edge-on: the picture's angle between
two almost parallel short lines flips sign from frame to frame, and rendered clamshells filmed so counted 6 and 8 of
3 (benchmarks/counting.py --rendered --only high-head-end; the check set's real overhead clamshell, 7 of 3, was
filmed so). The world landmarks' opening does not depend on where the camera stands (the same renders: 3 of 3) but
reads small openings smaller (a rendered half-range clamshell from the front: 7° against the picture's 15°, under
the 10° a rep needs), so it is taken only where the picture cannot show the opening.

The choice follows the last second's median of |sin| of the picture's angle between the thigh and the hip line,
with hysteresis: the world's under EDGE_ON (30°: the opening shows at half its size or less), the picture's again
over FACE_ON (45°). It is kept per segment: a camera cut starts afresh with the picture's, and
fewer than MIN_SAMPLES frames decide nothing.
"""

from __future__ import annotations

import math
import statistics
from collections import deque

import numpy as np

from formcheck.landmarks import Landmark

EDGE_ON = 0.5  # sin 30°
FACE_ON = 0.71  # sin 45°
WINDOW_S = 1.0
MIN_SAMPLES = 5  # fewer frames in the window decide nothing (a glitch is outvoted by its neighbours)


def thigh_across_hips(p: np.ndarray) -> np.ndarray:
    """|sin| of the picture's angle between the thighs' mean direction and the hip line, per frame (T,); pixels."""
    hips = p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP]
    thighs = (
        p[:, Landmark.LEFT_KNEE] + p[:, Landmark.RIGHT_KNEE] - p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP]
    ) / 2
    cross = hips[:, 0] * thighs[:, 1] - hips[:, 1] * thighs[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.abs(cross) / (np.linalg.norm(hips, axis=-1) * np.linalg.norm(thighs, axis=-1))


class OpeningView:
    """Per frame: read the opening from the world landmarks (True) or the picture (False)."""

    def __init__(self) -> None:
        self.world = False
        self._recent: deque[tuple[float, float]] = deque()
        self._segment = -1

    def update(self, t: float, segment: int, across: float) -> bool:
        """Feed a frame's |sin| (NaN: nobody); returns whether its opening is read from the world landmarks."""
        if segment != self._segment:
            self._segment, self.world, self._recent = segment, False, deque()
        if math.isfinite(across):
            self._recent.append((t, across))
        while self._recent and self._recent[0][0] < t - WINDOW_S:
            self._recent.popleft()
        if len(self._recent) >= MIN_SAMPLES:
            level = statistics.median(v for _, v in self._recent)
            if self.world and level > FACE_ON:
                self.world = False
            elif not self.world and level < EDGE_ON:
                self.world = True
        return self.world
