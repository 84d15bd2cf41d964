"""Files written by analyze read back to the same results; subset CSVs work for the rules they cover."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from formcheck.analyze import Request, analyze_landmarks, analyze_people
from formcheck.errors import FormcheckError
from formcheck.exercises.catalogue import get
from formcheck.io.landmarks_csv import COLUMNS, read_track, write_track
from formcheck.landmarks import NAMES
from formcheck.session.plan import steps_for
from formcheck.types import People, VideoInfo
from tests.conftest import MEDIA
from tests.replay import judge
from tests.test_engine import squat_track


def request(out: Path, exercise: str = "squat") -> Request:
    return Request(steps_for(get(exercise), None)[0], out)


def test_landmarks_roundtrip_gives_same_results(tmp_path: Path) -> None:
    track = squat_track(4)
    track.xyzv[10:14] = np.nan  # a short dropout survives the round trip as empty cells
    write_track(tmp_path / "landmarks.csv", track, fps=30.0, source="synthetic")
    direct = judge(get("squat"), track)
    replay = analyze_landmarks(tmp_path / "landmarks.csv", request(tmp_path / "replay"))
    assert len(direct) == replay.exercise.attempted_reps == 4
    # The CSV keeps 6 significant digits: the same reps, sides and faults, times within a frame.
    assert [(r.side, r.valid, r.faults) for r in direct] == [(r.side, r.valid, r.faults) for r in replay.records]
    assert all(abs(a.peak_s - b.peak_s) <= 0.05 for a, b in zip(direct, replay.records, strict=True))
    header = (tmp_path / "landmarks.csv").read_text().splitlines()[0].split(",")
    assert tuple(header) == COLUMNS and len(header) == 2 + 33 * 7
    summary = json.loads((tmp_path / "replay" / "summary.json").read_text())
    for key in (
        "exercise",
        "reps",
        "attempted_reps",
        "reps_by_side",
        "holds_s",
        "faults",
        "frames",
        "frames_with_pose",
    ):
        assert key in summary
    reps = json.loads((tmp_path / "replay" / "reps.json").read_text())
    assert len(reps) == 4 and {"side", "start_s", "end_s", "peak", "range_deg", "tempo", "faults"} <= set(reps[0])


def test_subset_csv_without_visibility(tmp_path: Path) -> None:
    track = squat_track(3)
    keep = ["left_shoulder", "right_shoulder", "left_hip", "right_hip", "left_knee", "right_knee",
            "left_ankle", "right_ankle", "left_heel", "right_heel", "left_foot_index", "right_foot_index", "nose",
            "left_ear", "right_ear"]  # fmt: skip
    cols = [f"{n}_{c}" for n in keep for c in "xy"]
    lines = [",".join(["label", *cols])]
    for i in range(len(track)):
        lines.append(
            ",".join(["up", *(f"{track.xyzv[i, NAMES.index(n), 'xy'.index(c)]:.6f}" for n in keep for c in "xy")])
        )
    (tmp_path / "subset.csv").write_text("\n".join(lines) + "\n")
    replayed = read_track(tmp_path / "subset.csv", width=640, height=480)
    analysis = analyze_landmarks(tmp_path / "subset.csv", request(tmp_path / "out"), size=(640, 480))
    assert np.isnan(replayed.xyzv[:, NAMES.index("left_wrist"), 0]).all()
    assert analysis.exercise.attempted_reps == 3 and analysis.exercise.reps == 3


def test_pose_stage_output_replays_as_analyze_runs_it(tmp_path: Path) -> None:
    """The benchmarks replay the model's cached output through analyze's own run: the same records as the core
    fed directly, and the same session files."""
    track = squat_track(3)
    frames = [(float(track.t[i]), int(track.frame[i]), People((track.pose(i),), 1)) for i in range(len(track))]
    (tmp_path / "clip.mp4").write_bytes(b"")  # the clip the output came from (its time stamps the session)
    info = VideoInfo(track.width, track.height, 30.0, len(track), str(tmp_path / "clip.mp4"))
    analysis = analyze_people(frames, info, request(tmp_path / "out"))
    direct = judge(get("squat"), track)
    assert len(direct) == 3 and analysis.exercise.attempted_reps == 3
    assert [(r.side, r.valid, r.peak_s) for r in direct] == [(r.side, r.valid, r.peak_s) for r in analysis.records]
    assert not any("ends early" in w for w in analysis.exercise.warnings)  # every frame was read
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["attempted_reps"] == 3


def test_csv_without_its_image_size_is_refused(tmp_path: Path) -> None:
    track = squat_track(3)
    write_track(tmp_path / "landmarks.csv", track, fps=30.0, source="synthetic")
    (tmp_path / "video.json").unlink()
    with pytest.raises(FormcheckError, match="--size"):
        analyze_landmarks(tmp_path / "landmarks.csv", request(tmp_path / "out"))


def test_malformed_csv_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("a,b,c\n1,2,3\n")
    with pytest.raises(FormcheckError, match="no landmark columns"):
        read_track(tmp_path / "bad.csv")
    (tmp_path / "bad2.csv").write_text("t,frame,nose_x,nose_y\n0,0,abc,0.5\n")
    with pytest.raises(FormcheckError, match="line 2"):
        read_track(tmp_path / "bad2.csv")


def test_shared_squat_landmarks_replay() -> None:
    path = MEDIA / "landmarks" / "squat_model__test.csv"
    if not path.is_file():
        pytest.skip("../shared/media absent")
    track = read_track(path)
    assert len(track) > 10
    assert np.isfinite(track.xyzv[:, NAMES.index("left_knee"), 0]).all()
