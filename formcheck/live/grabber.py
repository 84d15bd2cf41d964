"""Capture in its own thread and keep only the newest frame: a slow consumer drops stale frames, never queues them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from formcheck.errors import FormcheckError
from formcheck.types import Frame


@dataclass(frozen=True)
class Captured:
    """A frame and the moment (perf_counter seconds) it arrived from the source."""

    frame: Frame
    captured_at: float


class FrameGrabber:
    """Reads a source on a daemon thread; `latest()` hands over the newest unseen frame."""

    def __init__(self, frames: Iterable[Frame]) -> None:
        self._frames = frames
        self._lock = threading.Lock()
        self._fresh = threading.Condition(self._lock)
        self._latest: Captured | None = None
        self._stop = threading.Event()
        self.captured = 0
        self.dropped = 0
        self.ended = False
        self.error: FormcheckError | None = None
        self._thread = threading.Thread(target=self._run, name="capture", daemon=True)

    def start(self) -> FrameGrabber:
        """Start capturing."""
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            for frame in self._frames:
                with self._lock:
                    if self._latest is not None:
                        self.dropped += 1  # the consumer was busy: this stale frame is replaced
                    self._latest = Captured(frame, time.perf_counter())
                    self.captured += 1
                    self._fresh.notify()
                if self._stop.is_set():
                    break
        except FormcheckError as exc:
            self.error = exc
        except Exception as exc:  # a driver error mid-session is a world fault, reported as one line
            self.error = FormcheckError(f"the video source failed: {exc}")
        finally:
            with self._lock:
                self.ended = True
                self._fresh.notify()

    def latest(self, timeout: float = 1.0) -> Captured | None:
        """The newest frame not handed out yet; None when the source has ended (or nothing came in time)."""
        with self._lock:
            if self._latest is None and not self.ended:
                self._fresh.wait(timeout)
            item, self._latest = self._latest, None
            return item

    def stop(self) -> None:
        """Ask the capture thread to stop after its current frame."""
        self._stop.set()
        self._thread.join(timeout=2.0)
