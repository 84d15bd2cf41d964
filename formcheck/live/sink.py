"""What a live session does with each frame besides recording it: cues (one at a time, spoken), faults of the
world (dark, more than one person), the overlay in the window and in the recording, and the frame rate."""

from __future__ import annotations

import statistics
import time
from array import array
from collections import deque
from collections.abc import Sequence

import numpy as np

from formcheck.draw.live_overlay import draw_live
from formcheck.live.cues import CueManager
from formcheck.live.voice import Voice
from formcheck.pipeline.pose_worker import Posed
from formcheck.session.core import SessionCore, Tick
from formcheck.session.view import CoachView, Event
from formcheck.summary import LiveStats
from formcheck.types import FrameKinematics, Pose
from formcheck.video.quality import too_dark

DARK_EVERY = 10  # frames between brightness checks
DONE_LINGER_S = 3.0  # "All done" stays on screen this long before the window closes


class LatencyStats:
    """Processed frames, frame rate and capture-to-overlay latency, in constant memory per frame."""

    def __init__(self) -> None:
        self.latency_s = array("d")  # 8 bytes a frame: 20 minutes at 30 fps is 288 kB
        self._recent: deque[float] = deque(maxlen=30)
        self.started = time.perf_counter()

    def add(self, captured_at: float, done_at: float) -> None:
        """One frame drawn at `done_at`, captured at `captured_at` (perf_counter seconds)."""
        self.latency_s.append(done_at - captured_at)
        self._recent.append(done_at)

    @property
    def fps(self) -> float:
        """Frames processed per second over the last 30 frames."""
        if len(self._recent) < 2:
            return 0.0
        return (len(self._recent) - 1) / max(self._recent[-1] - self._recent[0], 1e-6)

    def summary(self, captured: int, dropped: int, model_ms: float | None) -> LiveStats:
        """Figures for summary.json and the benchmark."""
        lat = sorted(self.latency_s)
        wall = time.perf_counter() - self.started
        return LiveStats(
            frames_captured=captured,
            frames_processed=len(lat),
            frames_dropped=dropped,
            processed_fps=round(len(lat) / wall, 2) if wall > 0 else 0.0,
            latency_ms_median=round(1000 * statistics.median(lat), 1) if lat else None,
            latency_ms_p95=round(1000 * lat[int(0.95 * (len(lat) - 1))], 1) if lat else None,
            model_ms=model_ms,
        )


class LiveSink:
    """The live driver's sink; `window` and `recording` are optional (headless, no --record)."""

    def __init__(self, core: SessionCore, window: object | None, recording: object | None,
                 voice: Voice | None, headless: bool) -> None:  # fmt: skip
        self.core = core
        self.window = window
        self.recording = recording
        self.voice = voice
        self.headless = headless
        severity = {r.id: r.severity for step in core.steps for r in step.exercise.rules}
        self.cues = CueManager(severity)
        self.stats = LatencyStats()
        self.view: CoachView | None = None
        self.fk: FrameKinematics | None = None
        self.world: list[str] = []  # faults of the world seen during the session, for the summary
        self._dark = False
        self._people = 1
        self._done_at: float | None = None
        self._frames = 0

    def frame(self, posed: Posed, pose: Pose, ticks: Sequence[Tick]) -> str:
        frame = posed.captured.frame
        for tick in ticks:
            self._say(tick)
            self.view, self.fk = tick.view, tick.fk
        notices = self._notices(frame.image, frame.index, posed.people.counted, frame.t)
        key = ""
        if self.window is not None:
            canvas = self.window.canvas(frame.image)  # type: ignore[attr-defined]
            self._draw(canvas, pose, notices, frame.t)
            key = self.window.show(canvas)  # type: ignore[attr-defined]
        if self.recording is not None:
            canvas = frame.image.copy() if self.window is not None else frame.image
            self._draw(canvas, pose, notices, frame.t)
            self.recording.write(canvas, frame.t)  # type: ignore[attr-defined]
        self._frames += 1
        self.stats.add(posed.captured.captured_at, time.perf_counter())
        if key == "m" and self.voice is not None:
            self.world.append("voice muted" if self.voice.toggle_mute() else "voice on")
            self.core.events.append(Event(round(frame.t, 3), "voice", {"muted": self.voice.muted}))
            return ""
        if key == "f":
            self.core.events.append(Event(round(frame.t, 3), "fullscreen", {"on": bool(self.window.fullscreen)}))  # type: ignore[union-attr]
            return ""
        return key

    def _draw(self, canvas: np.ndarray, pose: Pose, notices: list[str], t: float) -> None:
        draw_live(canvas, pose.xyzv, self.fk, self.view, self.cues.visible(t), self.stats.fps, notices)

    def ended(self, ticks: Sequence[Tick]) -> None:
        for tick in ticks:  # the last frames, judged when the session stopped: their cues are logged too
            self._say(tick)
            self.view, self.fk = tick.view, tick.fk

    def done(self, core: SessionCore, t: float) -> bool:
        if core.stage != "done":
            return False
        self._done_at = t if self._done_at is None else self._done_at
        return self.headless or t - self._done_at >= DONE_LINGER_S

    def _say(self, tick: Tick) -> None:
        said = self.cues.offer(tick.cues, tick.fk.t)
        if said is None:
            return
        self.core.events.append(Event(round(tick.fk.t, 3), "cue", {"rule": said.rule_id, "kind": said.kind,
                                                                   "text": said.text}))  # fmt: skip
        if self.voice is not None:
            self.voice.say(said.text)

    def _notices(self, image: np.ndarray, index: int, people: int, t: float) -> list[str]:
        """Faults of the world as short on-screen notices, each logged once when it starts."""
        if index % DARK_EVERY == 0:
            dark = too_dark(image)
            if dark and not self._dark:
                self._log(t, "dark", "Too dark: turn on a light or face a window")
            self._dark = dark
        if people > 1 and self._people <= 1 and "more than one person in view" not in self.world:
            self.world.append("more than one person in view")  # the core logs the event
        self._people = people
        notices = []
        if self._dark:
            notices.append("Too dark: turn on a light")
        if people > 1:
            notices.append("Following the person exercising")
        if self.voice is not None and self.voice.muted:
            notices.append("voice muted (m)")
        return notices

    def _log(self, t: float, kind: str, message: str) -> None:
        self.core.events.append(Event(round(t, 3), kind, {"message": message}))
        if message not in self.world:
            self.world.append(message)
