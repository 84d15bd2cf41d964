"""A person whose whole range is under the typical one's is counted once their small reps repeat
(formcheck.engine.small_range); the clamshell's opening is signed by the world landmarks (formcheck.kinematics)."""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.engine.records import Cycle
from formcheck.engine.reps import RepTracker
from formcheck.exercises.catalogue import get
from formcheck.kinematics.angles import compute_signals
from formcheck.landmarks import Landmark
from formcheck.types import FrameKinematics
from tests.stick import H, W
from tests.test_cycles import FPS, reps


def squat_side_on(values: np.ndarray) -> tuple[list[Cycle], list[float]]:
    """A side-on squat whose knee angle follows `values`: the reps counted, and when each was reported."""
    tracker, out, when = RepTracker(get("squat")), [], []
    for i, v in enumerate(values):
        signals = {"knee_flexion": (float(v), float(v)), "thigh_drop": (float(v), float(v))}
        found = tracker.update(FrameKinematics(i / FPS, i, signals, "side", "", "upright", True, 0))
        out += found
        when += [i / FPS] * len(found)
    last = tracker.finish()
    return out + last, when + [len(values) / FPS] * len(last)


def test_small_range_reps_are_counted_once_they_repeat() -> None:
    # 25° knee bends: under the 36° the squat's typical 90° range asks of a first rep, every one of them.
    values = reps(5, peak=30.0)
    counted, when = squat_side_on(values)
    assert len(counted) == 5
    assert all(c.partial == "" for c in counted)
    # Live, the first rep waits for the second to show it repeats; both are reported together, then one by one.
    assert when[0] == when[1] and when[1] < when[2] < when[3] < when[4]
    assert counted[1].end_s <= when[1] <= counted[1].end_s + 1.0


def test_one_small_movement_before_full_reps_is_not_a_rep() -> None:
    small = reps(1, peak=30.0)
    full = reps(3)
    counted, _ = squat_side_on(np.concatenate([small, full]))
    assert len(counted) == 3
    assert min(c.range_deg for c in counted) > 60.0


def test_a_movement_before_the_repeating_pair_is_not_counted_with_it() -> None:
    # A 17° shift on the mat, then two 25° reps: the two reps, not the shift (it differs from them by 1.5 times).
    counted, _ = squat_side_on(np.concatenate([reps(1, peak=22.0), reps(2, peak=30.0)]))
    assert len(counted) == 2
    assert min(c.range_deg for c in counted) > 20.0


def test_a_first_small_rep_taken_for_one_cut_by_the_start_counts_with_the_pair_it_is_like() -> None:
    # Resting at 10° knee bend, 5° above the squat's typical rest, and the recording opens as the first rep begins:
    # it opens "above rest", so that rep looks cut by the start (a rendered bridge at 35 % of its range did this:
    # counting.py --rendered --below --fresh).
    counted, _ = squat_side_on(reps(3, peak=30.0, rest=10.0, lead_s=0.0))
    assert len(counted) == 3
    assert counted[0].partial == "start" and counted[1].partial == counted[2].partial == ""


def test_two_like_movements_a_minute_apart_are_not_a_set() -> None:
    quiet = np.full(int(60 * FPS), 5.0)
    counted, _ = squat_side_on(np.concatenate([reps(1, peak=30.0), quiet, reps(1, peak=30.0)]))
    assert counted == []


def test_small_cycles_of_different_sizes_are_not_reps() -> None:
    # 17° then 35°: a factor over 2 (the tuning set's consecutive reps differ by 1.79 at most).
    counted, _ = squat_side_on(np.concatenate([reps(1, peak=22.0), reps(1, peak=40.0)]))
    assert counted == []


def test_repeated_wobbles_under_the_minimum_excursion_are_never_reps() -> None:
    counted, _ = squat_side_on(reps(6, peak=5.0 + 12.0))  # 12° < the squat's 15° minimum excursion
    assert counted == []


def test_after_small_reps_the_range_follows_the_person() -> None:
    # A small-range start, then the person warms up into bigger reps: all of them count.
    values = np.concatenate([reps(3, peak=30.0), reps(3, peak=45.0), reps(2, peak=60.0)])
    counted, _ = squat_side_on(values)
    assert len(counted) == 8


def _clamshell_picture(opening_deg: float) -> np.ndarray:
    """A person lying on the right side facing the camera (pixels, y down): the left hip above the right one, the
    lower thigh toward image-right, the upper one turned up from it by `opening_deg` (negative: down, crossed)."""
    p = np.full((33, 2), 200.0)
    p[Landmark.LEFT_HIP], p[Landmark.RIGHT_HIP] = (300.0, 240.0), (300.0, 300.0)
    p[Landmark.RIGHT_KNEE] = (420.0, 300.0)
    a = np.radians(opening_deg)
    p[Landmark.LEFT_KNEE] = (300.0 + 120.0 * np.cos(a), 240.0 - 120.0 * np.sin(a))
    p[Landmark.LEFT_SHOULDER], p[Landmark.RIGHT_SHOULDER] = (150.0, 240.0), (150.0, 300.0)
    xyzv = np.zeros((1, 33, 4))
    xyzv[0, :, 0], xyzv[0, :, 1], xyzv[0, :, 3] = p[:, 0] / W, p[:, 1] / H, 1.0
    return xyzv


@pytest.mark.parametrize("opening", [30.0, -8.0, 0.0])
def test_the_opening_is_negative_while_the_upper_thigh_lies_past_the_lower_one(opening: float) -> None:
    # Opened: the upper knee toward the upper hip's side of the lower thigh. Crossed: a little past it.
    signals = compute_signals(_clamshell_picture(opening), W, H)
    assert signals["thigh_opening"][0] == pytest.approx([opening, opening], abs=0.01)  # either leg labelled left
    assert signals["thigh_spread"][0] == pytest.approx([abs(opening)] * 2, abs=0.01)  # the rules' angle: unsigned


def test_a_crossed_rest_and_a_small_opening_are_one_movement() -> None:
    # The rendered half-range clamshell's reading: crossed at rest by 6°, opened 9.5°. Unsigned it dipped to 0° and
    # rose by 9.5°; signed it rises by 15.5°, clear of the 10° minimum excursion.
    openings = [compute_signals(_clamshell_picture(a), W, H)["thigh_opening"][0, 0] for a in np.linspace(-6.0, 9.5, 32)]
    assert np.all(np.diff(openings) > 0)
    assert openings[-1] - openings[0] == pytest.approx(15.5, abs=0.01)
