"""The pose stage's people census and the search for everyone in a picture: pure logic, no model."""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import Landmark as L
from formcheck.pose.census import CONFIRM_FRAMES, RECHECK_S, Census
from formcheck.pose.finding import cover, found_again, made_up_inside

DT = 1 / 30


def run(census: Census, found_at: list[int], start: float = 0.0) -> list[float]:
    """Feed frames from `start`, one per entry, `found_at[i]` people found when looked; returns the looked-at times."""
    looked = []
    for i, found in enumerate(found_at):
        t = start + i * DT
        if census.due(t):
            looked.append(round(t, 3))
            census.seen(t, found)
    return looked


def test_one_person_is_looked_for_every_census_period_only() -> None:
    census = Census(6.0)
    looked = run(census, [1] * 400)  # 13 s
    assert looked == [0.0, 6.0, 12.0] and not census.multi


def test_several_are_followed_once_three_of_five_frames_find_them() -> None:
    census = Census(6.0)
    run(census, [2, 1, 2, 2] + [2] * 10)
    assert census.multi and census.people == 2


def test_a_body_made_up_now_and_then_is_no_second_person() -> None:
    census = Census(6.0)
    looked = run(census, [2, 1, 1, 2, 1] + [1] * 60)
    assert not census.multi
    assert looked[:CONFIRM_FRAMES] == [round(i * DT, 3) for i in range(CONFIRM_FRAMES)]  # checked frame by frame
    assert looked[CONFIRM_FRAMES] == round(4 * DT + RECHECK_S, 3)  # found twice: looked at again a second later


def test_following_several_ends_after_two_censuses_alone_not_after_gaps() -> None:
    census = Census(6.0)
    run(census, [2, 2, 2])
    assert census.multi
    # nobody found at the next census (a gap in the picture), then two people between censuses: still several
    run(census, [0] + [2] * 10, start=6.0)
    run(census, [1] + [2] * 10, start=12.0)
    run(census, [1], start=18.0)
    assert census.multi  # the two people between the censuses reset the count of censuses alone
    run(census, [1] * 5, start=24.0)
    run(census, [1], start=30.0)
    assert not census.multi and census.people == 1


def test_a_lost_person_is_looked_for_on_the_next_frame() -> None:
    census = Census(6.0)
    run(census, [1])
    assert not census.due(1.0)
    census.lost(1.0)
    assert census.due(1.0 + DT)


def test_no_census_when_switched_off() -> None:
    assert not Census(None).due(100.0)


def person(x: float, y: float, lying: bool = False, size: float = 100.0) -> np.ndarray:
    """Image landmarks (33, 2) of a stick figure: head at (x, y), standing (or lying to the right)."""
    along = np.array([1.0, 0.0]) if lying else np.array([0.0, 1.0])
    across = np.array([0.0, 1.0]) if lying else np.array([1.0, 0.0])
    p = np.zeros((33, 2))
    head = np.array([x, y])
    p[L.NOSE : L.MOUTH_RIGHT + 1] = head + np.linspace(-0.1, 0.1, 11)[:, None] * size * across
    joints = (
        (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, 0.3, 0.4),
        (L.LEFT_ELBOW, L.RIGHT_ELBOW, 0.6, 0.5),
        (L.LEFT_WRIST, L.RIGHT_WRIST, 0.9, 0.5),
        (L.LEFT_HIP, L.RIGHT_HIP, 0.9, 0.3),
        (L.LEFT_KNEE, L.RIGHT_KNEE, 1.4, 0.3),
        (L.LEFT_ANKLE, L.RIGHT_ANKLE, 1.9, 0.3),
    )
    for left, right, depth, width in joints:
        p[left] = head + depth * size * along + width / 2 * size * across
        p[right] = head + depth * size * along - width / 2 * size * across
    return p


def test_the_same_person_found_again_and_a_body_made_up_inside_them() -> None:
    patient = person(100, 300, lying=True)
    assert found_again(patient + 5.0, patient)
    assert not found_again(person(300, 150), patient)
    made_up = person(180, 290, lying=True, size=60)  # a head on the patient's own body
    assert made_up_inside(made_up, patient)
    therapist = person(200, 120)  # kneeling behind the pelvis: head above the lying patient
    assert not made_up_inside(therapist, patient) and not made_up_inside(patient, therapist)


def test_a_found_head_is_covered_and_one_above_the_picture_covers_the_torso() -> None:
    image = np.zeros((400, 600, 3), dtype=np.uint8)
    cover(image, person(300, 100), np.array([9, 9, 9], dtype=np.uint8))
    assert image[100, 300].tolist() == [9, 9, 9] and image[390, 300].tolist() == [0, 0, 0]
    image = np.zeros((400, 600, 3), dtype=np.uint8)
    cover(image, person(300, -60), np.array([9, 9, 9], dtype=np.uint8))  # head above the frame
    assert image[10, 300].tolist() == [9, 9, 9]  # the shoulders-to-hips box, in view, is covered


def test_a_gap_while_following_several_is_no_census() -> None:
    census = Census(6.0)
    run(census, [2, 2, 2])
    for start in (1.0, 2.0, 3.0):  # nobody found in a frame (so the pose stage calls lost), then one person: thrice
        run(census, [0], start=start)
        census.lost(start)
        run(census, [1], start=start + DT)
    assert census.multi  # only censuses six seconds apart end following several
