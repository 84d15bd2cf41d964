"""Stills for the report: the video frame at a moment with the skeleton drawn on it, or, with no video,
the skeleton alone drawn from the saved landmarks."""

from __future__ import annotations

import base64
from pathlib import Path

import cv2
import numpy as np

from formcheck.draw.overlay import draw_skeleton

MAX_WIDTH = 480  # stills are thumbnails in the report; the file stays small


def _frame_at(video: Path, t: float) -> np.ndarray | None:
    cap = cv2.VideoCapture(str(video))
    try:
        cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        cap.set(cv2.CAP_PROP_POS_MSEC, max(t, 0.0) * 1000.0)
        ok, image = cap.read()
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB) if ok else None
    finally:
        cap.release()


def still(xyzv: np.ndarray, width: int, height: int, t: float, video: Path | None) -> tuple[str, str]:
    """A data: URI of the moment `t` (JPEG of the video frame, or PNG of the drawn skeleton) and its origin."""
    image = _frame_at(video, t) if video is not None else None
    origin = "video"
    if image is None:
        image = np.full((max(height, 1), max(width, 1), 3), 235, np.uint8)
        origin = "skeleton"
    draw_skeleton(image, xyzv)
    scale = min(1.0, MAX_WIDTH / image.shape[1])
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)  # the encoders take BGR
    if origin == "video":
        ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 82])
        mime = "image/jpeg"
    else:
        ok, buf = cv2.imencode(".png", image)
        mime = "image/png"
    if not ok:
        raise RuntimeError("could not encode a still")  # cv2 always encodes a valid uint8 image
    return f"data:{mime};base64,{base64.b64encode(buf.tobytes()).decode('ascii')}", origin
