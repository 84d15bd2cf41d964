"""Which person to follow when several are in view: the one doing the exercise, and then keep following them.

A therapist steadying the patient's pelvis, a coach beside the athlete, a partner walking past: the first
person the model found is often not the exerciser. Each person is followed from frame to frame by their
hip centre; over the last few seconds each is scored on what the exercise looks like (in its posture,
moving its counting signal through a good part of its range, its joints in view), and the best one is
followed. Switching needs a clear and lasting lead, so nobody is dropped for a moment of occlusion.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from formcheck.exercises.spec import Exercise
from formcheck.kinematics.angles import body_axes, compute_signals, pixels
from formcheck.kinematics.view import classify_posture
from formcheck.session.view import Event
from formcheck.types import People, Pose

SAME_PERSON_TORSO = 0.8  # a pose whose hips are within 0.8 torso lengths of a person's last hips is them
WINDOW_S = 3.0  # how far back a person's exercise-likeness is judged
SWITCH_AFTER_S = 1.0  # another person must lead for this long before they are followed
LEAD = 0.35  # ... by this much of the score (scores run 0 to 2.5)
FORGET_S = 2.0  # a person unseen this long is forgotten


@dataclass
class _Person:
    id: int
    hip: np.ndarray
    torso: float
    seen_t: float
    history: deque[tuple[float, bool, float, float]] = field(default_factory=deque)  # t, posture ok, value, seen


class PersonSelector:
    """choose() once per frame; with one person in view it simply follows them."""

    def __init__(self) -> None:
        self._people: list[_Person] = []
        self._followed: int | None = None
        self._lead_since: float | None = None
        self._next_id = 0
        self._announced = False
        self.events: list[Event] = []
        self.multi_frames = 0
        self._alone: tuple[float, Pose] | None = None  # the one person last in view alone, and when

    def choose(self, t: float, people: People, exercise: Exercise) -> Pose:
        """The pose of the person to follow in this frame (missing when nobody is in view)."""
        if people.counted > 1 or len(people.poses) > 1:
            self.multi_frames += 1
        if len(people.poses) <= 1 and len(self._people) <= 1:
            self._people = []
            self._followed = None
            if people.first.found:
                self._alone = (t, people.first)  # measured only if someone else comes into view
            return people.first
        tracked = [self._match(t, pose, exercise) for pose in people.poses]
        self._people = [p for p in self._people if t - p.seen_t <= FORGET_S]
        best = max(self._people, key=lambda p: self._score(p, t), default=None)
        current = next((p for p in self._people if p.id == self._followed), None)
        if current is None or best is None:
            self._follow(self._first_followed(tracked, best, t), t, "following the person doing the exercise")
        elif best.id != current.id and self._score(best, t) > self._score(current, t) + LEAD:
            self._lead_since = t if self._lead_since is None else self._lead_since
            if t - self._lead_since >= SWITCH_AFTER_S:
                self._follow(best, t, "switched to the person doing the exercise")
        else:
            self._lead_since = None
        if not self._announced:
            self._announced = True
            self.events.append(Event(round(t, 3), "two_people", {
                "message": "More than one person in view: following the one doing the exercise"}))  # fmt: skip
        for pose, person in zip(people.poses, tracked, strict=True):
            if person.id == self._followed:
                return pose
        return Pose.missing()

    def _first_followed(self, tracked: list[_Person], best: _Person | None, t: float) -> _Person | None:
        """Whom to follow when nobody is followed yet among several (a second person has just come into view, or the
        one followed was forgotten): the one followed alone until a moment ago, unless someone else already looks
        clearly more like the exercise (a patient lying in its posture beside an upright therapist). Scoring all
        afresh on a single frame dropped the one exercising for whoever the model saw better (a real squat,
        real/squat_correct_011, followed the coach beside her and counted nothing)."""
        alone, self._alone = self._alone, None
        if alone is None or best is None or t - alone[0] > FORGET_S:
            return best
        axes = body_axes(pixels(alone[1].xyzv[None], 1000, 1000))
        hip, torso = axes["hip_mid"][0], float(axes["torso_px"][0])
        if not (np.isfinite(hip).all() and math.isfinite(torso)):
            return best
        before = min(tracked, key=lambda q: float(np.linalg.norm(q.hip - hip)), default=None)
        if before is None or np.linalg.norm(before.hip - hip) > SAME_PERSON_TORSO * max(before.torso, torso, 1e-6):
            return best
        return best if self._score(best, t) > self._score(before, t) + LEAD else before

    def _follow(self, person: _Person | None, t: float, why: str) -> None:
        self._lead_since = None
        if person is None or person.id == self._followed:
            return
        if self._followed is not None:
            self.events.append(Event(round(t, 3), "follow", {"message": why, "person": person.id}))
        self._followed = person.id

    def _match(self, t: float, pose: Pose, exercise: Exercise) -> _Person:
        p = pixels(pose.xyzv[None], 1000, 1000)
        axes = body_axes(p)
        hip, torso = axes["hip_mid"][0], float(axes["torso_px"][0])
        free = [q for q in self._people if q.seen_t < t]
        near = min(free, key=lambda q: float(np.linalg.norm(q.hip - hip)), default=None)
        if near is not None and np.linalg.norm(near.hip - hip) <= SAME_PERSON_TORSO * max(near.torso, torso, 1e-6):
            person = near
        else:
            person = _Person(self._next_id, hip, torso, t)
            self._next_id += 1
            self._people.append(person)
        person.hip, person.torso, person.seen_t = hip, torso, t
        posture_ok = str(classify_posture(pose.xyzv[None], 1000, 1000)[0]) in exercise.posture
        values = compute_signals(pose.xyzv[None], 1000, 1000)[exercise.motion.signal][0]
        value = float(np.nanmax(values)) if np.isfinite(values).any() else math.nan
        seen = float(np.mean(np.nan_to_num(pose.xyzv[:, 3]) >= 0.5))
        person.history.append((t, posture_ok, value, seen))
        while person.history and person.history[0][0] < t - WINDOW_S:
            person.history.popleft()
        return person

    @staticmethod
    def _score(person: _Person, t: float) -> float:
        """0–2.5: share of recent frames in the exercise's posture + how much the counting signal moved
        (its 10–90 % spread against 40°, a modest rep) + half the share of landmarks in view."""
        recent = [h for h in person.history if h[0] >= t - WINDOW_S]
        if not recent:
            return 0.0
        posture = sum(h[1] for h in recent) / len(recent)
        values = np.array([h[2] for h in recent if math.isfinite(h[2])])
        moved = float(np.percentile(values, 90) - np.percentile(values, 10)) / 40.0 if len(values) >= 3 else 0.0
        seen = sum(h[3] for h in recent) / len(recent)
        return posture + min(moved, 1.0) + 0.5 * seen
