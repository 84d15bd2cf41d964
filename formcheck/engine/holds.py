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


# The margin around the band is the measurement's error, but never more than this share of the band's width:
# from the front a knee angle's error (37°) would otherwise make almost any posture "near" a warrior's band.
NEAR_SHARE = 0.2


class HoldTimer:
    """Times how long a signal stays inside its band; brief excursions (< grace) pause, not end, it.

    A hold ends only when the posture is clearly left: the signal past its band by more than the measurement's
    error from this view (formcheck.engine.margins, the margin a fault needs to decide a rep), or another
    condition of the posture broken, more than grace after its last frame inside the band. A reading within
    that error of the band's edge is no evidence of having left it: it pauses the timing (only time inside the
    band counts as held) without ending the hold, for no longer than the hold has lasted so far (a rest longer
    than the stretch before it is a rest). A person rocking in and out of a half-kneeling stretch, the rear hip
    read between the stretch and neutral, holds one stretch of several rocks, not one per rock.
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
        margin = min(error, NEAR_SHARE * (high - low))
        dt = 0.0 if self._last_t is None else max(0.0, min(t - self._last_t, 0.5))
        self._last_t = t
        grace = self.motion.grace_s
        if self._start is None or self._last_in is None:
            if math.isfinite(value) and low <= value <= high and ok:
                self._start = self._last_in = t
            return span
        seen = self._last_in if self._last_near is None else max(self._last_in, self._last_near)
        if not math.isfinite(value):  # not measurable in this frame: no evidence either way
            return self._close() if t - seen > grace else span
        if low <= value <= high and ok:
            if t - seen <= grace:
                self.held_s += dt
            self._last_in = t
        elif low - margin <= value <= high + margin and ok and t - self._last_in <= max(grace, self.held_s):
            self._last_near = t  # within the error of the band: paused, for no longer than it has been held
        elif t - self._last_in > grace:
            # Clearly out: grace runs from the last frame inside the band (a release passes through the margin
            # on its way out, and that does not make the hold longer).
            span = self._close()
        return span

    def finish(self) -> HoldSpan | None:
        """End of input: close any open hold."""
        return self._close()
