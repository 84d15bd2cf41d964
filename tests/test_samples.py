"""The shipped rendered samples: the real model counts them as their ground truth says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.analyze import analyze_video
from formcheck.exercises.catalogue import EXERCISES, get
from tests.conftest import ROOT

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


@pytest.mark.parametrize("video", SAMPLES, ids=[v.name for v in SAMPLES])
def test_sample_counts_and_faults(video: Path, tmp_path: Path) -> None:
    truth = truth_of(video)
    name = truth["plan"]["exercise"]
    if name not in EXERCISES:
        pytest.skip(f"{name} is not declared yet")
    summary = analyze_video(video, get(name), tmp_path).summary
    holds = sum(len(v) for v in summary["holds_s"].values())
    assert (summary["attempted_reps"] if summary["motion"] == "reps" else holds) == truth["plan"]["reps"]
    records = json.loads((tmp_path / "reps.json").read_text())
    faulted = [r for r in truth["reps"] if r["fault"]]
    for rep in truth["reps"]:
        match = [r for r in records if r["start_s"] <= rep["end_s"] and r["end_s"] >= rep["start_s"]]
        assert len(match) == 1
        if rep["fault"] is None:
            ok = match[0]["valid"] if match[0]["kind"] == "rep" else not match[0]["faults"]
            assert ok, match[0]
    if faulted:
        assert summary["faults"], "the injected fault was not flagged"
