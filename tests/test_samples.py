"""The shipped rendered samples with the real model: counts and faults as their ground truth says, and the
live session (fed every analysed frame) agreeing with analyze on counts, sides and faults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.analyze import Request, analyze_video
from formcheck.exercises.catalogue import get
from formcheck.session.plan import steps_for
from tests.conftest import ROOT
from tests.test_cli import formcheck

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("full_model")]
SAMPLES = sorted((ROOT / "sample_videos").glob("*.mp4"))


def truth_of(video: Path) -> dict:
    return json.loads(Path(f"{video}.truth.json").read_text())


def test_samples_are_shipped_small_and_short() -> None:
    assert len(SAMPLES) >= 5
    for video in SAMPLES:
        truth = truth_of(video)
        assert truth["frames"][-1]["t"] <= 10.0
        assert truth["scene"]["width"] == 640 and truth["scene"]["height"] == 480
        assert video.stat().st_size < 1_500_000


def analysed(video: Path, out: Path, model: str = "full") -> tuple[dict, list[dict]]:
    name = truth_of(video)["plan"]["exercise"]
    folder = analyze_video(video, Request(steps_for(get(name), None)[0], out, model=model)).folder
    return json.loads((folder / "summary.json").read_text()), json.loads((folder / "reps.json").read_text())


@pytest.mark.parametrize("video", SAMPLES, ids=[v.name for v in SAMPLES])
def test_sample_counts_and_faults(video: Path, tmp_path: Path) -> None:
    truth = truth_of(video)
    summary, records = analysed(video, tmp_path / "a")
    holds = sum(len(v) for v in summary["holds_s"].values())
    assert (summary["attempted_reps"] if summary["motion"] == "reps" else holds) == truth["plan"]["reps"]
    for rep in truth["reps"]:
        match = [r for r in records if r["start_s"] <= rep["end_s"] and r["end_s"] >= rep["start_s"]]
        assert len(match) == 1
        if rep["fault"] is None:
            assert match[0]["valid"] if match[0]["kind"] == "rep" else not match[0]["faults"], match[0]
    if any(r["fault"] for r in truth["reps"]):
        assert summary["faults"], "the injected fault was not flagged"


def essentials(summary: dict, records: list[dict]) -> tuple:
    """What must agree between analyze and live: counts, sides, holds and faults per rep."""
    return (summary["attempted_reps"], summary["reps"], json.dumps(summary["reps_by_side"], sort_keys=True),
            [(r["side"], r.get("valid"), sorted(r["faults"])) for r in records],
            [round(h, 1) for v in summary["holds_s"].values() for h in v])  # fmt: skip


@pytest.mark.parametrize("model", ["full", "lite"])
@pytest.mark.parametrize("video", SAMPLES, ids=[v.name for v in SAMPLES])
def test_live_counts_and_judges_like_analyze(video: Path, model: str, tmp_path: Path,
                                             request: pytest.FixtureRequest) -> None:  # fmt: skip
    request.getfixturevalue(f"{model}_model")  # the live default (full) as well as the lite model
    name = truth_of(video)["plan"]["exercise"]
    offline = essentials(*analysed(video, tmp_path / "a", model))
    done = formcheck("live", "-e", name, "--source", str(video), "--headless", "--every-frame", "--model", model,
                     "--countdown", "0", "--no-voice", "--no-history", "--out", str(tmp_path / "l"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    live = essentials(json.loads((tmp_path / "l" / "summary.json").read_text()),
                      json.loads((tmp_path / "l" / "reps.json").read_text()))  # fmt: skip
    assert live == offline


def test_a_view_the_exercise_is_not_counted_from_is_said_in_the_summary(tmp_path: Path) -> None:
    # A side-on squat analysed as standing hip abduction (counted from the front or at an angle): nothing is
    # counted, and the summary says what the setup check asked for instead of only "0 reps".
    video = ROOT / "sample_videos" / "squat_side.mp4"
    analysis = analyze_video(video, Request(steps_for(get("standing_hip_abduction"), None)[0], tmp_path / "out"))
    assert analysis.exercise.frames_counted == 0 and analysis.exercise.frames_with_pose > 0
    told = [w for w in analysis.exercise.warnings if "setup check asked" in w]
    assert told == [
        "counted in only 0% of the frames with a person in view; the setup check asked for this: Face the camera"
    ]
    on_disk = json.loads((analysis.folder / "summary.json").read_text())
    assert told[0] in json.dumps(on_disk)
