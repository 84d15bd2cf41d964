"""A hold band that also starts a little above the person's own rest (HoldMotion.above_rest): the supine rotation's
knee drops, which the model reads as a fraction of the movement when they go away from a camera at the side."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from formcheck.engine.holds import HoldSpan, HoldTimer
from formcheck.exercises.catalogue import get
from formcheck.exercises.spec import HoldMotion

FPS = 15.0
KNEES_UP = 36.0  # the rest reading of a knees-up supine person filmed side-on


def drops(above_rest: float | None, value_at: Callable[[float], float], seconds: float, error: float = 10.0
          ) -> list[HoldSpan]:  # fmt: skip
    timer = HoldTimer(HoldMotion(signal="knee_drop", low=52.0, high=135.0, grace_s=0.5, min_record_s=1.0,
                                 above_rest=above_rest))  # fmt: skip
    spans = [timer.update(i / FPS, value_at(i / FPS), 0, error=error) for i in range(int(FPS * seconds))]
    return [s for s in [*spans, timer.finish()] if s]


def jitter(t: float) -> float:
    """The model's reading of a still person: ±1.5°."""
    return 1.5 * math.sin(7.3 * t) * math.cos(2.1 * t)


def rotation(t: float) -> float:
    """Knees up, a drop toward the camera read as +36°, knees up, a drop away from it read as +9°, knees up."""
    if 2 <= t < 6:
        return KNEES_UP + 36.0 + jitter(t)
    if 9 <= t < 13:
        return KNEES_UP + 9.0 + jitter(t)
    return KNEES_UP + jitter(t)


def test_a_drop_the_model_reads_small_is_timed_against_the_persons_own_rest() -> None:
    assert len(drops(None, rotation, 16)) == 1  # the fixed band (52°+) sees only the drop toward the camera
    spans = drops(6.0, rotation, 16)
    assert len(spans) == 2
    assert spans[1].held_s == pytest.approx(4.0, abs=0.3)


def test_a_still_person_makes_no_hold() -> None:
    assert drops(6.0, lambda t: KNEES_UP + jitter(t), 60) == []


def test_a_return_to_the_rest_ends_the_hold_even_within_the_measurements_error() -> None:
    # Two drops read +9°, 2 s back at rest between them: the rest is 9° from the band's new edge, inside a 10°
    # measurement error, but a reading back at the person's own rest is a release, not "near the band".
    def two(t: float) -> float:
        return KNEES_UP + (9.0 if 2 <= t < 6 or 8 <= t < 12 else 0.0) + jitter(t)

    assert len(drops(6.0, two, 15)) == 2


def test_a_glitch_does_not_lower_the_rest() -> None:
    # One frame read 20° low (a landmark glitch) must not make the band start under the rest's jitter.
    def glitched(t: float) -> float:
        return KNEES_UP - 20.0 if abs(t - 3.0) < 0.5 / FPS else KNEES_UP + jitter(t)

    assert drops(6.0, glitched, 30) == []


def test_a_recording_that_starts_in_the_drop_is_timed_on_the_fixed_band() -> None:
    # No rest seen yet: the band is the exercise's own.
    assert len(drops(6.0, lambda t: 72.0 + jitter(t) if t < 5 else KNEES_UP, 8)) == 1


def test_the_supine_rotation_declares_it() -> None:
    motion = get("supine_double_hip_rotation").motion
    assert isinstance(motion, HoldMotion) and motion.above_rest == 6.0
