"""Decoding or capture in its own thread, so the second core decodes while the first runs the model.

Live (`drop=True`) keeps only the newest frame: a slow consumer drops stale frames, never queues them, so
the overlay stays in time with the person. A file (`drop=False`) is read ahead into a short queue and no
frame is lost.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from formcheck.errors import FormcheckError
from formcheck.types import Frame

READ_AHEAD = 8  # frames decoded ahead of the model for a file


@dataclass(frozen=True)
class Captured:
    """A frame and the moment (perf_counter seconds) it arrived from the source."""

    frame: Frame
    captured_at: float


class FrameGrabber:
    """Reads a source on a daemon thread; `latest()` hands over the next frame (the newest one when dropping)."""

    def __init__(self, frames: Iterable[Frame], drop: bool = True) -> None:
        self._frames = frames
        self.drop = drop
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._queue: deque[Captured] = deque()
        self._stop = threading.Event()
        self.captured = 0
        self.dropped = 0
        self.ended = False
        self.error: FormcheckError | None = None
        self._thread = threading.Thread(target=self._run, name="capture", daemon=True)

    def start(self) -> FrameGrabber:
        """Start reading."""
        self._thread.start()
        return self

    def _put(self, frame: Frame) -> bool:
        with self._lock:
            while not self.drop and len(self._queue) >= READ_AHEAD and not self._stop.is_set():
                self._changed.wait(0.1)
            if self._stop.is_set():
                return False
            if self.drop and self._queue:
                self._queue.clear()
                self.dropped += 1  # the consumer was busy: this stale frame is replaced
            self._queue.append(Captured(frame, time.perf_counter()))
            self.captured += 1
            self._changed.notify_all()
        return True

    def _run(self) -> None:
        try:
            for frame in self._frames:
                if not self._put(frame):
                    break
        except FormcheckError as exc:
            self.error = exc
        except Exception as exc:  # a driver error mid-session is a world fault, reported as one line
            self.error = FormcheckError(f"the video source failed: {exc}")
        finally:
            with self._lock:
                self.ended = True
                self._changed.notify_all()

    def latest(self, timeout: float = 1.0) -> Captured | None:
        """The next frame not handed out yet; None when the source has ended (or nothing came in time)."""
        with self._lock:
            if not self._queue and not self.ended:
                self._changed.wait(timeout)
            item = self._queue.popleft() if self._queue else None
            self._changed.notify_all()
            return item

    @property
    def finished(self) -> bool:
        """The source has ended and every frame has been handed out."""
        with self._lock:
            return self.ended and not self._queue

    def stop(self) -> None:
        """Ask the reading thread to stop after its current frame."""
        self._stop.set()
        with self._lock:
            self._changed.notify_all()
        if self._thread.is_alive():  # never started: nothing to wait for
            self._thread.join(timeout=2.0)
