"""Whom the session follows when a second person comes into view (formcheck/session/people.py): pure logic on
synthetic landmarks, no model."""

from __future__ import annotations

import numpy as np

from formcheck.exercises.catalogue import get
from formcheck.session.people import PersonSelector
from formcheck.types import People, Pose
from tests.test_census import person


def pose(points_px: np.ndarray) -> Pose:
    """A Pose from image landmarks in pixels of a 1000 × 1000 picture, every landmark seen."""
    xyzv = np.zeros((33, 4))
    xyzv[:, :2] = points_px / 1000.0
    xyzv[:, 3] = 1.0
    return Pose(xyzv)


def hips(chosen: Pose) -> list[float]:
    return (chosen.xyzv[[23, 24], :2].mean(axis=0) * 1000).round().tolist()


def test_the_person_followed_alone_stays_followed_when_someone_alike_comes_into_view() -> None:
    selector, squat = PersonSelector(), get("squat")
    exerciser, coach = pose(person(400, 200)), pose(person(650, 180, size=110))
    for i in range(5):
        selector.choose(i / 30, People((exerciser,), 1), squat)
    chosen = selector.choose(5 / 30, People((coach, exerciser), 2), squat)  # the coach found first
    assert hips(chosen) == hips(exerciser)


def test_a_patient_in_the_exercise_posture_is_followed_at_once_over_the_therapist_tracked_alone() -> None:
    selector, clamshell = PersonSelector(), get("clamshell")
    therapist, patient = pose(person(500, 150)), pose(person(300, 600, lying=True))
    for i in range(5):
        selector.choose(i / 30, People((therapist,), 1), clamshell)
    chosen = selector.choose(5 / 30, People((therapist, patient), 2), clamshell)
    assert hips(chosen) == hips(patient)


def test_someone_followed_alone_long_ago_does_not_decide_between_two_newcomers() -> None:
    selector, squat = PersonSelector(), get("squat")
    for i in range(5):
        selector.choose(i / 30, People((pose(person(400, 200)),), 1), squat)
    selector.choose(1.0, People((), 0), squat)
    newcomers = People((pose(person(650, 180, size=110)), pose(person(410, 200))), 2)
    fresh = PersonSelector().choose(130.0, newcomers, squat)  # chosen on what they look like alone
    assert hips(selector.choose(130.0, newcomers, squat)) == hips(fresh)
