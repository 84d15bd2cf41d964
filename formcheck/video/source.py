"""A video file as a frame source: an iterator of RGB Frames with container timestamps, like the camera."""

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

    def __init__(self, path: str | Path, max_fps: float | None = None) -> None:
        self.path = Path(path)
        self.max_fps = max_fps
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
        """Frames in RGB (converted here, on the decode thread), at most `max_fps` a second when set.

        Frames skipped by the sampling are only grabbed (decoded, not converted); the ones kept keep their
        container timestamps and their index in the file.
        """
        last_t = -1.0
        next_t = 0.0
        index = 0
        frame = self._first
        self._first = None
        step = 1.0 / self.max_fps if self.max_fps else 0.0
        try:
            while True:
                if index == 0:
                    t = 0.0
                else:
                    if not self._cap.grab():
                        return
                    t = self._cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
                    if not np.isfinite(t) or t <= last_t:
                        t = last_t + 1.0 / self.info.fps
                last_t = t
                # Keep a frame once the next sampling instant is reached (a quarter-frame early is on time).
                if t >= next_t - 0.25 / self.info.fps:
                    if frame is None:
                        ok, frame = self._cap.retrieve()
                        if not ok or frame is None:
                            return
                    next_t = max(next_t + step, t + 0.5 * step)
                    yield Frame(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB, dst=frame), t, index)
                frame = None
                self.frames_read = index + 1
                index += 1
        finally:
            self._cap.release()

    def close(self) -> None:
        """Release the decoder."""
        self._cap.release()
