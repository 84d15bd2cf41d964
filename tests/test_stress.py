"""Counting under stress, end to end: rendered recordings cut mid-rep, filmed from the front, with alternating
legs, a second person walking behind, a camera cut, a view the exercise cannot count from (told why), and a hold
timed from the front, analysed with the real model like a user's video.

Each case is one of benchmarks/stress.py's suite (the same seed, so the same body, room and camera), rendered
here; the expected count and sides are the renderer's truth, not numbers written into the test. The suite's
other cases (every exercise from every view, ranges, tempos) run in the benchmark, which prints them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import renderer

renderer()

# One case of each kind of stress the counting must survive, from several views (benchmarks/counting.py --rendered
# prints every case; README).
CASES = (
    "squat-front",
    "lunge-front",
    "glute_bridge-back",
    "single_leg_bridge-back",
    "squat-starts-at-bottom",
    "squat-ends-at-bottom",
    "squat-tempo0.7",
    "abduction-alternating",
    "squat-second-walking",
    "squat-camera-cut",
    "quadruped_hip_extension-back-not-counted",
    "squat-back-starts-at-bottom",
    "seated_figure_four-front",
    "quadruped_hip_circles-front",  # a leg-label swap for a moment: the median's width (formcheck/engine/median.py)
)


@pytest.mark.model
@pytest.mark.parametrize("name", CASES)
def test_rendered_stress_case_counts_every_rep(name: str, full_model: str, tmp_path: Path,
                                               request: pytest.FixtureRequest) -> None:  # fmt: skip
    from benchmarks.stress import SEEDS, cases, render, told_why
    from formcheck.analyze import Request, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.models.choice import AUTO, resolve
    from formcheck.session.plan import steps_for

    seed, case = next((s, c) for s, c in enumerate(cases(), start=SEEDS) if c.name == name)
    path = render(case, seed)
    truth = json.loads(Path(f"{path}.truth.json").read_text())
    exercise = get(case.exercise)
    if case.hold_s is not None:
        request.getfixturevalue("heavy_model")  # analyze times holds with it (formcheck.models.choice)
    model, _ = resolve(AUTO, exercise)  # the model `formcheck analyze` runs for this exercise
    analysis = analyze_video(path, Request(steps_for(exercise, None)[0], tmp_path / "out", model=model))
    records = analysis.records
    assert analysis.exercise.frames_counted <= analysis.exercise.frames_with_pose
    if not case.countable:  # a view the exercise cannot count from: nothing counted, and the summary says why
        assert told_why(records, analysis.exercise.warnings), analysis.exercise.warnings
        return
    assert len(records) == truth["expected"], name
    if case.hold_s is not None:  # each hold timed as rendered, give or take the way into and out of the posture
        for record, rendered in zip(sorted(records, key=lambda r: r.start_s), truth["reps"], strict=True):
            # at most the whole way in and out (rep_s / 2 each) on top, and never much less than rendered
            assert -0.5 <= record.held_s - rendered["held_s"] <= case.rep_s, (record.held_s, rendered["held_s"])
        return
    if exercise.sides == "each":
        assert sorted(r.side for r in records) == sorted(r["side"] for r in truth["reps"] if r["in_recording"])
    if case.start_s or case.end_s:
        assert any(getattr(r, "partial", "") for r in records), "the rep cut by the recording is marked partial"


@pytest.mark.model
def test_a_clamshell_filmed_from_high_behind_the_head_counts_every_rep(full_model: str, tmp_path: Path) -> None:
    """The check set's real overhead clamshell was filmed so; the picture's angle between the thighs, seen along
    the hip line, made 8 of 3 of the suite's render (formcheck/kinematics/opening.py). This is the case's fresh
    render (another body, room and camera), first run after the method was chosen on the suite's own render."""
    from benchmarks.stress import FRESH_SEEDS, cases, render
    from formcheck.analyze import Request, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.session.plan import steps_for

    seed, case = next((s, c) for s, c in enumerate(cases(), start=FRESH_SEEDS) if c.name == "clamshell-high-head-end")
    path = render(case, seed)
    truth = json.loads(Path(f"{path}.truth.json").read_text())
    exercise = get(case.exercise)
    analysis = analyze_video(path, Request(steps_for(exercise, None)[0], tmp_path / "out", model="full"))
    assert len(analysis.records) == truth["expected"] == 3
    assert sorted(r.side for r in analysis.records) == sorted(r["side"] for r in truth["reps"] if r["in_recording"])
