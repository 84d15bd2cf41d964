"""The pose model on its own thread: the one pose loop, for a file and for the camera.

While the model works on frame N+1, the session thread runs the core and the sinks on frame N. Live
(`drop=True`) hands over only the newest result; a file queues a few so no frame is lost.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from formcheck.errors import FormcheckError
from formcheck.pipeline.grabber import Captured, FrameGrabber
from formcheck.types import People

QUEUE = 4  # results waiting for the session thread (a file)


class PoseFailed(FormcheckError):
    """The pose model raised mid-session: not the end of the recording; what was recorded is kept."""

    exit_code = 4


@dataclass(frozen=True)
class Posed:
    """A captured frame with the people found in it."""

    captured: Captured
    people: People


class PoseWorker:
    """Takes frames from the grabber, runs the model, hands results to the session thread."""

    def __init__(self, grabber: FrameGrabber, model: str, drop: bool = True) -> None:
        self.grabber = grabber
        self.model = model
        self.drop = drop
        self._lock = threading.Condition()
        self._out: deque[Posed] = deque()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self.error: FormcheckError | None = None
        self.ended = False
        self.model_s = 0.0  # time spent in the model, for the benchmark
        self.frames = 0
        self.dropped = 0  # results the session had no time to take
        self._thread = threading.Thread(target=self._run, name="pose", daemon=True)

    def start(self) -> PoseWorker:
        """Load the model (errors are raised here, before any frame) and start."""
        self._thread.start()
        self._ready.wait()
        if self.error is not None:
            raise self.error
        return self

    def _run(self) -> None:
        from formcheck.pose.estimator import PoseEstimator

        try:
            estimator = PoseEstimator(self.model)
        except FormcheckError as exc:
            self.error = exc
            self._ready.set()
            return
        except Exception as exc:  # the model could not load (a damaged file, a runtime problem)
            self.error = PoseFailed(f"the pose model '{self.model}' could not start: {exc}")
            self._ready.set()
            return
        self._ready.set()
        try:
            self._loop(estimator)
        except Exception as exc:
            self.error = PoseFailed(f"the pose model failed mid-session ({type(exc).__name__}: {exc}); "
                                    "everything recorded so far is kept")  # fmt: skip
        finally:
            estimator.close()
            with self._lock:
                self.ended = True
                self._lock.notify_all()

    def _loop(self, estimator: object) -> None:
        while not self._stop.is_set():
            captured = self.grabber.latest(timeout=0.2)
            if captured is None:
                if self.grabber.finished:
                    return
                continue
            t0 = time.perf_counter()
            people = estimator.estimate(captured.frame)  # type: ignore[attr-defined]
            self.model_s += time.perf_counter() - t0
            self.frames += 1
            with self._lock:
                while not self.drop and len(self._out) >= QUEUE and not self._stop.is_set():
                    self._lock.wait(0.1)
                if self.drop and self._out:
                    self._out.clear()
                    self.dropped += 1
                self._out.append(Posed(captured, people))
                self._lock.notify_all()

    def next(self, timeout: float = 0.5) -> Posed | None:
        """The next posed frame not handed out yet (None when there is none in time or the source ended)."""
        with self._lock:
            if not self._out and not self.ended:
                self._lock.wait(timeout)
            item = self._out.popleft() if self._out else None
            self._lock.notify_all()
            return item

    @property
    def finished(self) -> bool:
        """The model has stopped and every result has been handed out."""
        with self._lock:
            return self.ended and not self._out

    def stop(self) -> None:
        """Stop after the current frame."""
        self._stop.set()
        with self._lock:
            self._lock.notify_all()
        self._thread.join(timeout=5.0)
