"""Which measure of the clamshell's opening a frame is read with (formcheck.kinematics.opening): pure logic."""

from __future__ import annotations

import math

import numpy as np

from formcheck.kinematics.opening import EDGE_ON, FACE_ON, MIN_SAMPLES, OpeningView, thigh_across_hips
from formcheck.kinematics.signals3d import compute_signals3d
from formcheck.landmarks import Landmark as L

DT = 1 / 15


def legs(hip_line_deg: float, thigh_deg: float) -> np.ndarray:
    """A (1, 33, 2) picture: hips 40 px apart along `hip_line_deg`, both thighs 100 px long along `thigh_deg`."""
    p = np.zeros((1, 33, 2))
    h = np.radians(hip_line_deg)
    k = np.radians(thigh_deg)
    p[0, L.LEFT_HIP] = (200 + 20 * math.cos(h), 200 + 20 * math.sin(h))
    p[0, L.RIGHT_HIP] = (200 - 20 * math.cos(h), 200 - 20 * math.sin(h))
    for hip, knee in ((L.LEFT_HIP, L.LEFT_KNEE), (L.RIGHT_HIP, L.RIGHT_KNEE)):
        p[0, knee] = p[0, hip] + (100 * math.cos(k), 100 * math.sin(k))
    return p


def test_the_thigh_across_the_hip_line_reads_one_and_along_it_zero() -> None:
    assert abs(thigh_across_hips(legs(90, 0))[0] - 1.0) < 1e-9
    assert abs(thigh_across_hips(legs(90, 90))[0]) < 1e-9
    assert abs(thigh_across_hips(legs(90, 60))[0] - 0.5) < 1e-9  # 30° from the hip line: EDGE_ON


def feed(view: OpeningView, values: list[float], start: float = 0.0, segment: int = 0) -> list[bool]:
    return [view.update(start + i * DT, segment, v) for i, v in enumerate(values)]


def test_the_picture_is_kept_while_the_thighs_cross_the_hip_line() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.9, 0.95, 1.0] * 60))


def test_an_edge_on_plane_turns_to_the_world_landmarks_and_a_brief_dip_does_not() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.95] * 30 + [0.1] * 5 + [0.95] * 30))  # a third of a second: outvoted
    view = OpeningView()
    chosen = feed(view, [0.95] * 30 + [0.3] * 30)
    assert not chosen[30] and chosen[-1]  # within the window's half, not on the first frame


def test_between_the_two_limits_the_choice_stays_as_it_was() -> None:
    view = OpeningView()
    middle = (EDGE_ON + FACE_ON) / 2
    chosen = feed(view, [0.3] * 30 + [middle] * 60)
    assert all(chosen[-60:])  # still the world's: the picture's again only over FACE_ON
    assert not feed(view, [0.95] * 30, start=10.0)[-1]


def test_a_camera_cut_starts_again_with_the_picture() -> None:
    view = OpeningView()
    assert feed(view, [0.2] * 30)[-1]
    assert not any(feed(view, [0.2] * (MIN_SAMPLES - 1), start=3.0, segment=1))  # too few frames to decide
    assert feed(view, [0.2] * 30, start=4.0, segment=1)[-1]


def test_the_world_opening_is_the_angle_between_the_thighs_across_the_pelvis() -> None:
    world = np.zeros((1, 33, 3))
    world[0, L.LEFT_SHOULDER] = (0.18, -0.5, 0)
    world[0, L.RIGHT_SHOULDER] = (-0.18, -0.5, 0)
    world[0, L.LEFT_HIP] = (0.1, 0, 0)
    world[0, L.RIGHT_HIP] = (-0.1, 0, 0)
    world[0, L.NOSE] = (0, -0.7, -0.1)
    world[0, L.LEFT_KNEE] = world[0, L.LEFT_HIP] + 0.45 * np.array(
        [math.sin(math.radians(20)), math.cos(math.radians(20)), 0]
    )
    world[0, L.RIGHT_KNEE] = world[0, L.RIGHT_HIP] + (0, 0.45, 0)
    opening = compute_signals3d(world)["thigh_opening_3d"][0]
    assert np.allclose(opening, 20.0, atol=0.01)  # the same on both sides
    world[0, L.LEFT_KNEE] = world[0, L.LEFT_HIP] + 0.45 * np.array(
        [-math.sin(math.radians(5)), math.cos(math.radians(5)), 0]
    )
    assert np.allclose(compute_signals3d(world)["thigh_opening_3d"][0], -5.0, atol=0.01)  # converging: negative
