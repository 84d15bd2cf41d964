"""Finding a person too small in the picture for the pose detector: look again in a part of the picture, as large as
the whole (pure numpy: the region, and landmarks mapped back to the whole picture).

MediaPipe's pose detector sees the whole picture shrunk to 224 pixels square. A person lying far from the camera, or
seen end-on (a body lying along the camera's axis shows a fraction of its length), is then a few dozen pixels and is
not found: rendered 640×480 clips of a supine rotation filmed from the feet were found in 0 of 53 frames looked at,
a bridge from the feet in 2 of 51 and hip circles from behind in 6 of 33; the middle half of the same frames, the
detector's input twice as large, found them in 49, 17 and 14 (scratch measurement, stop 32;
benchmarks/small_people.py measures it). So when nobody is found in the whole picture, the middle half is looked at
(every ZOOM_SEARCH_S while nobody is found), and a person found there is followed in a half-picture region centred on
them, re-centred every frame, until the whole picture shows them again (looked at every RECHECK_S) or they are lost.
"""

from __future__ import annotations

import numpy as np

ZOOM_SEARCH_S = 0.5  # while nobody is found, the middle of the picture is looked at this often
RECHECK_S = 1.0  # while following a person in a region, the whole picture is looked at this often
SHARE = 0.5  # the region's width and height, as a share of the picture's


def middle(width: int, height: int) -> tuple[int, int, int, int]:
    """The middle SHARE of the picture: x0, y0, x1, y1 in pixels."""
    return around(width / 2, height / 2, width, height)


def around(cx: float, cy: float, width: int, height: int) -> tuple[int, int, int, int]:
    """A region SHARE of the picture in each direction centred on (cx, cy), moved inside the picture."""
    w, h = round(SHARE * width), round(SHARE * height)
    x0 = int(min(max(round(cx - w / 2), 0), width - w))
    y0 = int(min(max(round(cy - h / 2), 0), height - h))
    return x0, y0, x0 + w, y0 + h


def to_picture(xyzv: np.ndarray, region: tuple[int, int, int, int], width: int, height: int) -> np.ndarray:
    """Landmarks (33, 4) normalised to the region → normalised to the whole picture. z is in the scale of x (MediaPipe),
    so it shrinks with x; visibility is kept."""
    x0, y0, x1, y1 = region
    out = xyzv.copy()
    out[:, 0] = (x0 + xyzv[:, 0] * (x1 - x0)) / width
    out[:, 1] = (y0 + xyzv[:, 1] * (y1 - y0)) / height
    out[:, 2] = xyzv[:, 2] * (x1 - x0) / width
    return out


def centre(xyzv: np.ndarray, width: int, height: int) -> tuple[float, float]:
    """The middle of the box round a found person's landmarks, pixels (landmarks the model put outside the picture
    count: the region follows the whole body, then is moved inside the picture by around())."""
    points = xyzv[:, :2] * (width, height)
    finite = points[np.isfinite(points).all(axis=1)]
    low, high = finite.min(axis=0), finite.max(axis=0)
    return float((low[0] + high[0]) / 2), float((low[1] + high[1]) / 2)
