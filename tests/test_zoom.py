"""Looking for a person too small for the whole picture in part of it (formcheck.pose.zoom): the geometry, no model."""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.pose.estimator import PoseEstimator
from formcheck.pose.zoom import RECHECK_S, ZOOM_SEARCH_S, around, centre, middle, to_picture
from formcheck.types import Frame, Pose


def test_the_middle_is_half_the_picture_each_way() -> None:
    assert middle(640, 480) == (160, 120, 480, 360)


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


class Scripted(PoseEstimator):
    """The pose stage's choice of where to look, with the model's answers scripted: nobody in the whole picture before
    `whole_from` s, someone in any part of it before `region_until` s."""

    def __init__(self, whole_from: float, region_until: float) -> None:  # no model: only the state _track uses
        self.look_closer, self.zoom_s = True, 0.0
        self._region, self._search_at, self._recheck_at = None, 0.0, 0.0
        self.whole_from, self.region_until, self.calls = whole_from, region_until, []

    def _whole(self, frame: Frame, ms: int) -> tuple[Pose, ...]:
        self.calls.append((round(frame.t, 3), "whole"))
        return (person(0.5),) if frame.t >= self.whole_from else ()

    def _find_in(self, image: np.ndarray, region: tuple[int, int, int, int]) -> Pose | None:
        self.calls.append((round(self._t, 3), "middle" if region == middle(640, 480) else "region"))
        return person(0.3) if self._t < self.region_until else None

    def look(self, t: float) -> tuple[Pose, ...]:
        self._t = t
        return self._track(Frame(np.zeros((480, 640, 3), np.uint8), t, 0), int(t * 1000))


def person(x: float) -> Pose:
    xyzv = np.full((33, 4), 0.5)
    xyzv[:, 0] = x
    return Pose(xyzv)


def test_the_pose_stage_looks_closer_only_while_nobody_is_found_and_rechecks_the_whole_picture() -> None:
    stage = Scripted(whole_from=99.0, region_until=2.0)
    found = [bool(stage.look(i / 10)) for i in range(40)]  # 10 frames a second for 4 s
    assert found[:20] == [True] * 20 and not any(found[20:])  # followed in the region until it loses them
    calls = stage.calls
    assert calls[:3] == [(0.0, "whole"), (0.0, "middle"), (0.1, "region")]  # found in the middle, then followed
    rechecks = [t for t, where in calls if where == "whole" and 0 < t < 2.0]
    assert rechecks == [RECHECK_S]  # the whole picture looked at once a second while following
    # Lost in the region at 2.0 s: the whole picture in the same frame; then the middle, every ZOOM_SEARCH_S.
    assert (2.0, "whole") in calls
    searches = [t for t, where in calls if where == "middle" and t > 2.0]
    assert searches == pytest.approx([2.1 + ZOOM_SEARCH_S * k for k in range(4)])


def test_someone_found_in_the_whole_picture_is_tracked_there_and_never_looked_for_closer() -> None:
    stage = Scripted(whole_from=0.0, region_until=99.0)
    assert all(stage.look(i / 10) for i in range(20))
    assert {where for _, where in stage.calls} == {"whole"}
