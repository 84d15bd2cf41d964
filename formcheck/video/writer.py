"""H.264 MP4 writer (browsers play it) through the ffmpeg binary shipped by imageio-ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

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
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{self.size[0]}x{self.size[1]}", "-r", f"{fps:.3f}",
            "-i", "-",
            # ultrafast: the encoder shares two cores with the pose model; veryfast cost 8–11 ms a 720p frame and
            # made --annotate 0.77× the speed of analyze, ultrafast 0.90× (benchmarks/pipeline.py).
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", "-pix_fmt", "yuv420p",
            # Fragmented MP4 stays playable up to the last fragment if the process dies (live recordings).
            "-movflags", "+frag_keyframe+empty_moov" if fragmented else "+faststart", str(self.path),
        ]  # fmt: skip
        # Its own session: a Ctrl-C in the terminal reaches formcheck, which closes the file, never ffmpeg.
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                                      start_new_session=True)  # fmt: skip

    def write(self, image: np.ndarray) -> None:
        """Append one frame (cropped to even size)."""
        assert self._proc.stdin is not None
        w, h = self.size
        self._proc.stdin.write(np.ascontiguousarray(image[:h, :w]).tobytes())

    def close(self) -> None:
        """Finish the file; raises if ffmpeg failed."""
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
        if self._proc.wait() != 0:
            raise FormcheckError(f"writing {self.path} failed: {err.strip()[-200:]}")
