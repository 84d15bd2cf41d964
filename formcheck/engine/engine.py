"""The exercise engine: one call per frame turns kinematics into reps, holds, faults and cues."""

from __future__ import annotations

import math
from collections import deque

from formcheck.engine.holds import HoldSpan, HoldTimer
from formcheck.engine.looks import looks_value
from formcheck.engine.margins import error_of
from formcheck.engine.records import Cue, Cycle, FrameResult, HoldRecord, RepRecord
from formcheck.engine.reps import RepTracker, side_of
from formcheck.engine.rules import FROM_START, TIMING, Movement, frame_violates, judge, side_value, top_hold_s
from formcheck.engine.setup import READY_AFTER_S, SetupGate
from formcheck.engine.tempo import TempoAdvisor
from formcheck.exercises.spec import Exercise, HoldMotion, RepMotion
from formcheck.types import FrameKinematics

BUFFER_S = 120.0  # frames kept for judging the movement in progress (longest hold + margin)


class ExerciseEngine:
    """Counts and judges one exercise; the same object serves analyze and the live session."""

    def __init__(self, exercise: Exercise, ready_after_s: float = READY_AFTER_S, rep_s: float | None = None) -> None:
        self.exercise = exercise
        self.tempo = TempoAdvisor(rep_s if rep_s is not None else exercise.dosage.rep_s)
        self.advice: list[str] = []  # tempo advice given (once per set), for the summary
        self.gate = SetupGate(exercise, ready_after_s)
        sides = ("both",) if exercise.sides == "both" else ("left", "right")
        self.sides = sides
        motion = exercise.motion
        self._reps = RepTracker(exercise) if isinstance(motion, RepMotion) else None
        self._holds = {s: HoldTimer(motion) for s in sides} if isinstance(motion, HoldMotion) else {}
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
        ready = self.gate.update(fk)
        cues: list[Cue] = []
        finished: list[RepRecord | HoldRecord] = []
        if ready:
            if self._reps is not None:
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
        """End of input: a rep cut by the end is counted if it qualifies, open holds are closed; every record."""
        if self._reps is not None:
            for cycle in self._reps.finish():
                self._record_rep(cycle)
        for side, timer in self._holds.items():
            span = timer.finish()
            if span is not None:
                self._record_hold(side, span, [], [])
        return self.records

    # --- reps --------------------------------------------------------------------------------
    def _update_reps(self, fk: FrameKinematics, cues: list[Cue], finished: list[RepRecord | HoldRecord]) -> None:
        assert self._reps is not None
        if self.gate.issue:
            return  # a frame the setup check fails (a joint out of view, the wrong posture) is not counted
        for cycle in self._reps.update(fk):
            record = self._record_rep(cycle)
            finished.append(record)
            cues.extend(self._rep_cues(record.side, record, fk.t))
            advice = None if record.partial else self.tempo.add(record.duration_s)
            if advice is not None:
                self.advice.append(advice)
                cues.append(Cue("tempo", advice, fk.t))
        if self._reps.active:
            self.work_side = side = side_of(self.exercise, fk)
            cues.extend(Cue(r.id, r.cue, fk.t) for r in self._rules if frame_violates(r, fk, side, self._side_signal))

    def _movement(self, side: str, start: float, peak: float, end: float, range_deg: float = 0.0,
                  signal: str | None = None) -> Movement:  # fmt: skip
        motion = self.exercise.motion
        rising = motion.rising if isinstance(motion, RepMotion) else True
        tolerance = motion.top_tolerance if isinstance(motion, RepMotion) else 5.0
        return Movement(side, start, peak, end, signal or motion.signal, rising, tolerance, self._side_signal,
                        range_deg)  # fmt: skip

    def _frames(self, start: float, end: float) -> list[FrameKinematics]:
        return [fk for fk in self._buffer if start - 1e-9 <= fk.t <= end + 1e-9]

    def _judge_all(self, frames: list[FrameKinematics], move: Movement,
                   partial: str = "") -> tuple[list[str], list[str], list[str]]:  # fmt: skip
        """Faults; the checks no rule could assess (from the views seen; timing on a rep cut by an edge, a change
        from the start on a rep cut by the recording's start); and
        the faults that decide the rep is not valid: major, not experimental, and clear (past the threshold
        by more than the measurement's error in the rep's view, formcheck.engine.margins)."""
        faults, deciding, assessed, unassessed = [], [], set(), []
        views = [fk.view for fk in frames]
        view = max(set(views), key=views.count) if views else "none"
        for rule in self._rules:
            if (partial and rule.measure in TIMING) or (partial == "start" and rule.measure in FROM_START):
                continue
            status, value = judge(rule, frames, move)
            if status == "fault":
                faults.append(rule.id)
                clear = value is not None and abs(value - rule.threshold) > error_of(rule.signal, view, rule.measure)
                if rule.severity == "major" and not rule.experimental and clear:
                    deciding.append(rule.id)
            if status != "not_assessed":
                assessed.add(rule.check_id)
        for rule in self._rules:
            if rule.check_id not in assessed and rule.check_id not in unassessed:
                unassessed.append(rule.check_id)
        return faults, unassessed, deciding

    def _peak_values(self, frames: list[FrameKinematics], side: str, t: float) -> dict[str, float]:
        if not frames:
            return {}
        at = min(frames, key=lambda fk: abs(fk.t - t))
        # Only the angles that mean something from this frame's view (rules judged from it).
        judged = {r.signal for r in self._rules if r.signal in at.signals and (not r.views or at.view in r.views)}
        names = {self.exercise.motion.signal} | judged
        values = {n: side_value(at, n, "work", side, self._side_signal) for n in sorted(names)}
        return {n: round(v, 2) for n, v in values.items() if math.isfinite(v)}

    def _record_rep(self, cycle: Cycle) -> RepRecord:
        frames = self._frames(cycle.start_s, cycle.end_s)
        at_peak = min(frames, key=lambda fk: abs(fk.t - cycle.peak_s)) if frames else None
        side = side_of(self.exercise, at_peak) if at_peak is not None else self.sides[0]
        motion = self.exercise.motion
        assert isinstance(motion, RepMotion)
        assert self._reps is not None
        signal = motion.top_signal_for(self._reps.view)
        move = self._movement(side, cycle.start_s, cycle.peak_s, cycle.end_s, cycle.range_deg, signal)
        faults, unassessed, deciding = self._judge_all(frames, move, cycle.partial)
        valid = not deciding
        self.attempted[side] += 1
        self.valid[side] += int(valid)
        views = [fk.view for fk in frames]
        looks = looks_value(motion.looks, at_peak) if motion.looks is not None and at_peak is not None else None
        record = RepRecord(
            side=side,
            number=self.attempted[side],
            start_s=round(cycle.start_s, 3),
            peak_s=round(cycle.peak_s, 3),
            end_s=round(cycle.end_s, 3),
            range_deg=round(cycle.range_deg, 2),
            peak=self._peak_values(frames, side, cycle.peak_s),
            faults=tuple(faults),
            not_assessed=tuple(unassessed),
            valid=valid,
            view=max(set(views), key=views.count) if views else "none",
            top_hold_s=0.0 if cycle.partial else round(top_hold_s(frames, move), 2),
            partial=cycle.partial,
            looks_value=None if looks is None else round(looks, 1),
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
            also = [b for b in motion.also if not b.views or fk.view in b.views]
            bands = [(b, motion.signal_for(b.signal, fk.view, fk.signals)) for b in also]
            ok = not any(r.severity == "major" for r in broken) and all(
                b.low <= side_value(fk, name, "other" if b.other else "work", side) <= b.high for b, name in bands
            )
            name = motion.signal_for(motion.signal, fk.view, fk.signals)
            held = side_value(fk, name, "work", side)
            span = timer.update(fk.t, held, fk.segment, ok, error_of(name, fk.view, "mean"))
            if span is not None:
                frames = self._frames(span.start_s, span.end_s)
                move = self._movement(side, span.start_s, span.end_s, span.end_s)
                faults, unassessed, deciding = self._judge_all(frames, move)
                record = self._record_hold(side, span, faults, unassessed, bool(deciding))
                finished.append(record)
                cues.extend(self._rep_cues(side, record, fk.t))
            if timer.holding and side != "both":
                self.work_side = side

    def _record_hold(self, side: str, span: HoldSpan, faults: list[str], unassessed: list[str],
                     deciding: bool = False) -> HoldRecord:  # fmt: skip
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
        self.valid[side] += int(record.completed and not deciding)
        self.records.append(record)
        return record

    def _phase(self, ready: bool, fk: FrameKinematics) -> str:
        if not fk.assessable:
            return "not assessable"
        if not ready:
            return "setup"
        if self._reps is not None and self._reps.active:
            return "rep"
        if any(h.holding for h in self._holds.values()):
            return "hold"
        return "rest"
