"""Turning one exercise's frames into counted cycles: the counted value per frame, the glitch median, the cycle
counter, and which side each rep was done with."""

from __future__ import annotations

import math

from formcheck.engine.cycle_limits import COVER
from formcheck.engine.cycles import CycleCounter
from formcheck.engine.median import CentredMedian
from formcheck.engine.records import Cycle
from formcheck.engine.rules import frame_side
from formcheck.engine.small_range import SmallRange
from formcheck.exercises.spec import Exercise, RepMotion
from formcheck.types import FrameKinematics

VIEW_SETTLE_S = 1.0  # the counted signal follows a change of view once the new view has held this long


class ViewLatch:
    """The view the reps are counted from: the classified view, once it has held VIEW_SETTLE_S.

    The classifier can call a frame or two of a side-on squat "front" (a knee crossing the other); switching
    the counted signal on such a frame would put a step into it, and a step is a turning point. A real change
    of view (the person turns, the camera cuts) holds, and the count follows it a second later."""

    def __init__(self) -> None:
        self.view = ""
        self._candidate = ""
        self._since = 0.0

    def update(self, t: float, view: str) -> str:
        """This frame's classified view in, the settled view out."""
        if view in ("", "none"):
            return self.view or view
        if not self.view:
            self.view = view
        if view == self.view:
            self._candidate = ""
        elif view != self._candidate:
            self._candidate, self._since = view, t
        elif t - self._since >= VIEW_SETTLE_S:
            self.view, self._candidate = view, ""
        return self.view


def oriented(motion: RepMotion, fk: FrameKinematics, view: str | None = None) -> tuple[float, float]:
    """The counted signal on each side, signed so that it rises during the rep (NaN where not measured); `view`
    is the view counted from (the frame's own by default)."""
    left, right = fk.signals[motion.signal_for(view or fk.view)]
    sign = 1.0 if motion.rising else -1.0
    return sign * left, sign * right


def counted_value(exercise: Exercise, fk: FrameKinematics, view: str | None = None) -> float:
    """The one value the cycle counter follows in this frame.

    Both legs together (a squat): the leg nearer the camera when side-on (the far one is hidden), else the
    mean of the two. One side at a time: the side moving most, which needs no left/right label and so is
    immune to the model swapping them; "min" (a lunge): the less-moved side, because the movement needs both.
    """
    left, right = oriented(exercise.motion, fk, view)  # type: ignore[arg-type]
    pair = [v for v in (left, right) if math.isfinite(v)]
    if not pair:
        return math.nan
    motion = exercise.motion
    assert isinstance(motion, RepMotion)
    if exercise.sides == "both":
        if fk.view == "side" and fk.facing in ("left", "right"):
            near = left if fk.facing == "left" else right
            if math.isfinite(near):
                return near
        return sum(pair) / len(pair)
    if motion.combine_for(view or fk.view) == "min":
        return min(pair) if len(pair) == 2 else math.nan
    return max(pair)


class RepTracker:
    """Frames in (only those the setup check lets through), counted reps out."""

    def __init__(self, exercise: Exercise) -> None:
        motion = exercise.motion
        assert isinstance(motion, RepMotion)
        self.exercise = exercise
        self.motion = motion
        self._median = CentredMedian()
        self._latch = ViewLatch()
        # The counter follows the signal oriented to rise during the rep, its resting level too.
        rest = motion.rest if motion.rising else -motion.rest
        self.counter = CycleCounter(motion.typical_range, rest, motion.min_excursion)
        self._small: SmallRange | None = SmallRange(rest, motion.min_excursion)  # until a rep is counted
        self._own_range = False  # counting on the small range SmallRange found

    @property
    def active(self) -> bool:
        """A rep is in progress (a small one too, while the person's range is unknown)."""
        return self.counter.active or (self._small is not None and self._small.active)

    @property
    def view(self) -> str:
        """The view the reps are being counted from."""
        return self._latch.view

    def update(self, fk: FrameKinematics) -> list[Cycle]:
        """Feed a frame; returns the reps completed (their side is decided by the engine)."""
        view = self._latch.update(fk.t, fk.view)
        # Until this person's own range is known, count from the exercise's typical range; from a view that
        # foreshortens by an unknown share, from the smallest range whose reps still clear min_excursion.
        motion = self.motion
        unknown = view in motion.foreshortened
        if not self._own_range:
            self.counter.typical = motion.min_excursion / COVER if unknown else motion.typical_range
        value = counted_value(self.exercise, fk, view)
        if not math.isfinite(value):
            return []
        return [c for t, v in self._median.push(fk.t, value) for c in self._feed(t, v)]

    def finish(self) -> list[Cycle]:
        """End of input: the frames still in the median window, then any rep cut by the end."""
        out = [c for t, v in self._median.flush() for c in self._feed(t, v)]
        last = self.counter.finish()
        if self._small is not None and not last and self._small.finish():
            last = self._take_small()
        return out + last

    def _feed(self, t: float, v: float) -> list[Cycle]:
        found = self.counter.update(t, v)
        if self._small is None:
            return found
        if any(not c.partial for c in found):  # a rep on the typical range: the person's range is learned from it
            self._small = None
            return found
        if self._small.update(t, v):
            return found + self._take_small()
        return found

    def _take_small(self) -> list[Cycle]:
        """This person's reps are smaller than the typical range's: count on the counter that found them."""
        assert self._small is not None
        self.counter, found = self._small.take()
        self._small, self._own_range = None, True
        return found


def side_of(exercise: Exercise, at_peak: FrameKinematics) -> str:
    """The worked side of a rep from its turning-point frame."""
    if exercise.sides == "both":
        return "both"
    motion = exercise.motion
    assert isinstance(motion, RepMotion)
    if motion.side_signal is not None:
        return frame_side(at_peak, "left", motion.side_signal)
    left, right = oriented(motion, at_peak)
    if not math.isfinite(right) or (math.isfinite(left) and left >= right):
        return "left"
    return "right"
