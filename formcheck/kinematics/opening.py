"""Which measure of the legs' spread lying down (the angle between the thighs of a clamshell, the lift of a
side-lying abduction) a frame is read with: the picture's or the world landmarks'.

Both movements happen in the plane of the pelvis's left-right line and the thigh. Filmed from in front of a person
lying on their side that plane faces the camera, and the picture's angle is the movement itself (the tuning set's
real clamshells and side-lying abductions, |cos| of the angle between the plane's normal and the camera's axis
≥ 0.92 in 9 frames of 10; the renders from the front, at every range and tempo and with a second person, ≥ 0.91 in 99
of 100; the model reads the clamshell filmed 30° round at 0.43–0.72, median 0.52 and 0.54, and the side-lying
abduction there at 0.98). From high behind the head, looking down the body, the plane is seen
nearly edge-on (|cos| 0.2–0.26 at the median): rendered clamshells filmed so counted 6 and 8 of 3, the picture's
angle between two almost parallel lines flipping sign from frame to frame, and a side-lying abduction's 40° lifts
read about 10° in the picture, at the edge of its 8° minimum: 2 of 3 (benchmarks/counting.py --rendered --only
high-head-end). The world landmarks' angles are measured in the model's 3-D estimate, whatever the picture
foreshortens (the same renders: 3 of 3 each), but they are noisier in depth and read small openings smaller (a
rendered half-range clamshell from the front: 7° against the picture's 15°, under the 10° a rep needs), so they are
taken only where the picture cannot show the movement.

Tilting the plane by a from facing the camera shrinks what it shows across the tilt by cos a (how much an angle in it
shrinks depends on how the angle lies in the plane, so cos a is a rough scale, not the reading). The choice follows
the last second's median of that |cos| (plane_facing) with hysteresis: the world's under EDGE_ON (a third: roughly,
an exercise's typical 35–40° rep then shows as 12–13° or less, near the 8–10° minimum excursion that keeps jitter from
counting; on the renders above every counted view stays over 0.43 and the high head-end ones sit at 0.2–0.26), the
picture's again over FACE_ON (half). It is kept per segment: a camera cut starts afresh with the picture's, and fewer
than MIN_SAMPLES frames in the window decide nothing. Only frames of a person lying down are judged, the choice
holding LYING_GRACE_S past the last of them, and a frame without world landmarks keeps the picture's
(formcheck.kinematics.stream).
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections import deque

import numpy as np

from formcheck.landmarks import Landmark

EDGE_ON = 1 / 3  # the picture shows a third of the movement or less
FACE_ON = 0.5  # half of it or more
WINDOW_S = 1.0
MIN_SAMPLES = 5  # fewer frames in the window decide nothing (a glitch is outvoted by its neighbours)
LYING_GRACE_S = 1.5  # as long as counting goes on through a setup failure (formcheck.engine.setup.LOST_AFTER_S)


def plane_facing(world: np.ndarray) -> np.ndarray:
    """How squarely the plane of the hip line and a thigh faces the camera, per frame (T,): |cos| of the angle between
    its normal and the camera's axis, the larger of the two thighs' (from the front that is the resting thigh's: the
    other's plane turns away as it opens or lifts); NaN without world landmarks. The world landmarks' axes are the
    camera's, z along its axis (a MediaPipe maintainer: google-ai-edge/mediapipe#4205)."""
    hips = world[:, Landmark.LEFT_HIP] - world[:, Landmark.RIGHT_HIP]
    out = []
    for hip, knee in ((Landmark.LEFT_HIP, Landmark.LEFT_KNEE), (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE)):
        normal = np.cross(hips, world[:, knee] - world[:, hip])
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(np.abs(normal[:, 2]) / np.linalg.norm(normal, axis=-1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a frame with neither thigh: NaN
        return np.nanmax(np.stack(out), axis=0)


class OpeningView:
    """Per frame: read the legs' spread from the world landmarks (True) or the picture (False)."""

    def __init__(self) -> None:
        self.world = False
        self._recent: deque[tuple[float, float]] = deque()
        self._segment = -1
        self._lying_t = -math.inf  # the last frame in which the person was lying down

    def update(self, t: float, segment: int, facing: float, lying: bool) -> bool:
        """Feed a frame's plane_facing (NaN: nobody) and whether the person lies down in it; returns whether the legs'
        spread is read from the world landmarks. Only frames lying down are judged, and the choice holds for up to
        LYING_GRACE_S after the last of them: a frame or two read out of "horizontal" mid-rep (the posture is judged
        per frame) keeps the measure the rep began with, and a person who stands up goes back to the picture's."""
        if segment != self._segment:
            self._segment, self.world, self._recent, self._lying_t = segment, False, deque(), -math.inf
        if lying:
            self._lying_t = t
            if math.isfinite(facing):
                self._recent.append((t, facing))
        elif t - self._lying_t > LYING_GRACE_S:
            self.world = False  # up: lying down again starts with the picture's
        while self._recent and self._recent[0][0] < t - WINDOW_S:
            self._recent.popleft()
        if len(self._recent) >= MIN_SAMPLES:
            level = statistics.median(v for _, v in self._recent)
            if self.world and level > FACE_ON:
                self.world = False
            elif not self.world and level < EDGE_ON:
                self.world = True
        return self.world
