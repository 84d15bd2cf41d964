"""The pose model on its own thread, so the model works on frame N+1 while the session draws frame N."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from formcheck.errors import FormcheckError
from formcheck.live.grabber import Captured, FrameGrabber
from formcheck.pose.estimator import PoseEstimator
from formcheck.types import Pose


@dataclass(frozen=True)
class Posed:
    """A captured frame with the pose found in it and the people last counted."""

    captured: Captured
    pose: Pose
    people: int


class PoseWorker:
    """Takes the newest captured frame, runs the model, hands the newest result to the session."""

    def __init__(self, grabber: FrameGrabber, model: str) -> None:
        self.grabber = grabber
        self.model = model
        self._lock = threading.Condition()
        self._latest: Posed | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self.error: FormcheckError | None = None
        self.ended = False
        self.model_s = 0.0  # time spent in the model, for the benchmark
        self.frames = 0
        self.dropped = 0  # results the session had no time to take (rare: drawing is faster than the model)
        self._thread = threading.Thread(target=self._run, name="pose", daemon=True)

    def start(self) -> PoseWorker:
        """Load the model (errors are raised here, before any frame) and start."""
        self._thread.start()
        self._ready.wait()
        if self.error is not None:
            raise self.error
        return self

    def _run(self) -> None:
        try:
            estimator = PoseEstimator(self.model)
        except FormcheckError as exc:
            self.error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while not self._stop.is_set():
                captured = self.grabber.latest(timeout=0.2)
                if captured is None:
                    if self.grabber.ended:
                        break
                    continue
                t0 = time.perf_counter()
                pose, people = estimator.estimate(captured.frame)
                self.model_s += time.perf_counter() - t0
                self.frames += 1
                with self._lock:
                    if self._latest is not None:
                        self.dropped += 1
                    self._latest = Posed(captured, pose, people)
                    self._lock.notify()
        finally:
            estimator.close()
            with self._lock:
                self.ended = True
                self._lock.notify()

    def latest(self, timeout: float = 0.5) -> Posed | None:
        """The newest posed frame not handed out yet (None when there is none in time or the source ended)."""
        with self._lock:
            if self._latest is None and not self.ended:
                self._lock.wait(timeout)
            item, self._latest = self._latest, None
            return item

    def stop(self) -> None:
        """Stop after the current frame."""
        self._stop.set()
        self._thread.join(timeout=5.0)
