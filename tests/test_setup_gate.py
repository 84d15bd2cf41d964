"""The setup check's view vote: a flicker of the view classifier neither starts nor keeps counting."""

from __future__ import annotations

from formcheck.engine.setup import READY_AFTER_S, VIEW_WINDOW_S, SetupGate
from formcheck.exercises.catalogue import get
from formcheck.landmarks import NAMES
from formcheck.types import FrameKinematics

FPS = 15.0


def frame(n: int, view: str) -> FrameKinematics:
    return FrameKinematics(t=n / FPS, index=n, signals={}, view=view, facing="left", posture="upright",
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
    assert not any(on[int((4 + VIEW_WINDOW_S + 1.5) * FPS) + 1 :])
