"""Turning one exercise's frames into counted cycles: the counted value per frame, the glitch median, the cycle
counter, and which side each rep was done with."""

from __future__ import annotations

import math

from formcheck.engine.cycles import CentredMedian, Cycle, CycleCounter
from formcheck.engine.rules import frame_side
from formcheck.exercises.spec import Exercise, RepMotion
from formcheck.types import FrameKinematics


def oriented(motion: RepMotion, fk: FrameKinematics) -> tuple[float, float]:
    """The counted signal on each side, signed so that it rises during the rep (NaN where not measured)."""
    left, right = fk.signals[motion.signal_for(fk.view)]
    sign = 1.0 if motion.rising else -1.0
    return sign * left, sign * right


def counted_value(exercise: Exercise, fk: FrameKinematics) -> float:
    """The one value the cycle counter follows in this frame.

    Both legs together (a squat): the leg nearer the camera when side-on (the far one is hidden), else the
    mean of the two. One side at a time: the side moving most, which needs no left/right label and so is
    immune to the model swapping them; "min" (a lunge): the less-moved side, because the movement needs both.
    """
    left, right = oriented(exercise.motion, fk)  # type: ignore[arg-type]
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
    if motion.combine == "min":
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
        self.counter = CycleCounter(motion.typical_range, motion.rest, motion.min_excursion)

    @property
    def active(self) -> bool:
        """A rep is in progress."""
        return self.counter.active

    def update(self, fk: FrameKinematics) -> list[Cycle]:
        """Feed a frame; returns the reps completed (their side is decided by the engine)."""
        value = counted_value(self.exercise, fk)
        if not math.isfinite(value):
            return []
        return [c for t, v in self._median.push(fk.t, value) for c in self.counter.update(t, v)]

    def finish(self) -> list[Cycle]:
        """End of input: the frames still in the median window, then any rep cut by the end."""
        out = [c for t, v in self._median.flush() for c in self.counter.update(t, v)]
        return out + self.counter.finish()


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
