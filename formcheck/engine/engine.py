"""The exercise engine: one call per frame turns kinematics into reps, holds, faults and cues."""

from __future__ import annotations

import math
from collections import deque

from formcheck.engine.counters import Excursion, HoldSpan, HoldTimer, RepCounter
from formcheck.engine.records import Cue, FrameResult, HoldRecord, RepRecord
from formcheck.engine.rules import Movement, frame_side, frame_violates, judge, peak_time, side_value, top_hold_s
from formcheck.engine.setup import READY_AFTER_S, SetupGate
from formcheck.exercises.spec import Exercise, HoldMotion, RepMotion
from formcheck.types import FrameKinematics

BUFFER_S = 120.0  # frames kept for judging the movement in progress (longest hold + margin)


def _finite(value: float) -> float:
    return value if math.isfinite(value) else -math.inf


class ExerciseEngine:
    """Counts and judges one exercise; the same object serves analyze and the live session."""

    def __init__(self, exercise: Exercise, ready_after_s: float = READY_AFTER_S) -> None:
        self.exercise = exercise
        self.gate = SetupGate(exercise, ready_after_s)
        sides = ("both",) if exercise.sides == "both" else ("left", "right")
        self.sides = sides
        motion = exercise.motion
        self._reps: dict[str, RepCounter] = {}
        self._holds: dict[str, HoldTimer] = {}
        if isinstance(motion, RepMotion):
            self._reps = {s: RepCounter(motion) for s in sides}
        else:
            self._holds = {s: HoldTimer(motion) for s in sides}
        self._buffer: deque[FrameKinematics] = deque()
        self.records: list[RepRecord | HoldRecord] = []
        self.valid = dict.fromkeys(sides, 0)
        self.attempted = dict.fromkeys(sides, 0)
        self._last_faults: dict[str, set[str]] = {s: set() for s in sides}
        self._rules = tuple(r for r in exercise.rules if r.enabled)
        self.work_side = "both" if exercise.sides == "both" else ""
        self._side_signal = motion.side_signal if isinstance(motion, RepMotion) else None

    # --- per frame -------------------------------------------------------------------------
    def update(self, fk: FrameKinematics) -> FrameResult:
        """Feed the next frame's kinematics."""
        self._buffer.append(fk)
        while self._buffer and self._buffer[0].t < fk.t - BUFFER_S:
            self._buffer.popleft()
        was_ready = self.gate.ready
        ready = self.gate.update(fk)
        if was_ready and not ready:
            for counter in self._reps.values():
                counter.reset()  # setup lost: the movement in progress can't be judged
        cues: list[Cue] = []
        finished: list[RepRecord | HoldRecord] = []
        if ready:
            if self._reps:
                self._update_reps(fk, cues, finished)
            else:
                self._update_holds(fk, cues, finished)
        elif self.gate.message:
            cues.append(Cue("setup", self.gate.message, fk.t, kind="setup"))
        return FrameResult(
            t=fk.t,
            index=fk.index,
            ready=ready,
            setup_message=self.gate.message,
            phase=self._phase(ready, fk),
            view=fk.view,
            work_side=self.work_side,
            reps=dict(self.valid),
            attempted=dict(self.attempted),
            hold_s={s: h.held_s for s, h in self._holds.items()},
            cues=tuple(cues),
            finished=tuple(finished),
        )

    def finish(self) -> list[RepRecord | HoldRecord]:
        """End of input: close open holds; returns every record."""
        for side, timer in self._holds.items():
            span = timer.finish()
            if span is not None:
                self._record_hold(side, span, [], [])
        return self.records

    # --- reps --------------------------------------------------------------------------------
    def _update_reps(self, fk: FrameKinematics, cues: list[Cue], finished: list[RepRecord | HoldRecord]) -> None:
        motion = self.exercise.motion
        assert isinstance(motion, RepMotion)
        busy = [s for s, c in self._reps.items() if c.active]
        for side, counter in self._reps.items():
            if busy and side not in busy:
                counter.reset()  # one side moves at a time: the other side's echo is not a rep
                continue
            value = self._motion_value(fk, side)
            excursion = counter.update(fk.t, value, fk.segment)
            if excursion is not None:
                record = self._record_rep(side, excursion)
                finished.append(record)
                cues.extend(self._rep_cues(side, record, fk.t))
        started = [s for s, c in self._reps.items() if c.active]
        if len(started) > 1:
            sign = 1.0 if motion.rising else -1.0
            if motion.side_signal is not None:
                best = max(started, key=lambda s: _finite(side_value(fk, motion.side_signal or "", "work", s)))
            else:
                best = max(started, key=lambda s: _finite(sign * self._motion_value(fk, s)))
            for side in started:
                if side != best:
                    self._reps[side].reset()
            started = [best]
        if started:
            self.work_side = started[0]
            side_signal = self._side_signal
            cues.extend(Cue(r.id, r.cue, fk.t) for r in self._rules if frame_violates(r, fk, started[0], side_signal))

    def _motion_value(self, fk: FrameKinematics, side: str) -> float:
        """The rep signal; bilateral and not side-on, the side that moved more (a stuck side is a miss)."""
        motion = self.exercise.motion
        if side != "both" or (fk.view == "side" and fk.facing in ("left", "right")):
            return side_value(fk, motion.signal, "work", side)
        pair = [v for v in fk.signals[motion.signal] if math.isfinite(v)]
        if not pair:
            return math.nan
        rising = motion.rising if isinstance(motion, RepMotion) else True
        return max(pair) if rising else min(pair)

    def _movement(self, side: str, start: float, peak: float, end: float, range_deg: float = 0.0) -> Movement:
        motion = self.exercise.motion
        assert isinstance(motion, RepMotion | HoldMotion)
        rising = motion.rising if isinstance(motion, RepMotion) else True
        tolerance = motion.top_tolerance if isinstance(motion, RepMotion) else 5.0
        return Movement(side, start, peak, end, motion.signal, rising, tolerance, self._side_signal, range_deg)

    def _frames(self, start: float, end: float) -> list[FrameKinematics]:
        return [fk for fk in self._buffer if start - 1e-9 <= fk.t <= end + 1e-9]

    def _judge_all(self, frames: list[FrameKinematics], move: Movement) -> tuple[list[str], list[str]]:
        """Faults, and the checks no rule could assess from the views seen."""
        faults, assessed, unassessed = [], set(), []
        for rule in self._rules:
            status, _ = judge(rule, frames, move)
            if status == "fault":
                faults.append(rule.id)
            if status != "not_assessed":
                assessed.add(rule.check_id)
        for rule in self._rules:
            if rule.check_id not in assessed and rule.check_id not in unassessed:
                unassessed.append(rule.check_id)
        return faults, unassessed

    def _peak_values(self, frames: list[FrameKinematics], side: str, t: float) -> dict[str, float]:
        if not frames:
            return {}
        at = min(frames, key=lambda fk: abs(fk.t - t))
        # Only the angles that mean something from this frame's view (rules judged from it).
        judged = {r.signal for r in self._rules if r.signal in at.signals and (not r.views or at.view in r.views)}
        names = {self.exercise.motion.signal} | judged
        values = {n: side_value(at, n, "work", side, self._side_signal) for n in sorted(names)}
        return {n: round(v, 2) for n, v in values.items() if math.isfinite(v)}

    def _record_rep(self, side: str, exc: Excursion) -> RepRecord:
        frames = self._frames(exc.start_s, exc.end_s)
        peak_s = peak_time(frames, self._movement(side, exc.start_s, exc.peak_s, exc.end_s)) or exc.peak_s
        if self._side_signal is not None and frames:
            # The worked leg is the one the exercise says (e.g. the lunge's front leg) at the peak,
            # whichever knee happened to cross the threshold first.
            at_peak = min(frames, key=lambda fk: abs(fk.t - peak_s))
            side = frame_side(at_peak, side, self._side_signal)
        move = self._movement(side, exc.start_s, peak_s, exc.end_s, exc.range_deg)
        faults, unassessed = self._judge_all(frames, move)
        majors = {r.id for r in self._rules if r.severity == "major"}
        valid = not (set(faults) & majors)
        self.attempted[side] += 1
        self.valid[side] += int(valid)
        views = [fk.view for fk in frames]
        record = RepRecord(
            side=side,
            number=self.attempted[side],
            start_s=round(exc.start_s, 3),
            peak_s=round(peak_s, 3),
            end_s=round(exc.end_s, 3),
            range_deg=round(exc.range_deg, 2),
            peak=self._peak_values(frames, side, peak_s),
            faults=tuple(faults),
            not_assessed=tuple(unassessed),
            valid=valid,
            view=max(set(views), key=views.count) if views else "none",
            top_hold_s=round(top_hold_s(frames, move), 2),
        )
        self.records.append(record)
        return record

    def _rep_cues(self, side: str, record: RepRecord | HoldRecord, t: float) -> list[Cue]:
        faults = set(record.faults)
        cues = [Cue(rule.id, rule.cue, t) for rule in self._rules if rule.id in faults]
        cues += [
            Cue(rule.id, rule.praise, t, kind="praise")
            for rule in self._rules
            if rule.id in self._last_faults[side] and rule.id not in faults and rule.id not in record.not_assessed
        ]
        self._last_faults[side] = faults
        return cues

    # --- holds -------------------------------------------------------------------------------
    def _update_holds(self, fk: FrameKinematics, cues: list[Cue], finished: list[RepRecord | HoldRecord]) -> None:
        motion = self.exercise.motion
        assert isinstance(motion, HoldMotion)
        for side, timer in self._holds.items():
            broken = [r for r in self._rules if frame_violates(r, fk, side)]
            if timer.holding:
                cues.extend(Cue(r.id, r.cue, fk.t) for r in broken)
            ok = not any(r.severity == "major" for r in broken) and all(
                band.low <= side_value(fk, band.signal, "other" if band.other else "work", side) <= band.high
                for band in motion.also
            )
            span = timer.update(fk.t, side_value(fk, motion.signal, "work", side), fk.segment, ok)
            if span is not None:
                frames = self._frames(span.start_s, span.end_s)
                faults, unassessed = self._judge_all(frames, self._movement(side, span.start_s, span.end_s, span.end_s))
                record = self._record_hold(side, span, faults, unassessed)
                finished.append(record)
                cues.extend(self._rep_cues(side, record, fk.t))
            if timer.holding and side != "both":
                self.work_side = side

    def _record_hold(self, side: str, span: HoldSpan, faults: list[str], unassessed: list[str]) -> HoldRecord:
        frames = self._frames(span.start_s, span.end_s)
        motion = self.exercise.motion
        values = [side_value(fk, motion.signal, "work", side) for fk in frames]
        finite = [v for v in values if math.isfinite(v)]
        views = [fk.view for fk in frames]
        self.attempted[side] += 1
        record = HoldRecord(
            side=side,
            number=self.attempted[side],
            start_s=round(span.start_s, 3),
            end_s=round(span.end_s, 3),
            held_s=round(span.held_s, 2),
            target_s=self.exercise.dosage.hold_s,
            mean={motion.signal: round(sum(finite) / len(finite), 2)} if finite else {},
            faults=tuple(faults),
            not_assessed=tuple(unassessed),
            view=max(set(views), key=views.count) if views else "none",
        )
        self.valid[side] += int(record.completed and not faults)
        self.records.append(record)
        return record

    def _phase(self, ready: bool, fk: FrameKinematics) -> str:
        if not fk.assessable:
            return "not assessable"
        if not ready:
            return "setup"
        if any(c.active for c in self._reps.values()):
            return "rep"
        if any(h.holding for h in self._holds.values()):
            return "hold"
        return "rest"
