"""The hold timer: how long a signal stays inside its band (reps are counted in formcheck.engine.cycles)."""

from __future__ import annotations

import math
import statistics
from collections import deque
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
REST_WINDOW_S = 1.0  # the rest level is the lowest median of the signal over this long outside a hold
REST_SAMPLES = 5  # a window with fewer samples says nothing (a glitch is outvoted by its neighbours)


class RestLevel:
    """The person's own rest level of a hold's signal: the lowest running median of it outside holds.

    For postures the model reads foreshortened from some views (HoldMotion.above_rest), the band then starts that
    far above this person's rest, as reps are counted against this person's own range (formcheck.engine.cycles),
    and a reading back at the rest is taken as a release, never as "within the error of the band".
    """

    def __init__(self) -> None:
        self.level: float | None = None
        self._recent: deque[tuple[float, float]] = deque()

    def update(self, t: float, value: float) -> None:
        """Feed a frame's value outside a hold."""
        if not math.isfinite(value):
            return
        self._recent.append((t, value))
        while self._recent[0][0] < t - REST_WINDOW_S:
            self._recent.popleft()
        if len(self._recent) >= REST_SAMPLES:
            median = statistics.median(v for _, v in self._recent)
            self.level = median if self.level is None else min(self.level, median)

    def reset(self) -> None:
        """Another view or person: the level is theirs to find again."""
        self.level, self._recent = None, deque()


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
        self.rest = RestLevel()

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

    def band(self, error: float) -> tuple[float, float, float]:
        """The band's edges and the margin of "near" around them, for a signal with this measurement error."""
        low, high, above = self.motion.low, self.motion.high, self.motion.above_rest
        margin = min(error, NEAR_SHARE * (high - low))
        if above is not None and self.rest.level is not None and self.rest.level + above < low:
            low = self.rest.level + above
            margin = min(error, above / 2.0)  # never down to the rest itself
        return low, high, margin

    def update(self, t: float, value: float, segment: int, ok: bool = True, error: float = 0.0) -> HoldSpan | None:
        """Feed one frame; `ok` is False when another condition of the posture is broken; `error` is the
        signal's measurement error from this frame's view."""
        span = None
        if segment != self._segment:
            self._segment = segment
            span = self._close()
            self._last_t = None
            self.rest.reset()
        if self.motion.above_rest is not None and self._start is None:
            self.rest.update(t, value)
        low, high, margin = self.band(error)
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
