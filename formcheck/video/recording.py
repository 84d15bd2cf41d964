"""The live overlay saved as a video that keeps real time (a sink of its own, beside the window)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from formcheck.video.writer import H264Writer


class Recording:
    """Fragmented H.264 MP4: playable up to the last fragment even if the process dies."""

    def __init__(self, path: Path, width: int, height: int, fps: float) -> None:
        self.path = path
        self.fps = fps
        self._writer = H264Writer(path, width, height, fps, fragmented=True)
        self._written = 0

    def write(self, image: np.ndarray, t: float) -> None:
        """The frame of time `t` s; frames dropped while the model was busy are filled by repeating this one."""
        repeat = max(1, round(t * self.fps) + 1 - self._written)
        for _ in range(repeat):
            self._writer.write(image)
        self._written += repeat

    def close(self) -> None:
        """Finish the file."""
        self._writer.close()
