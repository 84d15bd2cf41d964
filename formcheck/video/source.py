"""Frame sources: a video file now, a webcam later; both are iterators of Frame to everything else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import FormcheckError
from formcheck.types import Frame, VideoInfo

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}


def _looks_like_text(path: Path) -> bool:
    """ffmpeg happily 'plays' text files as ANSI art; real videos are binary in their first bytes."""
    with path.open("rb") as f:
        head = f.read(4096)
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class FileSource:
    """Decodes a video file; timestamps come from the container (variable frame rate safe)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise FormcheckError(f"{self.path}: no such file; check the path")
        if self.path.is_dir():
            raise FormcheckError(f"{self.path}: is a folder, not a video file")
        if self.path.stat().st_size == 0:
            raise FormcheckError(f"{self.path}: the file is empty (0 bytes); record or copy the video again")
        if self.path.suffix.lower() in IMAGE_SUFFIXES:
            raise FormcheckError(f"{self.path}: is a still image, not a video; give a video file (mp4, mov, avi, …)")
        if _looks_like_text(self.path):
            raise FormcheckError(f"{self.path}: is a text file, not a video; give a video file (mp4, mov, avi, …)")
        self._cap = cv2.VideoCapture(str(self.path))
        # Phone videos carry a rotation tag; OpenCV applies it so frames come out upright.
        self._cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        ok, first = self._cap.read() if self._cap.isOpened() else (False, None)
        if not ok or first is None:
            self._cap.release()
            raise FormcheckError(
                f"{self.path}: not a readable video (unknown format or damaged file); "
                "convert it to mp4 (H.264) and try again"
            )
        self._first: np.ndarray | None = first
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        count = int(self._cap.get(cv2.CAP_PROP_FRAME_COUNT))
        self.info = VideoInfo(
            width=int(first.shape[1]),
            height=int(first.shape[0]),
            fps=float(fps) if fps and 0 < fps < 1000 else 30.0,
            frame_count=max(count, 1),
            source=str(self.path),
        )
        if count == 1:
            self._cap.release()
            raise FormcheckError(f"{self.path}: holds a single image, not a video; give a video file")
        self.frames_read = 0

    def __iter__(self) -> Iterator[Frame]:
        last_t = -1.0
        index = 0
        frame = self._first
        self._first = None
        try:
            while frame is not None:
                t = self._cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
                if index == 0:
                    t = 0.0
                if not np.isfinite(t) or t <= last_t:
                    t = last_t + 1.0 / self.info.fps if index else 0.0
                yield Frame(frame, t, index)
                self.frames_read = index + 1
                last_t, index = t, index + 1
                ok, frame = self._cap.read()
                if not ok:
                    frame = None
        finally:
            self._cap.release()

    def close(self) -> None:
        """Release the decoder."""
        self._cap.release()
