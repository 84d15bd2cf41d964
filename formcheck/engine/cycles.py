"""Counting repetitions as cycles of the movement: rest → turning point → rest, on the person's own range.

Why turning points and not fixed degree lines: a fixed "enter at 40°, leave under 25°" fits the people it was set on;
a patient squatting to 50° after surgery, an athlete to 140°, a foreshortening view or soft knees break it, and none
breaks a turning point. This counter follows the signal's extremes (a zigzag with hysteresis, the standard robust
peak/valley detector): a peak is confirmed once the signal has come back from it by H (or, after a rise by H, back to
the valley's band), a valley once it has risen from it by H, and H is a share of this person's range, learned from
their own reps (starting from the exercise's typical range, so the first rep of a live session counts too). A minimum
absolute excursion keeps jitter from ever counting. Range and depth stay the form rules' job.

A rep is counted once back near the resting level (or, never getting there, as the next movement starts); a give-back
short of COVER of the way out is a pause. Edges: a turning point in the recording with EDGE_COVER of the range on one
side is a rep marked partial "start" or "end" (a start partial is decided after the first complete rep). A gap shorter
than CONTINUE_S (a cut, a dropout) does not end a movement; a cycle quicker than HASTY_S is not a rep.
"""

from __future__ import annotations

import math
import statistics
from collections import deque

from formcheck.engine import cycle_limits as lim
from formcheck.engine.cycle_end import turned_at_end
from formcheck.engine.records import Cycle
from formcheck.engine.records import SignalPoint as _Point


