"""The two stateful counters: reps on one signal with hysteresis, and a hold timer inside a band."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from formcheck.exercises.spec import HoldMotion, RepMotion


@dataclass(frozen=True)
class Excursion:
    """A completed movement out of rest and back: the raw material of a rep."""

    start_s: float
    peak_s: float
    end_s: float
    range_deg: float
    peak_value: float


class RepCounter:
    """One call per frame; reports an Excursion when a movement passing the gates is completed."""

    def __init__(self, motion: RepMotion) -> None:
        self.motion = motion
        self._sign = 1.0 if motion.rising else -1.0
        self._recent: deque[tuple[float, float]] = deque()  # (t, value) for a relative baseline
        self.active = False
        self._rest_t: float | None = None
        self._rest_v = math.inf
        self._start_t = 0.0
        self._base = 0.0
        self._peak = -math.inf
        self._peak_t = 0.0
        self._segment = -1

    def _baseline(self, t: float, v: float) -> float:
        """Lowest value over the last baseline_s seconds (the bottom of an ongoing oscillation)."""
        assert self.motion.baseline_s is not None
        self._recent.append((t, v))
        while self._recent and self._recent[0][0] < t - self.motion.baseline_s:
            self._recent.popleft()
        return min(x for _, x in self._recent)

    def reset(self) -> None:
        """Abandon any movement in progress (camera cut, long gap, side switch)."""
        self.active = False
        self._rest_t = None
        self._rest_v = math.inf

    def update(self, t: float, value: float, segment: int) -> Excursion | None:
        """Feed one frame's signal value (NaN when not measurable)."""
        if segment != self._segment:
            self._segment = segment
            self.reset()
        if not math.isfinite(value):
            return None
        v = self._sign * value
        if self.motion.baseline_s is not None:
            v -= self._baseline(t, v)
        if self.motion.baseline_s is not None:  # offsets from the resting value, in the movement's direction
            enter, exit_ = abs(self.motion.enter), abs(self.motion.exit)
        else:
            enter, exit_ = self._sign * self.motion.enter, self._sign * self.motion.exit
        if not self.active:
            if v <= exit_:
                self._rest_t = t
            self._rest_v = min(self._rest_v, v)  # the lowest value since the last rep: the baseline
            if v >= enter and self._rest_t is not None:
                self.active = True
                self._start_t, self._base = self._rest_t, min(self._rest_v, v)
                self._peak, self._peak_t = v, t
            return None
        if v > self._peak:
            self._peak, self._peak_t = v, t
        if v > exit_:
            return None
        self.active = False
        self._rest_t, self._rest_v = t, v
        excursion = Excursion(self._start_t, self._peak_t, t, self._peak - self._base, self._sign * self._peak)
        if excursion.range_deg < self.motion.min_range or t - self._start_t < self.motion.min_duration_s:
            return None
        return excursion


@dataclass(frozen=True)
class HoldSpan:
    """A completed stay inside the band."""

    start_s: float
    end_s: float
    held_s: float


class HoldTimer:
    """Times how long a signal stays inside its band; brief excursions (< grace) pause, not end, it."""

    def __init__(self, motion: HoldMotion) -> None:
        self.motion = motion
        self.held_s = 0.0
        self._start: float | None = None
        self._last_in: float | None = None
        self._last_t: float | None = None
        self._segment = -1

    @property
    def holding(self) -> bool:
        """Inside a hold (possibly in a forgiven excursion)."""
        return self._start is not None

    def _close(self) -> HoldSpan | None:
        span = None
        if self._start is not None and self._last_in is not None and self.held_s >= self.motion.min_record_s:
            span = HoldSpan(self._start, self._last_in, self.held_s)
        self._start, self._last_in, self.held_s = None, None, 0.0
        return span

    def update(self, t: float, value: float, segment: int, ok: bool = True) -> HoldSpan | None:
        """Feed one frame; `ok` is False when another condition of the posture is broken."""
        span = None
        if segment != self._segment:
            self._segment = segment
            span = self._close()
            self._last_t = None
        inside = math.isfinite(value) and self.motion.low <= value <= self.motion.high and ok
        dt = 0.0 if self._last_t is None else max(0.0, min(t - self._last_t, 0.5))
        self._last_t = t
        if inside:
            if self._start is None:
                self._start = t
            elif self._last_in is not None and t - self._last_in <= self.motion.grace_s:
                self.held_s += dt
            self._last_in = t
        elif self._start is not None and self._last_in is not None and t - self._last_in > self.motion.grace_s:
            span = self._close()
        return span

    def finish(self) -> HoldSpan | None:
        """End of input: close any open hold."""
        return self._close()
