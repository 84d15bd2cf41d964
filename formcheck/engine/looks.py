"""Does a rep look like the exercise it was counted as? (A wrong --exercise counts confidently otherwise: a squat
counted as a lunge bends both knees, as a lunge does.) Pure functions."""

from __future__ import annotations

import math
from collections.abc import Sequence

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.spec import Exercise, Looks, RepMotion
from formcheck.types import FrameKinematics


def looks_value(looks: Looks, at_peak: FrameKinematics) -> float | None:
    """The value the turning-point frame is judged on; None when its view or joints cannot tell."""
    if at_peak.view not in looks.views or looks.signal not in at_peak.signals:
        return None
    left, right = at_peak.signals[looks.signal]
    if not (math.isfinite(left) and math.isfinite(right)):
        return None
    return abs(left - right) if looks.measure == "apart" else min(left, right)


def unlike_warning(exercise: Exercise, records: Sequence[RepRecord | HoldRecord]) -> str | None:
    """A warning when half or more of the reps that could be judged did not look like the exercise."""
    motion = exercise.motion
    if not isinstance(motion, RepMotion) or motion.looks is None:
        return None
    judged = [r.looks_value for r in records if isinstance(r, RepRecord) and r.looks_value is not None]
    looks = motion.looks
    unlike = sum(not looks.low <= value <= looks.high for value in judged)
    if not judged or 2 * unlike < len(judged):  # half or more
        return None
    return (f"{unlike} of {len(judged)} reps seen from the side or at an angle did not move as a "
            f"{exercise.title.lower()} does ({looks.unlike}): check that this recording is of the "
            f"{exercise.name} (--exercise)")  # fmt: skip
