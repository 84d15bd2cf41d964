"""The setup check's view vote: a flicker of the view classifier neither starts nor keeps counting."""

from __future__ import annotations

from formcheck.engine.setup import LOST_AFTER_S, READY_AFTER_S, VIEW_WINDOW_S, SetupGate
from formcheck.exercises.catalogue import get
from formcheck.kinematics.stream import SIGNAL_NAMES
from formcheck.landmarks import NAMES
from formcheck.types import FrameKinematics

FPS = 15.0


def frame(n: int, view: str) -> FrameKinematics:
    standing = dict.fromkeys(SIGNAL_NAMES, (0.0, 0.0))  # standing still: the setup is all that is judged
    return FrameKinematics(t=n / FPS, index=n, signals=standing, view=view, facing="left", posture="upright",
                           assessable=True, segment=0, visible=frozenset(NAMES))  # fmt: skip


def counting(views: list[str], exercise: str = "standing_hip_flexion") -> list[bool]:
    gate = SetupGate(get(exercise))
    return [gate.update(frame(n, v)) for n, v in enumerate(views)]


def test_a_view_that_flickers_into_a_counted_one_does_not_count() -> None:
    # Filmed head-on (not counted for a hip flexion), the classifier says "side" for 0.67 s in every 2 s: judged
    # frame by frame, each such run outlasted READY_AFTER_S and counting, once on, was never lost.
    views = ["side" if n % 30 >= 20 else "front" for n in range(int(10 * FPS))]
    assert not any(counting(views))


def test_a_counted_view_that_flickers_out_keeps_counting() -> None:
    views = ["front" if n % 4 == 0 else "side" for n in range(int(10 * FPS))]
    on = counting(views)
    assert all(on[int((READY_AFTER_S + VIEW_WINDOW_S) * FPS) :])


def test_a_real_change_of_view_stops_counting_within_the_window_and_the_grace() -> None:
    views = ["side"] * int(4 * FPS) + ["front"] * int(6 * FPS)
    on = counting(views)
    assert on[int(4 * FPS) - 1]
    assert not any(on[int((4 + VIEW_WINDOW_S + LOST_AFTER_S) * FPS) + 1 :])


def test_the_guided_coach_votes_the_view_too() -> None:
    from formcheck.session.coach import Coach
    from formcheck.session.plan import steps_for

    # Side-on, with the classifier saying "front" in every fourth frame: the countdown runs out and counting starts.
    coach = Coach(steps_for(get("standing_hip_flexion"), None), countdown_s=1.0)
    for n in range(int(6 * FPS)):
        coach.update(frame(n, "front" if n % 4 == 0 else "side"))
    assert coach.stage == "active"
    # Head-on, with a 0.67 s run of "side" in every 2 s: it never gets past the setup.
    coach = Coach(steps_for(get("standing_hip_flexion"), None), countdown_s=1.0)
    for n in range(int(10 * FPS)):
        coach.update(frame(n, "side" if n % 30 >= 20 else "front"))
    assert coach.stage == "setup"
