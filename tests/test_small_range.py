"""A person whose whole range is under the typical one's is counted once their small reps repeat
(formcheck.engine.small_range); the clamshell's opening is signed by the world landmarks (formcheck.kinematics)."""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.engine.records import Cycle
from formcheck.engine.reps import RepTracker
from formcheck.exercises.catalogue import get
from formcheck.kinematics.signals3d import compute_signals3d, thigh_opening
from formcheck.landmarks import Landmark
from formcheck.types import FrameKinematics
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


def _lying_world(top_knee: np.ndarray) -> np.ndarray:
    """World landmarks (metres, y down) of a person lying on the right side, facing -z: the left hip above the right
    one, both thighs forward; the left (upper) knee where given."""
    world = np.zeros((1, 33, 3))
    world[0, Landmark.LEFT_HIP] = (0.0, -0.1, 0.0)
    world[0, Landmark.RIGHT_HIP] = (0.0, 0.1, 0.0)
    world[0, Landmark.RIGHT_KNEE] = (0.3, 0.1, -0.3)
    world[0, Landmark.LEFT_KNEE] = top_knee
    for name in ("SHOULDER", "ANKLE", "EAR"):
        world[0, Landmark[f"LEFT_{name}"]] = world[0, Landmark[f"RIGHT_{name}"]] = (-0.5, 0.0, 0.0)
    world[0, Landmark.NOSE] = (-0.5, 0.0, -0.1)
    return world


@pytest.mark.parametrize(("knee_y", "sign"), [(-0.2, 1.0), (0.15, -1.0)])
def test_the_world_spread_is_negative_while_the_upper_thigh_lies_past_the_lower_one(knee_y: float,
                                                                                   sign: float) -> None:  # fmt: skip
    # Opened: the upper knee is above the lower one (toward the upper hip's side). Crossed: a little below it.
    spread = compute_signals3d(_lying_world(np.array([0.3, knee_y, -0.3])))["thigh_spread_3d"][0]
    assert np.sign(spread[0]) == sign and np.sign(spread[1]) == sign  # the same whichever leg is labelled left
    assert spread[0] == pytest.approx(spread[1])


def test_the_opening_takes_the_pictures_size_and_the_worlds_sign() -> None:
    picture = np.array([[12.0, 12.0], [8.0, 8.0], [30.0, 30.0]])
    world = np.array([[5.0, 5.0], [-3.0, -3.0], [np.nan, np.nan]])
    assert thigh_opening(picture, world).tolist() == [[12.0, 12.0], [-8.0, -8.0], [30.0, 30.0]]
