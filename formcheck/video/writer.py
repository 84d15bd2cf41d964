"""H.264 MP4 writer (browsers play it) through the ffmpeg binary shipped by imageio-ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import FormcheckError


def _ffmpeg() -> str:
    try:
        import imageio_ffmpeg
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise FormcheckError("annotated video needs imageio-ffmpeg: pip install imageio-ffmpeg") from exc
    return str(imageio_ffmpeg.get_ffmpeg_exe())


class H264Writer:
    """Write RGB frames to an H.264 MP4 (yuv420p) at a fixed frame rate."""

    def __init__(self, path: str | Path, width: int, height: int, fps: float, fragmented: bool = False) -> None:
        self.path = Path(path)
        self.size = (width - width % 2, height - height % 2)  # yuv420p needs even sizes
        cmd = [
            _ffmpeg(), "-y", "-loglevel", "error",
            # The frames arrive as I420, converted here by OpenCV: that costs 0.2 ms a 720p frame and saves ffmpeg's
            # RGB conversion (1.8 ms) and half the bytes through the pipe (ffmpeg CPU 1.13 → 0.70 s for 240 frames).
            # OpenCV takes each 2×2 block's colour from one of its pixels where ffmpeg filters: the overlay's lines
            # and letters are drawn 2 px wide or more, so they keep their colour.
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{self.size[0]}x{self.size[1]}", "-r", f"{fps:.3f}",
            "-i", "-",
            # ultrafast: the encoder shares two cores with the pose model; veryfast cost 8–11 ms a 720p frame and
            # made --annotate 0.77× the speed of analyze, ultrafast 0.90× (benchmarks/pipeline.py).
            # One encoder thread: both cores are the model's already, and x264's thread hand-offs cost CPU
            # (ffmpeg 0.70 → 0.64 CPU-s for 240 720p frames); ultrafast at 720p keeps far ahead of 30 fps alone.
            "-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-crf", "28", "-pix_fmt", "yuv420p",
            # Fragmented MP4 stays playable up to the last fragment if the process dies (live recordings).
            "-movflags", "+frag_keyframe+empty_moov" if fragmented else "+faststart", str(self.path),
        ]  # fmt: skip
        # Its own session: a Ctrl-C in the terminal reaches formcheck, which closes the file, never ffmpeg.
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                                      start_new_session=True)  # fmt: skip

    def write(self, image: np.ndarray) -> None:
        """Append one RGB frame (cropped to even size)."""
        assert self._proc.stdin is not None
        w, h = self.size
        self._proc.stdin.write(cv2.cvtColor(np.ascontiguousarray(image[:h, :w]), cv2.COLOR_RGB2YUV_I420).data)

    def close(self) -> None:
        """Finish the file; raises if ffmpeg failed."""
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
        if self._proc.wait() != 0:
            raise FormcheckError(f"writing {self.path} failed: {err.strip()[-200:]}")
