"""The annotated video of an analysis: each frame drawn and encoded on its own thread, behind inference.

A frame waits here until the core has judged it (the kinematics look LAG_S ahead), then gets the skeleton
the model saw, the exercise's key angles and the counts, and goes to the H.264 encoder. The video is a review
copy at most MAX_HEIGHT lines tall: the analysis itself always sees the full frame, and scaling a 1080p frame
down before drawing and encoding it costs less than drawing and encoding it whole (benchmarks/pipeline.py).
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Sequence

import cv2
import numpy as np

from formcheck.draw.overlay import draw_angles, draw_panel, draw_skeleton
from formcheck.errors import FormcheckError
from formcheck.session.core import Tick
from formcheck.session.plan import Step
from formcheck.types import Frame, Pose, VideoInfo
from formcheck.video.writer import H264Writer

_END = None
MAX_HEIGHT = 720


class AnnotatedVideo:
    """add() every analysed frame with its pose and the ticks the core returned; finish() at the end."""

    def __init__(self, path: object, info: VideoInfo, step: Step) -> None:
        from pathlib import Path

        self.step = step
        scale = min(1.0, MAX_HEIGHT / info.height) if info.height > 0 else 1.0
        # Even sizes (H.264 in yuv420p), rounded down: never wider or taller than the frame they are cut from.
        self._size = (int(info.width * scale) // 2 * 2, int(info.height * scale) // 2 * 2)
        self._scaled = scale < 1.0
        # Bilinear for the usual 1080p → 720p (0.7 ms a frame against 3.5 ms for INTER_AREA; at a 1.5× reduction
        # the difference is slight aliasing on fine texture); INTER_AREA beyond 2× (portrait phone video, 4K).
        self._interpolation = cv2.INTER_LINEAR if scale >= 0.5 else cv2.INTER_AREA
        self._writer = H264Writer(Path(str(path)), *self._size, min(info.fps, 30.0))
        self._waiting: deque[tuple[Frame, Pose]] = deque()
        self._queue: queue.Queue[tuple[np.ndarray, Pose, Tick] | None] = queue.Queue(maxsize=16)
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="annotate", daemon=True)
        self._thread.start()

    def add(self, frame: Frame, pose: Pose, ticks: Sequence[Tick]) -> None:
        """A frame fed to the core, and the ticks that feeding returned (for this or earlier frames)."""
        self._waiting.append((frame, pose))
        self._pair(ticks)

    def _pair(self, ticks: Sequence[Tick]) -> None:
        for tick in ticks:
            while self._waiting:
                frame, pose = self._waiting.popleft()
                if frame.index == tick.fk.index:
                    self._queue.put((frame.image, pose, tick))
                    break

    def _run(self) -> None:
        target = self.step.target
        try:
            while (item := self._queue.get()) is not _END:
                image, pose, tick = item
                if self._scaled:
                    image = cv2.resize(image, self._size, interpolation=self._interpolation)
                draw_skeleton(image, pose.xyzv)
                result = tick.view.result
                if result is not None:
                    draw_angles(image, pose.xyzv, tick.fk, self.step.exercise, result.work_side)
                    draw_panel(image, self.step.exercise, result, target)
                self._writer.write(image)
        except BaseException as exc:  # reported by finish(), on the session thread
            self.error = exc
            while self._queue.get() is not _END:
                pass

    def finish(self, ticks: Sequence[Tick]) -> None:
        """The last ticks; waits for the encoder and closes the file."""
        self._pair(ticks)
        self._queue.put(_END)
        self._thread.join()
        self._writer.close()
        if self.error is not None:
            raise FormcheckError(f"writing the annotated video failed: {self.error}")
