"""The real pose model on real recordings (../shared/media): the live session and analyze agree on counts,
sides and faults; the default sampling (at most 30 frames a second) agrees with every frame; a second
person is followed and reported.

Counting accuracy on these clips is measured by benchmarks/counting.py (its figures are in the README), not
asserted here: the counting constants were checked against the tuning clips, and a test asserting them on
those clips would prove nothing. These clips are not ours to redistribute; the tests skip without them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.analyze import Request, analyze_video
from formcheck.exercises.catalogue import get
from formcheck.session.plan import steps_for
from tests.conftest import MEDIA, media_clip
from tests.test_cli import formcheck
from tests.test_samples import essentials

pytestmark = [pytest.mark.model, pytest.mark.media, pytest.mark.usefixtures("full_model")]

# One clip per kind of difficulty: camera cuts, a 60 fps clip, a hold, a lying exercise, a clip that
# starts and ends mid-rep, a second person, an alternating-leg lunge.
AGREE = [
    ("real/air-squats.mp4", "squat"),
    ("real/standing-hip-abduction.mp4", "standing_hip_abduction"),
    ("real/kneeling-hip-flexor-stretch.mp4", "kneeling_hip_flexor_stretch"),
    ("real/band-side-lying-clam.mp4", "clamshell"),
    ("real2/bridge_band_studio_side_01.mp4", "glute_bridge"),
    ("real2/squat_gym_side_twopeople_01.mp4", "squat"),
    ("real2/walkinglunge_dumbbell_side_01.gif", "lunge"),
]


def clip(path: str) -> Path:
    if path.startswith("real/"):
        return media_clip(path.removeprefix("real/"))
    full = MEDIA / path
    if not full.is_file():
        pytest.skip(f"{full} absent (real clips live only in ../shared/media, not in this repository)")
    return full


def analysed(video: Path, exercise: str, out: Path, every_frame: bool = False) -> tuple:
    request = Request(steps_for(get(exercise), None)[0], out, every_frame=every_frame)
    folder = analyze_video(video, request).folder
    return essentials(json.loads((folder / "summary.json").read_text()), json.loads((folder / "reps.json").read_text()))


@pytest.mark.parametrize(("path", "exercise"), AGREE, ids=[Path(p).stem for p, _ in AGREE])
def test_live_and_analyze_agree(path: str, exercise: str, tmp_path: Path) -> None:
    video = clip(path)
    offline = analysed(video, exercise, tmp_path / "a")
    done = formcheck("live", "-e", exercise, "--source", str(video), "--headless", "--every-frame", "--model", "full",
                     "--countdown", "0", "--no-voice", "--no-history", "--out", str(tmp_path / "l"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    live = essentials(json.loads((tmp_path / "l" / "summary.json").read_text()),
                      json.loads((tmp_path / "l" / "reps.json").read_text()))  # fmt: skip
    assert live == offline


@pytest.mark.parametrize(("path", "exercise"), AGREE[:3], ids=[Path(p).stem for p, _ in AGREE[:3]])
def test_default_sampling_counts_and_judges_like_every_frame(path: str, exercise: str, tmp_path: Path) -> None:
    video = clip(path)
    sampled, every = analysed(video, exercise, tmp_path / "s"), analysed(video, exercise, tmp_path / "e", True)
    assert sampled[:3] == every[:3]  # counts and sides
    assert [r[2] for r in sampled[3]] == [r[2] for r in every[3]]  # the faults of each rep


def test_second_person_is_reported_and_the_exerciser_followed(tmp_path: Path) -> None:
    request = Request(steps_for(get("squat"), None)[0], tmp_path / "two")
    analysis = analyze_video(clip("real2/squat_gym_side_twopeople_01.mp4"), request)
    assert any("more than one person" in w for w in analysis.exercise.warnings)
    events = [json.loads(line) for line in (analysis.folder / "events.jsonl").read_text().splitlines()]
    assert any(e["event"] == "two_people" for e in events)
    assert analysis.exercise.attempted_reps >= 1