class CycleCounter:
    """update() once per frame with the oriented signal (it rises during the rep); finish() at the end."""

    def __init__(self, typical_range: float, rest: float, min_excursion: float) -> None:
        self.typical = typical_range
        self.min_excursion = min_excursion
        self._ranges: list[float] = []
        self._peaks: list[float] = []  # turning points of the complete reps
        self._rests: list[float] = [rest]
        self._pending: Cycle | None = None  # a start partial waiting until the person's range is known
        self._doubtful: list[Cycle] = []  # first reps that never left the typical rest, waiting for a complete one
        self._begin()

    @property
    def range(self) -> float:
        """This person's range so far: the typical range, with one rep the mean of it and the rep's, then their own."""
        recent = self._ranges[-lim.LEARN_FROM :]
        return statistics.median(recent if len(recent) >= 2 else [self.typical, *recent])

    @property
    def rest(self) -> float:
        """The resting level: the median of the recent valleys (the typical rest before any)."""
        return statistics.median(self._rests[-lim.LEARN_FROM :])

    def _h(self) -> float:
        return max(self.min_excursion, lim.HYSTERESIS * self.range)

    def _begin(self) -> None:
        """A fresh movement history (the start of the recording, or after a long gap)."""
        self._mode = "unknown"  # "unknown" (nothing turned yet) | "rising" | "falling"
        self._lo: _Point | None = None  # unknown mode: the lowest and highest points so far
        self._hi: _Point | None = None
        self._first: _Point | None = None
        self._valley: _Point | None = None  # the valley before the movement in progress (None: before the start)
        self._ext: _Point | None = None  # running max (rising) or min (falling)
        self._peak: _Point | None = None  # the confirmed turning point of the rep in progress
        self._left: float | None = None  # when the signal last left the valley's band (LEAVE_BAND)
        self._still: float | None = None  # when it last left the valley itself (STILL_BAND)
        self._counted = False  # the rep in progress was counted on reaching rest
        self._low = (0.0, 0.0)  # falling: when the signal was last within LEAVE_BAND and STILL_BAND of its lowest
        self._last_t: float | None = None
        self._recent: deque[_Point] = deque()  # the last STILL_RISING_S of samples
        self._calm: _Point | None = None  # rising: where the signal's current still stretch began

    @property
    def active(self) -> bool:
        """A movement is in progress: out of rest and not counted yet."""
        if self._mode == "falling":
            return not self._counted
        if self._mode == "rising" and self._valley is not None and self._ext is not None:
            return self._ext.v - self._valley.v >= lim.LEAVE_BAND * self.range
        return False

    def learn_from(self, reps: list[Cycle]) -> None:
        """This person's range and turning level from these reps alone (what was learned before is dropped)."""
        done = [c for c in reps if not c.partial]
        self._ranges, self._peaks = [c.range_deg for c in done], [c.peak_value for c in done]

    def update(self, t: float, value: float) -> list[Cycle]:
        """Feed one frame; returns the reps it completed (usually none)."""
        if not math.isfinite(value):
            return []
        out: list[Cycle] = []
        if self._last_t is not None and t - self._last_t > lim.CONTINUE_S:
            out += self.finish()  # a long gap is an edge: what was in progress ends here
        self._last_t, p = t, _Point(t, value)
        self._recent.append(p)
        while self._recent[0].t < t - lim.STILL_RISING_S:
            self._recent.popleft()
        if self._mode == "unknown":
            self._unknown(p)
        elif self._mode == "rising":
            self._rise(p)
        else:
            out += self._fall(p)
        return out

    def _unknown(self, p: _Point) -> None:
        """Before the first turning point: which comes first, a peak or a valley?"""
        self._first = self._first or p
        self._lo = p if self._lo is None or p.v <= self._lo.v else self._lo
        self._hi = p if self._hi is None or p.v > self._hi.v else self._hi
        if p.v <= self._lo.v + lim.LEAVE_BAND * self.range:
            self._left = p.t
        if p.v <= self._lo.v + lim.STILL_BAND * self.range:
            self._still = p.t
        if p.v < self._hi.v - self._h():  # a peak first: a valley before it only if the low came earlier
            self._valley = self._lo if self._lo.t < self._hi.t else None
            self._left = self._valley.t if self._valley else None
            self._peak, self._ext, self._mode, self._counted, self._low = self._hi, p, "falling", False, (p.t, p.t)
        elif p.v > self._lo.v + self._h():  # a valley first
            self._valley, self._ext, self._mode = self._lo, p, "rising"

    def _rise(self, p: _Point) -> None:
        assert self._ext is not None and self._valley is not None
        # The turning point is tested first: a fast fall (or a coarse frame rate) can pass below the valley in the very
        # frame it comes back by H, a peak followed by a fall, not a valley moving down (nor the rep's start). Back in
        # the valley's band after a rise by H is a turn too (a rise just over H; its start once moved after its peak).
        back = p.v <= self._valley.v + lim.LEAVE_BAND * self.range
        turned = self._ext.v - self._valley.v >= self._h() and (p.v < self._ext.v - self._h() or back)
        self._track_calm(p)
        if not turned and back:
            self._left = p.t
        if not turned and p.v <= self._valley.v + lim.STILL_BAND * self.range:
            self._still = p.t
        if turned:
            self._peak, self._ext, self._mode, self._counted, self._low = self._ext, p, "falling", False, (p.t, p.t)
        elif p.v < self._valley.v and p.v <= self._ext.v:  # still settling into rest: the valley moves down
            self._valley, self._ext, self._left, self._still = p, p, p.t, p.t
        elif p.v > self._ext.v:
            self._ext = p

    def _track_calm(self, p: _Point) -> None:
        """Rising: where the signal's current still stretch began (at the end, a rise that came to rest is no rep)."""
        if self._calm is None or abs(p.v - self._calm.v) > lim.LEAVE_BAND / 2 * self.range:
            self._calm = p

    def _rested(self, calm: _Point, until: float) -> bool:
        """Still from `calm` to `until` (PLATEAU_S) above the valley, in the learned or typical rest band, and not at
        this person's usual turning point (a last rep held at its top, by someone resting far below the typical)."""
        assert self._valley is not None
        usual = self._usual()
        at_top = usual is not None and abs(calm.v - usual) <= lim.PEAK_MATCH * self.range
        return (until - calm.t >= lim.PLATEAU_S and calm.v - self._valley.v > lim.LEAVE_BAND * self.range
                and calm.v <= max(self.rest, self._rests[0]) + lim.REST_BAND * self.range and not at_top)  # fmt: skip

    def _usual(self) -> float | None:
        """Where this person's complete reps turn (the median of the recent ones), once there are any."""
        return statistics.median(self._peaks[-lim.LEARN_FROM :]) if self._peaks else None

    def _fall(self, p: _Point) -> list[Cycle]:
        assert self._ext is not None and self._peak is not None
        if p.v < self._ext.v:
            self._ext = p
        # The next rep starts where the signal last left the valley's band and the valley itself, not where it first
        # came to rest after this one (a pause between reps is part of neither).
        near = p.v - self._ext.v
        self._low = (p.t if near <= lim.LEAVE_BAND * self.range else self._low[0],
                     p.t if near <= lim.STILL_BAND * self.range else self._low[1])  # fmt: skip
        out: list[Cycle] = []
        near_rest = p.v <= self.rest + lim.REST_BAND * self.range
        if not self._counted and near_rest and self._peak.v - p.v >= self._cover():
            out = self._count(p, p.t, eased=True)  # back at rest: counted now, while the valley may still settle
        if p.v > self._ext.v + self._h():  # the next movement has started: the valley is behind us
            valley = self._ext
            if not self._counted and self._paused(valley):
                self._ext, self._mode, self._calm = max(self._peak, p, key=lambda q: q.v), "rising", None
                return out
            if not self._counted:
                out = self._count(valley, valley.t)
            self._rests.append(valley.v)
            self._valley, self._ext, (self._left, self._still), self._mode = valley, p, self._low, "rising"
            self._calm = None
        return out

    def _paused(self, dip: _Point) -> bool:
        """A fall that gave back under COVER of the way up from the valley, then rose again, was a pause on the way (a
        squat lowered in held steps): the movement goes on from the same valley (the check set's wall squat: 2 of 1)."""
        assert self._peak is not None
        return self._valley is not None and self._peak.v - dip.v < lim.COVER * (self._peak.v - self._valley.v)

    def _cover(self) -> float:
        return max(lim.COVER * self.range, self.min_excursion)

    def _edge_cover(self) -> float:
        return max(lim.EDGE_COVER * self.range, self.min_excursion)

    def _edge_ok(self, side: float, start: bool = False) -> bool:
        """One side of a cut rep is enough when it covers the range without far exceeding this person's reps (a start
        partial is decided after the first, whose range holds it; an end partial is held to it from the second)."""
        own = self._ranges[-lim.LEARN_FROM :] if len(self._ranges) >= (1 if start else 2) else []
        too_large = bool(own) and side > lim.OVERSHOOT * statistics.median(own)
        return self._edge_cover() <= side <= lim.ARC_LIMIT and not too_large

    def _count(self, after: _Point, end_t: float, eased: bool = False) -> list[Cycle]:
        """Decide the rep around the confirmed peak, now that the signal has come down to `after`."""
        peak = self._peak
        assert peak is not None
        self._counted = True
        down = peak.v - after.v
        if self._valley is None:  # the recording started past the valley: a start partial, decided later
            self._pending = self._pending or Cycle(self._opened_at(peak), peak.t, end_t, down, peak.v, "start")
            return self._settle([])
        up = peak.v - self._valley.v
        start, end_t = self._span(end_t, eased)
        from_start = self._opened_moving(self._valley)
        if from_start:  # the recording opened part way into the movement: the rep starts at its first sample
            start = self._opened_at(peak)
        if max(up, down) > lim.ARC_LIMIT or (not from_start and end_t - start < lim.HASTY_S):  # not a joint moving
            return self._settle([])
        if min(up, down) < self._cover():
            if from_start:  # the recording opened part way into the movement: an edge, judged on the way back
                self._pending = self._pending or Cycle(start, peak.t, end_t, down, peak.v, "start")
            return self._settle([])
        cut = "start" if from_start else ""
        cycle = Cycle(start, peak.t, end_t, max(up, down), peak.v, cut)
        if not self._is_above_rest(peak):
            # A turning point inside the resting band: landmarks settling as the model locks on, or a person resting
            # further back than typical. Their own reps tell: a rep if it turns where the next does.
            if not self._peaks:
                self._doubtful.append(cycle)
                return self._settle([])
            return self._settle([cycle] if self._turns_as_usual(cycle) else [])
        self._ranges.append(max(up, down))
        self._peaks.append(peak.v)
        done = [*(c for c in self._doubtful if self._turns_as_usual(c)), cycle]
        self._doubtful = []
        return self._settle(done)

    def _turns_as_usual(self, cycle: Cycle) -> bool:
        """The cycle turned where this person's complete reps turn (within PEAK_MATCH of their range)."""
        usual = self._usual()
        return usual is not None and abs(cycle.peak_value - usual) <= lim.PEAK_MATCH * self.range

    def _span(self, back_t: float, eased: bool) -> tuple[float, float]:
        """From leaving the valley to back at rest: counted on reaching the rest band, the end adds the time the last,
        slow part of the return took on the way out (movements ease out as they eased in)."""
        assert self._valley is not None
        still = self._still if self._still is not None else self._valley.t
        left = self._left if self._left is not None else still
        return still, back_t + (max(0.0, left - still) if eased else 0.0)

    def _is_above_rest(self, p: _Point) -> bool:
        return p.v > self.rest + lim.REST_BAND * self.range

    def _opened_at(self, peak: _Point) -> float:
        """Where a rep cut by the recording's start begins: the recording's first sample (never after the peak)."""
        return min(self._first.t, peak.t) if self._first is not None else peak.t

    def _opened_moving(self, valley: _Point | None) -> bool:
        """The valley is the recording's first sample, above rest: it opened part way into a movement."""
        return valley is not None and valley == self._first and self._is_above_rest(valley)

    def _settle(self, done: list[Cycle], final: bool = False) -> list[Cycle]:
        """A start partial waits for a complete rep (or the end); far beyond that rep's range it is no rep."""
        if self._pending is None or not (self._ranges or final):
            return done
        cycle, self._pending = self._pending, None
        return [cycle, *done] if self._edge_ok(cycle.range_deg, start=True) else done

    def finish(self) -> list[Cycle]:
        """End of input (or a long gap): a turning point reached but not come back from is a partial rep."""
        out: list[Cycle] = []
        ext, valley, peak = self._ext, self._valley, self._peak
        if self._mode == "falling" and peak is not None and ext is not None and not self._counted:
            if valley is None or self._opened_moving(valley):  # no valley at rest: the larger side decides
                side = max(peak.v - ext.v, peak.v - (self._first.v if self._first else peak.v))
                cycle = Cycle(self._opened_at(peak), peak.t, ext.t, side, peak.v, "start")
                out = [cycle] if self._edge_ok(side, start=True) else []
            elif self._edge_ok(peak.v - valley.v):
                out = [Cycle(self._span(ext.t, False)[0], peak.t, ext.t, peak.v - valley.v, peak.v, "end")]
        elif self._mode == "rising" and ext is not None and valley is not None:
            up = ext.v - valley.v
            until = ext.t if self._last_t is None else self._last_t
            resting = self._calm is not None and self._rested(self._calm, until)  # came to rest: no rep
            if self._edge_ok(up) and turned_at_end(ext, self._recent, self._usual(), self.range) and not resting:
                out = [Cycle(self._span(ext.t, False)[0], ext.t, ext.t, up, ext.v, "end")]
        elif self._mode == "unknown" and self._lo is not None and self._hi is not None:
            side, top = self._hi.v - self._lo.v, self._hi  # never turned: one monotonic movement, if it covers range
            turned = turned_at_end(top, self._recent, self._usual(), self.range)
            if self._edge_ok(side) and top.t > self._lo.t and turned:
                out = [Cycle(self._lo.t, self._hi.t, self._hi.t, side, self._hi.v, "end")]
        # Doubtful reps no complete rep came to judge are counted (each covered the range); at a gap too, in rep order.
        out, self._doubtful = [*self._doubtful, *out], []
        out = self._settle(out, final=True)
        self._begin()
        return out
