"""Looking for a person too small for the whole picture in part of it (formcheck.pose.zoom): the geometry, no model."""

from __future__ import annotations

import numpy as np

from formcheck.pose.zoom import SHARE, around, centre, middle, to_picture


def test_the_middle_is_half_the_picture_each_way() -> None:
    assert middle(640, 480) == (160, 120, 480, 360)
    assert SHARE == 0.5


def test_a_region_round_a_person_near_the_edge_stays_inside_the_picture() -> None:
    assert around(10.0, 470.0, 640, 480) == (0, 240, 320, 480)
    assert around(630.0, 5.0, 640, 480) == (320, 0, 640, 240)
    assert around(320.0, 240.0, 640, 480) == middle(640, 480)


def test_landmarks_found_in_a_region_land_where_they_are_in_the_picture() -> None:
    xyzv = np.array([[0.0, 0.0, 0.1, 0.9], [1.0, 1.0, -0.2, 0.5], [0.5, 0.25, 0.0, 1.0]] + [[0.5, 0.5, 0.0, 1.0]] * 30)
    out = to_picture(xyzv, (160, 120, 480, 360), 640, 480)
    np.testing.assert_allclose(out[0], [160 / 640, 120 / 480, 0.05, 0.9])  # z shrinks with x: half the width
    np.testing.assert_allclose(out[1], [480 / 640, 360 / 480, -0.1, 0.5])
    np.testing.assert_allclose(out[2, :2], [320 / 640, 180 / 480])


def test_the_centre_of_a_person_is_the_middle_of_their_landmarks_box() -> None:
    xyzv = np.full((33, 4), np.nan)
    xyzv[:3, :2] = [[0.25, 0.5], [0.75, 0.5], [0.5, 1.0]]
    assert centre(xyzv, 640, 480) == (320.0, 360.0)
