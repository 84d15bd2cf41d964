"""The session as a state machine: setup, countdown, counting, side switch, rest between sets, next exercise.

Pure logic over FrameKinematics and time; the engine does all counting and judging. A guided (live) session
walks through the prescription; an unguided one (a recording being analysed) counts everything from the
first frame, because nobody can be asked to wait for a countdown or to switch sides.
"""

from __future__ import annotations

from typing import Any

from formcheck.engine.engine import ExerciseEngine
from formcheck.engine.records import Cue, FrameResult, HoldRecord, RepRecord
from formcheck.engine.setup import ViewVote
from formcheck.session.plan import Step
from formcheck.session.view import CoachView, Event
from formcheck.types import FrameKinematics

COUNTDOWN_S = 3.0  # time to get into the start position once the camera sees the setup right
SWITCH_PROMPT_S = 4.0  # the side-switch prompt stays up this long
PAIN_STOP = "Stop here: pain is a signal to stop. Rest, and tell your therapist."


class Coach:
    """Leads one person through the steps; feed it every frame's kinematics."""

    def __init__(self, steps: list[Step], countdown_s: float = COUNTDOWN_S, guided: bool = True) -> None:
        if not steps:
            raise ValueError("a session needs at least one step")
        self.steps = steps
        self.countdown_s = countdown_s
        self.guided = guided
        self.step = 0
        self.set_no = 1
        self.side_index = 0
        self.stage = "setup"
        self._since = 0.0
        self.engine: ExerciseEngine | None = None
        self._base: dict[str, int] = {}
        self.events: list[Event] = []  # drained by the caller each frame
        self.records: list[tuple[int, int, RepRecord | HoldRecord]] = []  # (step, set, record); caller drains
        self.advice: list[tuple[int, str]] = []  # (step, advice); caller drains
        self.cues: list[Cue] = []  # this frame's cues from the session itself (setup, prompts)
        self.stop_reason = ""
        self._final: dict[str, int] = {}
        self._vote: ViewVote | None = None  # the setup check's view vote, before counting
        if not guided:
            self.engine = ExerciseEngine(steps[0].exercise, ready_after_s=0.0, rep_s=steps[0].rep_s)
            self._base = dict.fromkeys(self.engine.sides, 0)
            self.stage = "active"

    # --- helpers -----------------------------------------------------------------------------
    @property
    def current(self) -> Step:
        """The step in progress (the last one when done)."""
        return self.steps[min(self.step, len(self.steps) - 1)]

    def _emit(self, t: float, kind: str, **data: Any) -> None:
        self.events.append(Event(round(t, 3), kind, data))

    def _keep(self, t: float, record: RepRecord | HoldRecord) -> None:
        self.records.append((self.step, self.set_no, record))
        self._emit(t, "rep" if isinstance(record, RepRecord) else "hold", exercise=self.current.exercise.name,
                   set=self.set_no, side=record.side, number=record.number, faults=list(record.faults))  # fmt: skip

    def done(self) -> dict[str, int]:
        """Valid reps (or completed holds) per side in the current set."""
        if self.engine is None:
            if self.stage in ("done", "stopped") and self._final:
                return dict(self._final)  # the last exercise's counts stay on screen at the end
            return dict.fromkeys(self.current.sides, 0)
        return {s: self.engine.valid.get(s, 0) - self._base.get(s, 0) for s in self.current.sides}

    @property
    def side(self) -> str:
        """The side to work now."""
        sides = self.current.sides
        return sides[min(self.side_index, len(sides) - 1)]

    # --- controls ----------------------------------------------------------------------------
    def pause(self, t: float) -> None:
        """Space: pause (frames are ignored) or resume (through the countdown)."""
        if self.stage == "paused":
            self.stage, self._since = ("countdown" if self.engine is not None else "setup"), t
            self._emit(t, "resume")
        elif self.stage not in ("done", "stopped"):
            self.stage = "paused"
            self._emit(t, "pause")

    def switch_side(self, t: float) -> None:
        """S: the person moves on to the other side now."""
        sides = self.current.sides
        if len(sides) > 1 and self.stage not in ("done", "stopped"):
            self.side_index = (self.side_index + 1) % len(sides)
            self.stage, self._since = "switch", t
            self._emit(t, "switch_side", side=self.side, by="key")

    def stop(self, t: float, reason: str) -> None:
        """End the session now (quit, pain, lost camera); the current exercise is closed and kept."""
        if self.stage in ("done", "stopped"):
            return
        self._close_step(t)
        self.stage, self.stop_reason = "stopped", reason
        self._emit(t, "stopped", reason=reason)

    # --- per frame ---------------------------------------------------------------------------
    def update(self, fk: FrameKinematics) -> CoachView:
        """Advance with one frame; returns what to show."""
        t = fk.t
        self.cues = []
        result: FrameResult | None = None
        step = self.current
        # Before counting the coach checks the setup; while counting, the engine's own setup gate does. Both vote
        # the view over the last frames (a classifier flicker neither blocks nor passes the setup).
        if self._vote is None or self._vote.exercise is not step.exercise:
            self._vote = ViewVote(step.exercise)
        issue = self._vote.problem(fk) if self.stage in ("setup", "countdown") else ""
        if self.stage == "setup":
            if not issue:
                self.stage, self._since = "countdown", t
                self._emit(t, "countdown", exercise=step.exercise.name, set=self.set_no)
            else:
                self.cues.append(Cue("setup", issue, t, kind="setup"))
        elif self.stage == "countdown":
            if issue:
                self.stage = "setup"
                self.cues.append(Cue("setup", issue, t, kind="setup"))
            elif t - self._since >= self.countdown_s:
                if self.engine is None:
                    self.engine = ExerciseEngine(step.exercise, ready_after_s=0.0, rep_s=step.rep_s)
                    self._base = dict.fromkeys(self.engine.sides, 0)
                self.stage = "active"
                self._emit(t, "start", exercise=step.exercise.name, set=self.set_no, side=self.side)
                self.cues.append(Cue("start", "Go", t, kind="info"))
        elif self.stage == "rest" and t - self._since >= step.rest_s:
            self.stage = "setup"
        if self.stage in ("active", "switch") and self.engine is not None:
            told = len(self.engine.advice)
            result = self.engine.update(fk)
            self.advice += [(self.step, a) for a in self.engine.advice[told:]]
            issue = result.setup_message
            for record in result.finished:
                self._keep(t, record)
            if self.stage == "switch" and t - self._since >= SWITCH_PROMPT_S:
                self.stage = "active"
            if self.guided:
                self._progress(t)
        return self._view(t, issue, result)

    def _progress(self, t: float) -> None:
        step = self.current
        done = self.done()
        if done.get(self.side, 0) >= step.target:
            remaining = [i for i, s in enumerate(step.sides) if done.get(s, 0) < step.target]
            if remaining:
                self.side_index = remaining[0]
                self.stage, self._since = "switch", t
                self._emit(t, "switch_side", side=self.side, by="target")
                self.cues.append(Cue("switch", self._switch_text(), t, kind="prompt"))
                return
            self._emit(t, "set_done", exercise=step.exercise.name, set=self.set_no, done=done)
            if self.set_no < step.sets:
                self.set_no += 1
                self.side_index = 0
                assert self.engine is not None
                self._base = dict(self.engine.valid)
                self.engine.tempo.new_set()
                self.stage, self._since = "rest", t
                self.cues.append(Cue("rest", f"Set done. Rest {step.rest_s:.0f} seconds", t, kind="prompt"))
                return
            self._close_step(t)
            self.step += 1
            self.set_no, self.side_index = 1, 0
            if self.step >= len(self.steps):
                self.stage = "done"
                self._emit(t, "done")
                self.cues.append(Cue("done", "All done. Well done!", t, kind="praise"))
            else:
                self.stage = "rest"
                self._since = t
                self.cues.append(Cue("next", f"Next: {self.current.exercise.title}", t, kind="prompt"))

    def _close_step(self, t: float) -> None:
        if self.engine is not None:
            self._final = self.done()
            closing = len(self.engine.records)
            for record in self.engine.finish()[closing:]:
                self._keep(t, record)  # a hold still running when the exercise ends
            self._emit(t, "exercise_done", exercise=self.current.exercise.name)
        self.engine = None

    def _switch_text(self) -> str:
        return f"Switch sides: now your {self.side} leg"

    def _view(self, t: float, issue: str, result: FrameResult | None) -> CoachView:
        step = self.current
        left = 0.0
        prompt = ""
        if self.stage == "countdown":
            left = max(0.0, self.countdown_s - (t - self._since))
            prompt = f"{left:.0f}" if left >= 0.5 else "Go"
            left = max(left, 0.0)
        elif self.stage == "rest":
            left = max(0.0, step.rest_s - (t - self._since))
            prompt = f"Rest {left:.0f} s"
        elif self.stage == "switch":
            prompt = self._switch_text()
        elif self.stage == "paused":
            prompt = "Paused: press space to go on"
        elif self.stage == "done":
            prompt = "All done. Well done!"
        elif self.stage == "stopped":
            prompt = self.stop_reason
        return CoachView(
            stage=self.stage, step=min(self.step, len(self.steps) - 1), steps=len(self.steps),
            exercise=step.exercise, set_no=self.set_no, sets=step.sets, side=self.side, done=self.done(),
            target=step.target, hold_s=step.hold_s, seconds_left=left, prompt=prompt, setup=issue, result=result,
            cues=tuple(self.cues),
        )  # fmt: skip
