"""Everyone in view is found, and the exerciser followed: a therapist kneeling just behind a patient lying in a
clamshell, the issue's own example of a second person; and a person too small for the whole picture is found in a
part of it.

The render is the stress suite's `clamshell-second-kneeling` with its fresh seed (benchmarks/counting.py --rendered
--fresh), where MediaPipe's own people counting found only the upright therapist and nothing was counted; the
expected count is the renderer's truth.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import renderer

renderer()

CASE = "clamshell-second-kneeling"


def fresh_render() -> Path:
    from benchmarks.stress import FRESH_SEEDS, cases, render

    seed, case = next((s, c) for s, c in enumerate(cases(), start=FRESH_SEEDS) if c.name == CASE)
    return render(case, seed)


@pytest.mark.model
def test_the_patient_is_found_behind_the_kneeling_therapist(full_model: str) -> None:
    from formcheck.kinematics.view import classify_posture
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.source import FileSource

    source = FileSource(fresh_render(), max_fps=30.0)
    frame = next(f for f in source if f.t >= 2.0)
    source.close()
    height, width = frame.image.shape[:2]
    with PoseEstimator(full_model) as estimator:
        found = estimator.find_people(frame.image)
    postures = sorted(str(classify_posture(p.xyzv[None], width, height)[0]) for p in found)
    assert postures == ["horizontal", "upright"], postures  # the patient lying, the therapist kneeling upright


@pytest.mark.model
def test_the_patient_is_followed_and_every_clamshell_counted(full_model: str, tmp_path: Path) -> None:
    from formcheck.analyze import Request, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.session.plan import steps_for

    path = fresh_render()
    truth = json.loads(Path(f"{path}.truth.json").read_text())
    analysis = analyze_video(path, Request(steps_for(get("clamshell"), None)[0], tmp_path / "out", model=full_model))
    assert len(analysis.records) == truth["expected"] == 3
    assert sorted(r.side for r in analysis.records) == sorted(r["side"] for r in truth["reps"])
    assert any("more than one person" in w for w in analysis.exercise.warnings), analysis.exercise.warnings


@pytest.mark.model
def test_a_person_too_small_for_the_whole_picture_is_found_in_a_part_of_it(full_model: str) -> None:
    """The supine rotation filmed from the feet (the suite's development render, on which formcheck/pose/zoom.py was
    first measured): lying along the camera's axis, the body is a few dozen pixels of the detector's input."""
    from benchmarks.small_people import found_share
    from benchmarks.stress import SEEDS, cases, render

    named = "supine_double_hip_rotation-front"
    seed, case = next((s, c) for s, c in enumerate(cases(), start=SEEDS) if c.name == named)
    path = render(case, seed)
    plain, _ = found_share(path, full_model, zoom=False)
    zoomed, _ = found_share(path, full_model, zoom=True)
    assert plain < 0.1 and zoomed > 0.4, (plain, zoomed)
