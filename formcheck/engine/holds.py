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
    """Times how long a signal stays inside its band; brief excursions (< grace) pause, not end, it.

    A hold ends only when the posture is clearly left: the signal past its band by more than the measurement's
    error from this view (formcheck.engine.margins, the same margin a fault needs to decide a rep), or another
    condition of the posture broken, more than grace after its last frame inside the band. A reading within
    that error of the band's edge is no evidence of having left it; it pauses the timing (only time inside the
    band counts as held) without ending the hold. A person rocking in and out of a half-kneeling stretch, the rear hip read between the
    stretch and neutral, holds one stretch of several rocks, not one per rock.
    """

    def __init__(self, motion: HoldMotion) -> None:
        self.motion = motion
        self.held_s = 0.0
        self._start: float | None = None
        self._last_in: float | None = None
        self._last_near: float | None = None  # last frame within the measurement's error of the band
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
        self._start, self._last_in, self._last_near, self.held_s = None, None, None, 0.0
        return span

    def update(self, t: float, value: float, segment: int, ok: bool = True, error: float = 0.0) -> HoldSpan | None:
        """Feed one frame; `ok` is False when another condition of the posture is broken; `error` is the
        signal's measurement error from this frame's view."""
        span = None
        if segment != self._segment:
            self._segment = segment
            span = self._close()
            self._last_t = None
        low, high = self.motion.low, self.motion.high
        inside = math.isfinite(value) and low <= value <= high and ok
        near = math.isfinite(value) and low - error <= value <= high + error and ok
        dt = 0.0 if self._last_t is None else max(0.0, min(t - self._last_t, 0.5))
        self._last_t = t
        if inside:
            if self._start is None:
                self._start = t
            elif (
                self._last_in is not None
                and t - max(self._last_in, self._last_near or -math.inf) <= self.motion.grace_s
            ):
                self.held_s += dt
            self._last_in = t
        elif near and self._start is not None:
            self._last_near = t
        elif self._start is not None and self._last_in is not None and t - self._last_in > self.motion.grace_s:
            # Clearly out: grace runs from the last frame inside the band (a release passes through the margin
            # on its way out; only an excursion that never clearly leaves is bridged by it).
            span = self._close()
        return span

    def finish(self) -> HoldSpan | None:
        """End of input: close any open hold."""
        return self._close()
