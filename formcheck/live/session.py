"""One live session: each captured frame goes pose → kinematics → coach (engine) → cues → files → overlay."""

from __future__ import annotations

import statistics
import time
from array import array
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from formcheck.draw.live_overlay import draw_live
from formcheck.engine.records import Cue
from formcheck.kinematics.track import LiveKinematics
from formcheck.live.coach import PAIN_STOP, Coach, CoachView, Event
from formcheck.live.cues import CueManager
from formcheck.live.grabber import Captured
from formcheck.live.pose_worker import Posed
from formcheck.live.recorder import SessionRecorder
from formcheck.live.voice import Voice
from formcheck.types import FrameKinematics
from formcheck.video.quality import too_dark

DARK_EVERY = 10  # frames between brightness checks


@dataclass
class Processed:
    """One frame through the pipeline: what to draw on it."""

    captured: Captured
    xyzv: np.ndarray
    fk: FrameKinematics
    view: CoachView
    notices: list[str]


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

    def summary(self, captured: int, dropped: int) -> dict[str, Any]:
        """Figures for summary.json and the benchmark."""
        lat = sorted(self.latency_s)
        wall = time.perf_counter() - self.started
        return {
            "frames_captured": captured,
            "frames_processed": len(lat),
            "frames_dropped": dropped,
            "processed_fps": round(len(lat) / wall, 2) if wall > 0 else 0.0,
            "latency_ms_median": round(1000 * statistics.median(lat), 1) if lat else None,
            "latency_ms_p95": round(1000 * lat[int(0.95 * (len(lat) - 1))], 1) if lat else None,
        }


class LiveSession:
    """Holds the stateful pieces of a session and moves one frame through them."""

    def __init__(self, coach: Coach, kinematics: LiveKinematics, recorder: SessionRecorder,
                 voice: Voice | None) -> None:  # fmt: skip
        self.coach = coach
        self.kinematics = kinematics
        self.recorder = recorder
        self.voice = voice
        severity = {r.id: r.severity for step in coach.steps for r in step.exercise.rules}
        self.cues = CueManager(severity)
        self.stats = LatencyStats()
        self._dark = False
        self._people = 1
        self.world: list[str] = []  # faults of the world seen during the session, for the summary
        self.t = 0.0

    def process(self, posed: Posed) -> Processed:
        """Kinematics, coach, cues and files for one frame and its pose (no pixels drawn yet)."""
        captured, pose, people = posed.captured, posed.pose, posed.people
        frame = captured.frame
        self.t = frame.t
        fk = self.kinematics.step(frame.t, frame.index, pose.xyzv)
        view = self.coach.update(fk)
        notices = self._world(frame.image, frame.index, people, frame.t)
        offered: list[Cue] = list(self.coach.cues)
        if view.result is not None:
            offered += view.result.cues
        said = self.cues.offer(offered, frame.t)
        if said is not None:
            self.recorder.events([Event(round(frame.t, 3), "cue", {"rule": said.rule_id, "kind": said.kind,
                                                                   "text": said.text})])  # fmt: skip
            if self.voice is not None:
                self.voice.say(said.text)
        counted = view.result.ready if view.result is not None else False
        phase = view.result.phase if view.result is not None else view.stage
        self.recorder.frame(view.step, pose.xyzv, fk, phase, counted)
        self._drain()
        return Processed(captured, pose.xyzv, fk, view, notices)

    def draw(self, p: Processed) -> None:
        """The overlay, onto the frame the pose came from; the latency is measured when it is done."""
        draw_live(p.captured.frame.image, p.xyzv, p.fk, p.view, self.cues.visible(p.fk.t), self.stats.fps, p.notices)
        self.stats.add(p.captured.captured_at, time.perf_counter())

    def key(self, key: str) -> bool:
        """A key press; returns False when the session should end."""
        if key == "q":
            self.coach.stop(self.t, "Stopped: you pressed q")
        elif key == "space":
            self.coach.pause(self.t)
        elif key == "s":
            self.coach.switch_side(self.t)
        elif key == "m" and self.voice is not None:
            muted = self.voice.toggle_mute()
            self.world.append("voice muted" if muted else "voice on")
        elif key == "p":
            self.coach.stop(self.t, PAIN_STOP)
        self._drain()
        return self.coach.stage != "stopped"

    def _drain(self) -> None:
        self.recorder.events(self.coach.events)
        self.coach.events.clear()
        for step, set_no, record in self.coach.records:
            self.recorder.record(step, set_no, record)
        self.coach.records.clear()

    def _world(self, image: np.ndarray, index: int, people: int, t: float) -> list[str]:
        """Faults of the world as short on-screen notices, each logged once when it starts."""
        if index % DARK_EVERY == 0:
            dark = too_dark(image)
            if dark and not self._dark:
                self._log(t, "dark", "Too dark: turn on a light or face a window")
            self._dark = dark
        if people > 1 and self._people <= 1:
            self._log(t, "two_people", "Two people in view: following the person who was here first")
        self._people = people
        notices = []
        if self._dark:
            notices.append("Too dark: turn on a light")
        if people > 1:
            notices.append("Two people in view: following the first")
        if self.voice is not None and self.voice.muted:
            notices.append("voice muted (m)")
        return notices

    def _log(self, t: float, kind: str, message: str) -> None:
        self.recorder.events([Event(round(t, 3), kind, {"message": message})])
        if message not in self.world:
            self.world.append(message)
