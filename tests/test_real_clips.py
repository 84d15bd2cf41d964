"""The real pose model on real recordings (../shared/media): labelled counts, correct vs incorrect.

These clips are not ours to redistribute; the tests skip when ../shared/media is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.analyze import analyze_video
from formcheck.exercises.catalogue import get
from tests.conftest import media_clip

pytestmark = [pytest.mark.model, pytest.mark.media, pytest.mark.usefixtures("full_model")]

# (clip, exercise, labelled reps); camera cuts mid-clip in air-squats, bridge and abduction.
COUNTED = [
    ("air-squats.mp4", "squat", 6),
    ("side-squats-ikramaliokz.mp4", "squat", 3),
    ("bridge-with-ball-squeeze.mp4", "glute_bridge", 3),
    ("standing-hip-abduction.mp4", "standing_hip_abduction", 6),
    ("squat_correct_016.mp4", "squat", 1),
    ("squat_incorrect_003.mp4", "squat", 1),
    ("single-leg-glute-bridge-and-squeeze.mp4", "single_leg_bridge", 6),
    ("side-leg-raise.mp4", "side_lying_hip_abduction", 6),
    ("band-side-lying-clam.mp4", "clamshell", 6),
    ("static-lunge.mp4", "lunge", 2),
    ("standing-hip-extension.mp4", "standing_hip_extension", 3),
    ("fire-hydrant-circle.mp4", "quadruped_hip_circles", 6),
]


@pytest.mark.parametrize(("clip", "exercise", "reps"), COUNTED)
def test_labelled_rep_counts(clip: str, exercise: str, reps: int, tmp_path: Path) -> None:
    analysis = analyze_video(media_clip(clip), get(exercise), tmp_path)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["attempted_reps"] == reps
    assert summary["frames_with_pose"] > 0.8 * summary["frames"]
    assert len(json.loads((tmp_path / "reps.json").read_text())) == reps
    assert analysis.summary == summary


def test_standing_abduction_worked_side_is_detected(tmp_path: Path) -> None:
    summary = analyze_video(media_clip("standing-hip-abduction.mp4"), get("standing_hip_abduction"), tmp_path).summary
    assert summary["reps_by_side"]["right"]["attempted"] == 6
    assert summary["reps_by_side"]["left"]["attempted"] == 0


@pytest.mark.parametrize(
    ("clip", "valid", "fault"),
    [
        ("squat_correct_017.mp4", True, None),
        ("squat_correct_011.mp4", True, None),
        ("squat_incorrect_003.mp4", False, "squat.trunk_lean"),
        ("squat_incorrect_004.mp4", False, "squat.depth_front"),
    ],
)
def test_correct_and_incorrect_squats_told_apart(clip: str, valid: bool, fault: str | None, tmp_path: Path) -> None:
    summary = analyze_video(media_clip(clip), get("squat"), tmp_path).summary
    assert summary["attempted_reps"] == 1
    assert (summary["reps"] == 1) is valid
    if fault:
        assert summary["faults"].get(fault) == 1


def test_second_person_is_reported_and_first_followed(tmp_path: Path) -> None:
    analysis = analyze_video(media_clip("squat_correct_011.mp4"), get("squat"), tmp_path)
    assert any("more than one person" in w for w in analysis.summary["warnings"])
    assert analysis.summary["attempted_reps"] == 1


@pytest.mark.parametrize(
    ("clip", "exercise", "side", "min_s"),
    [
        ("kneeling-hip-flexor-stretch.mp4", "kneeling_hip_flexor_stretch", "left", 4.0),
        ("pidgeon-pose-stretch.mp4", "pigeon", "right", 10.0),
    ],
)
def test_holds_are_timed_on_the_right_side(clip: str, exercise: str, side: str, min_s: float, tmp_path: Path) -> None:
    summary = analyze_video(media_clip(clip), get(exercise), tmp_path).summary
    other = "right" if side == "left" else "left"
    assert summary["attempted_reps"] == 0
    assert summary["holds_s"][side] and max(summary["holds_s"][side]) >= min_s
    assert not summary["holds_s"][other]
