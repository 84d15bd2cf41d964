"""Which measure of the angle between the thighs (a clamshell's opening) a frame is read with: the picture's or the
world landmarks'.

The thighs open in the plane of the pelvis's left-right line and the thigh. Filmed from in front of a person lying
on their side, that plane faces the camera and the picture's angle between the thighs is the opening itself (the
tuning set's real clamshells, and every rendered clamshell from the front or 30° round: the resting thigh stands
65-90° from the hip line in the picture, |sin| ≥ 0.9 in 99 frames of 100 but for one render's 0.64 while a second
person kneels behind). From high behind the head, looking down the body, the thighs point along the hip line in the
picture and that plane is seen nearly edge-on: the picture's angle between two almost parallel lines flips sign from
frame to frame, and rendered clamshells filmed so counted 6 and 8 of 3 (benchmarks/counting.py --rendered --only
high-head-end). The world landmarks' opening is measured in the model's 3-D estimate, whatever the picture
foreshortens (the same renders: 3 of 3), but it is noisier in depth and reads small openings smaller (a rendered
half-range clamshell from the front: 7° against the picture's 15°, under the 10° a rep needs), so it is taken only
where the picture cannot show the opening.

The choice follows the last second's median of |sin| of the picture's angle between the hip line and the thigh more
across it, with hysteresis: the world's under EDGE_ON (30°: the picture's angle between the thighs then changes by
about half the opening or less, before the foreshortening of the lines themselves), the picture's again over FACE_ON
(45°). It is kept per segment: a camera cut starts afresh with the picture's, and fewer than MIN_SAMPLES frames in
the window decide nothing. A frame without world landmarks keeps the picture's (formcheck.kinematics.stream).
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections import deque

import numpy as np

from formcheck.landmarks import Landmark

EDGE_ON = 0.5  # sin 30°
FACE_ON = 0.71  # sin 45°
WINDOW_S = 1.0
MIN_SAMPLES = 5  # fewer frames in the window decide nothing (a glitch is outvoted by its neighbours)


def thigh_across_hips(p: np.ndarray) -> np.ndarray:
    """|sin| of the picture's angle between the hip line and the thigh more across it, per frame (T,); pixels.

    The thigh more across the hip line is the one that stays (the lower one), so the measure does not move with the
    opening itself: the upper thigh turns toward the hip line as it opens."""
    hips = p[:, Landmark.LEFT_HIP] - p[:, Landmark.RIGHT_HIP]
    out = []
    for hip, knee in ((Landmark.LEFT_HIP, Landmark.LEFT_KNEE), (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE)):
        thigh = p[:, knee] - p[:, hip]
        cross = hips[:, 0] * thigh[:, 1] - hips[:, 1] * thigh[:, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(np.abs(cross) / (np.linalg.norm(hips, axis=-1) * np.linalg.norm(thigh, axis=-1)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a frame with neither thigh: NaN
        return np.nanmax(np.stack(out), axis=0)


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
