"""A video file as a frame source: an iterator of RGB Frames with container timestamps, like the camera."""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import FormcheckError
from formcheck.types import Frame, VideoInfo

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}
# The landmark model looks at the person at 256×256: a frame under 120 pixels on its short side holds a person
# already enlarged twice or more, whose joints are the model's guesses, not measurements.
MIN_SIDE_PX = 120
MIN_SECONDS = 0.5  # the quickest rep any exercise counts takes longer


def check_file(path: Path) -> None:
    """The file is there, is a file, and is not plainly something else (one clear line if not)."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FormcheckError(f"{path}: is a symbolic link that points back to itself; give the video file") from exc
        if path.is_symlink():
            raise FormcheckError(f"{path}: is a link to a file that is not there ({exc.strerror})") from exc
        raise FormcheckError(f"{path}: no such file; check the path") from exc
    if path.is_dir():
        raise FormcheckError(f"{path}: is a folder, not a video file")
    if path.stat().st_size == 0:
        raise FormcheckError(f"{path}: the file is empty (0 bytes); record or copy the video again")
    if path.suffix.lower() in IMAGE_SUFFIXES:
        raise FormcheckError(f"{path}: is a still image, not a video; give a video file (mp4, mov, avi, …)")
    if _looks_like_text(path):
        raise FormcheckError(f"{path}: is a text file, not a video; give a video file (mp4, mov, avi, …)")


def audio_only(path: Path) -> bool:
    """Whether ffmpeg finds sound but no picture in the file."""
    try:
        import imageio_ffmpeg

        probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],  # noqa: S603
                               capture_output=True, text=True, timeout=30)  # fmt: skip
    except (OSError, subprocess.SubprocessError, ImportError):
        return False
    return "Audio:" in probe.stderr and "Video:" not in probe.stderr


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
        check_file(self.path)
        self._cap = cv2.VideoCapture(str(self.path))
        # Phone videos carry a rotation tag; OpenCV applies it so frames come out upright.
        self._cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        ok, first = self._cap.read() if self._cap.isOpened() else (False, None)
        if not ok or first is None:
            self._cap.release()
            if audio_only(self.path):
                raise FormcheckError(f"{self.path}: holds only sound, no picture; give the video recording")
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
        self._check_usable(count)
        self.frames_read = 0

    def _check_usable(self, count: int) -> None:
        """Refuse what the model cannot judge rather than report made-up faults."""
        w, h = self.info.width, self.info.height
        if min(w, h) < MIN_SIDE_PX:
            self._cap.release()
            raise FormcheckError(f"{self.path}: is only {w}×{h} pixels, too small for the pose model to find the "
                                 f"joints (at least {MIN_SIDE_PX} pixels on the short side); record at a higher "
                                 "resolution")  # fmt: skip
        if 0 < count < MIN_SECONDS * self.info.fps:
            self._cap.release()
            raise FormcheckError(f"{self.path}: is only {count / self.info.fps:.1f} s long, too short to show one "
                                 f"repetition (at least {MIN_SECONDS:g} s); record the whole movement")  # fmt: skip

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
