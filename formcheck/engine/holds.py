"""The hold timer: how long a signal stays inside its band (reps are counted in formcheck.engine.cycles)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from formcheck.exercises.spec import HoldMotion


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
