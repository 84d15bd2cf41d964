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


def test_a_brief_setup_problem_while_counting_says_nothing() -> None:
    # The deepest moment of a squat can take a frame or two out of "upright"; counting goes on (LOST_AFTER_S), and
    # the annotated video once showed "Stand up straight to start" over the middle of the rep.
    from dataclasses import replace

    gate = SetupGate(get("squat"))
    frames = [frame(n, "side") for n in range(int(3 * FPS))]
    frames += [replace(frame(n, "side"), posture="horizontal") for n in range(len(frames), len(frames) + 3)]
    frames += [frame(n, "side") for n in range(len(frames), len(frames) + int(FPS))]
    said = []
    for fk in frames:
        on = gate.update(fk)
        said.append((fk.posture, on, gate.message))
    assert all(on for posture, on, _ in said[int(FPS) :]), said
    assert not any(message for _, _, message in said[int(FPS) :]), said
    lost = SetupGate(get("squat"))  # a problem that lasts pauses counting, and is said
    for n in range(int(2 * FPS)):
        lost.update(frame(n, "side"))
    for n in range(int(2 * FPS), int((3 + LOST_AFTER_S) * FPS)):
        lost.update(replace(frame(n, "side"), posture="horizontal"))
    assert not lost.ready and lost.message


def test_facing_the_camera_a_foot_hidden_mid_rep_still_counts_and_feet_out_of_the_picture_do_not() -> None:
    # The rear foot of a face-on lunge hides behind the front leg for over a second at the bottom of each rep;
    # the frames were kept out of the count and a rendered face-on lunge counted 0 of 3.
    from dataclasses import replace

    gate = SetupGate(get("lunge"))
    for n in range(int(2 * FPS)):
        gate.update(frame(n, "front"))
    hidden = replace(frame(int(2 * FPS), "front"), visible=frozenset(NAMES) - {"right_ankle"})
    assert gate.update(hidden) and gate.issue == ""
    gone = replace(hidden, t=hidden.t + 1 / FPS, visible=frozenset(NAMES) - {"right_ankle", "left_ankle"})
    assert gate.update(gone) and "feet" in gate.issue
