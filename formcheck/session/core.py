"""The session core: the one object that analyze, live, a batch worker and the tests feed frame by frame.

people in view → the exerciser (formcheck.session.people) → kinematics (one stream, the same smoothing and
glitch filter for files and the camera) → coach and engine (reps, holds, faults, cues) → ticks for the sinks.
The drivers differ only in their source (file, paced file, camera) and their sinks (files, overlay, window,
voice); none of them has its own loop, segmentation or summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from formcheck.engine.records import Cue, HoldRecord, RepRecord
from formcheck.kinematics.stream import KinematicsStream
from formcheck.session.coach import COUNTDOWN_S, Coach
from formcheck.session.people import PersonSelector
from formcheck.session.plan import Step
from formcheck.session.view import CoachView, Event
from formcheck.types import FrameKinematics, People, Pose


@dataclass(frozen=True)
class Tick:
    """One frame out of the core: its kinematics and what the session made of it."""

    fk: FrameKinematics
    view: CoachView

    @property
    def cues(self) -> list[Cue]:
        """Everything this frame offers to say (the session's own prompts and the engine's cues)."""
        return list(self.view.cues) + (list(self.view.result.cues) if self.view.result is not None else [])


@dataclass(frozen=True)
class Kept:
    """A finished rep or hold and where it belongs in the session."""

    step: int
    set_no: int
    record: RepRecord | HoldRecord


class SessionCore:
    """Feed it every frame's people with feed(); call stop() (or finish()) at the end."""

    def __init__(self, steps: list[Step], width: int, height: int, guided: bool,
                 countdown_s: float = COUNTDOWN_S, batch: int = 1) -> None:  # fmt: skip
        self.coach = Coach(steps, countdown_s if guided else 0.0, guided=guided)
        self.kinematics = KinematicsStream(width, height, batch)  # batch: frames judged together (files)
        self.people = PersonSelector()
        self.t = 0.0
        self.events: list[Event] = []
        self.kept: list[Kept] = []
        self.advice: list[tuple[int, str]] = []  # (step, advice told once per set), drained by the driver

    @property
    def steps(self) -> list[Step]:
        """The prescription being followed."""
        return self.coach.steps

    def feed(self, t: float, index: int, people: People) -> tuple[Pose, list[Tick]]:
        """One frame's people: returns the person followed and the frames the kinematics completed."""
        pose = self.people.choose(t, people, self.coach.current.exercise)
        self.events += self.people.events
        self.people.events.clear()
        ticks = [self._tick(fk) for fk in self.kinematics.push(t, index, pose)]
        return pose, ticks

    def _tick(self, fk: FrameKinematics) -> Tick:
        self.t = fk.t
        view = self.coach.update(fk)
        self._drain()
        return Tick(fk, view)

    def _drain(self) -> None:
        self.events += self.coach.events
        self.coach.events.clear()
        self.kept += [Kept(step, set_no, record) for step, set_no, record in self.coach.records]
        self.coach.records.clear()
        self.advice += self.coach.advice
        self.coach.advice.clear()

    def key(self, key: str, t: float) -> None:
        """A control from the user: pause (space), switch side (s)."""
        if key == "space":
            self.coach.pause(t)
        elif key == "s":
            self.coach.switch_side(t)
        self._drain()

    def flush(self) -> list[Tick]:
        """The frames still in the kinematics window, judged now (the input has ended)."""
        return [self._tick(fk) for fk in self.kinematics.flush()]

    def stop(self, reason: str) -> list[Tick]:
        """End the session: the frames still in the kinematics window are judged, then everything is closed."""
        ticks = self.flush()
        self.coach.stop(self.t, reason)
        self._drain()
        return ticks

    @property
    def stage(self) -> str:
        """The coach's stage ("done" or "stopped" at the end)."""
        return self.coach.stage
