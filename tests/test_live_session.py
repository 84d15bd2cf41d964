"""`formcheck live` end to end with the real model: a recording fed as a camera (paced in real time),
headless and recorded; reps, holds, cues and files are checked, and an interrupted session is kept."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from formcheck.exercises.catalogue import get
from formcheck.live.run import LiveOptions, run_live
from formcheck.session.plan import steps_for
from formcheck.types import Frame
from formcheck.video.camera import SourceLost
from formcheck.video.paced import paced
from formcheck.video.source import FileSource
from tests.conftest import ROOT, interruptible, media_clip
from tests.test_cli import formcheck, one_error_line

SAMPLES = ROOT / "sample_videos"


def events(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "events.jsonl").read_text().splitlines()]


def rows(path: Path) -> int:
    with path.open(newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def live(*args: str) -> subprocess.CompletedProcess[str]:
    return formcheck("live", "--headless", "--no-voice", "--model", "lite", *args)


def test_rendered_squats_with_a_trunk_lean_fault(lite_model: str, tmp_path: Path) -> None:
    out, rec = tmp_path / "s", tmp_path / "overlay.mp4"
    # Played at half speed: still paced like a camera (frames the model has no time for are dropped), with twice the
    # headroom. At full speed a loaded CI machine once lost the first ~4 s (the first rep) of this 10 s clip; a file's
    # clock then started before the session's files were open (test_a_slow_start_loses_no_frame), whether that was
    # the cause is not shown.
    result = live("-e", "squat", "--source", str(SAMPLES / "squat_side_trunk_lean.mp4"), "--countdown", "0",
                  "--speed", "0.5", "--out", str(out), "--record", str(rec))  # fmt: skip
    assert result.returncode == 0, result.stderr
    reps = json.loads((out / "reps.json").read_text())
    assert len(reps) == 3
    assert [("squat.trunk_lean" in r["faults"]) for r in reps] == [False, True, False]  # the fault is in rep 2
    cues = [e for e in events(out) if e["event"] == "cue"]
    assert any(c["rule"] == "squat.trunk_lean" and "chest" in c["text"].lower() for c in cues), cues
    summary = json.loads((out / "summary.json").read_text())
    assert summary["attempted_reps"] == 3 and summary["kind"] == "live" and summary["parts"] == ["."]
    assert summary["live"]["frames_processed"] == rows(out / "landmarks.csv") == rows(out / "angles.csv")
    cap = cv2.VideoCapture(str(rec))  # the overlay recording keeps real time: ~10 s at 15 fps
    assert abs(cap.get(cv2.CAP_PROP_FRAME_COUNT) - 15 * summary["duration_s"]) <= 3
    assert "reps: 2 valid of 3 attempted" in result.stdout


def test_rendered_hold_with_programme_prompts_the_side_switch(lite_model: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text('[programme]\ntitle = "Stretch"\npatient = "P-1"\n\n[[exercise]]\n'
                    'name = "kneeling_hip_flexor_stretch"\nhold_s = 5\nsides = "each"\n')  # fmt: skip
    out = tmp_path / "k"
    result = live("--programme", str(plan), "--source", str(SAMPLES / "kneeling_stretch_side.mp4"),
                  "--countdown", "0", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    holds = json.loads((out / "reps.json").read_text())
    assert len(holds) == 1 and holds[0]["side"] == "left" and holds[0]["completed"] and holds[0]["held_s"] >= 5.0
    log = events(out)
    assert {"event": "switch_side", "side": "right", "by": "target"}.items() <= next(
        e for e in log if e["event"] == "switch_side").items()  # fmt: skip
    assert any(e["event"] == "cue" and e["text"] == "Switch sides: now your right leg" for e in log)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["programme"]["title"] == "Stretch" and summary["patient"] == "P-1"
    assert summary["prescribed"]["hold_s"] == 5.0


def test_a_live_session_of_the_wrong_exercise_says_so(lite_model: str, tmp_path: Path) -> None:
    # A squat done in a lunge session is counted as lunges; the summary warns, as analyze's does, and prints it.
    out = tmp_path / "w"
    result = live("-e", "lunge", "--source", str(SAMPLES / "squat_side.mp4"), "--countdown", "0", "--out", str(out))
    assert result.returncode == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["attempted_reps"] >= 1, summary
    said = [w for w in summary["warnings"] if "did not move as a low / forward lunge does" in w]
    assert said and f"warning: {said[0]}" in result.stdout, (summary["warnings"], result.stdout)
    out = tmp_path / "r"  # the right exercise: no such warning
    result = live("-e", "squat", "--source", str(SAMPLES / "squat_side.mp4"), "--countdown", "0", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not [w for w in json.loads((out / "summary.json").read_text())["warnings"] if "did not move as" in w]


def test_real_side_squats_count_live(lite_model: str, tmp_path: Path) -> None:
    clip = media_clip("side-squats-ikramaliokz.mp4")
    out = tmp_path / "r"
    result = live("-e", "squat", "--source", str(clip), "--countdown", "0", "--out", str(out))
    assert result.returncode == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["attempted_reps"] == 3, summary


def test_real_standing_abduction_at_60_fps_drops_frames_but_counts_right(lite_model: str, tmp_path: Path) -> None:
    out = tmp_path / "a"
    result = live("-e", "standing_hip_abduction", "--source", str(media_clip("standing-hip-abduction.mp4")),
                  "--countdown", "0", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["reps_by_side"]["right"]["attempted"] == 6, summary
    assert summary["live"]["frames_captured"] == summary["live"]["frames_processed"] + summary["live"]["frames_dropped"]


def test_camera_unplugged_mid_session_keeps_everything(lite_model: str, tmp_path: Path) -> None:
    clip = FileSource(SAMPLES / "squat_side.mp4")

    def unplugged() -> Iterator[Frame]:
        for frame in paced(clip):
            if frame.t > 7.0:  # two reps done, then the cable comes out
                raise SourceLost("camera 0 stopped sending frames (unplugged?); the session so far is saved")
            yield frame

    out = tmp_path / "u"
    options = LiveOptions(steps_for(get("squat"), None), out, model="lite", headless=True, countdown_s=0.0)
    outcome = run_live(options, frames=(unplugged(), clip.info))
    assert outcome.exit_code == 3 and "unplugged" in outcome.message
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "stopped" and "unplugged" in summary["stop_reason"]
    assert summary["attempted_reps"] == 2 == len(json.loads((out / "reps.json").read_text()))
    assert rows(out / "landmarks.csv") == summary["live"]["frames_processed"] > 90
    assert events(out)[-1]["event"] == "stopped"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_interrupted_session_keeps_what_was_recorded(lite_model: str, tmp_path: Path, sig: int) -> None:
    out = tmp_path / "i"
    proc = subprocess.Popen(
        [sys.executable, "-m", "formcheck", "live", "-e", "squat", "--headless", "--no-voice", "--model", "lite",
         "--countdown", "0", "--source", str(SAMPLES / "squat_side.mp4"), "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the first rep to be written, then interrupt
        if (out / "reps.json").is_file() and json.loads((out / "reps.json").read_text() or "[]"):
            break
        time.sleep(0.2)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    summary = json.loads((out / "summary.json").read_text())
    reps = json.loads((out / "reps.json").read_text())
    assert len(reps) >= 1 and summary["attempted_reps"] == len(reps)
    assert rows(out / "landmarks.csv") > 30 and events(out)[0]["event"] == "countdown"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and summary["status"] == "stopped" and "interrupted" in summary["stop_reason"]
    else:
        assert summary["status"] == "in progress"  # killed: the last atomic write stands, complete and valid


def test_no_camera_is_one_clear_line(lite_model: str) -> None:
    line = one_error_line(live("-e", "squat", "--camera", "7"))
    assert "no camera 7 found" in line


def test_no_screen_without_headless_is_one_clear_line(lite_model: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "formcheck", "live", "-e", "squat", "--no-voice", "--source",
                             str(SAMPLES / "squat_side.mp4"), "--out", str(tmp_path / "n")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert "--headless" in one_error_line(result)
    assert not (tmp_path / "n").exists()  # nothing half-started


def test_a_pose_model_crash_ends_the_session_with_a_clear_message(lite_model: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from formcheck.pose.estimator import PoseEstimator

    real = PoseEstimator.estimate
    calls = {"n": 0}

    def failing(self: PoseEstimator, frame: Frame):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 40:
            raise RuntimeError("XNNPACK delegate failed")  # as a native failure surfaces in Python
        return real(self, frame)

    monkeypatch.setattr(PoseEstimator, "estimate", failing)
    clip = FileSource(SAMPLES / "squat_side.mp4")
    out = tmp_path / "crash"
    options = LiveOptions(steps_for(get("squat"), None), out, model="lite", headless=True, countdown_s=0.0)
    outcome = run_live(options, frames=(paced(clip, speed=2.0), clip.info))
    assert outcome.exit_code == 4 and "pose model failed" in outcome.message and "kept" in outcome.message
    summary = json.loads((outcome.folder / "summary.json").read_text())
    assert summary["status"] == "stopped" and "pose model failed" in summary["stop_reason"]
    assert rows(outcome.folder / "landmarks.csv") >= 40  # everything recorded before the crash is kept


def test_a_slow_start_loses_no_frame(lite_model: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's files take 1.5 s to open (a slow disk, a loaded machine): the recording, played as a camera
    (at half speed, for headroom on a loaded machine), still starts at its first frame and counts its first rep. Its
    clock once started before the files were open, and a live session keeps only the newest posed frame, so what was
    posed meanwhile was lost (the first posed frame was 0.73 s in)."""
    import formcheck.live.run as live_run

    opened = live_run.SessionRecorder.__init__

    def slow(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        time.sleep(1.5)
        opened(self, *args, **kwargs)

    monkeypatch.setattr(live_run.SessionRecorder, "__init__", slow)
    clip = FileSource(SAMPLES / "squat_side_trunk_lean.mp4")
    options = LiveOptions(steps_for(get("squat"), None), tmp_path / "slow", model="lite", headless=True,
                          countdown_s=0.0)  # fmt: skip
    outcome = run_live(options, frames=(paced(clip, speed=0.5), clip.info))
    assert outcome.exit_code == 0, outcome.message
    with (outcome.folder / "landmarks.csv").open() as fh:
        first = next(csv.DictReader(fh))
    assert float(first["t"]) == 0.0
    reps = json.loads((outcome.folder / "reps.json").read_text())
    assert len(reps) == 3 and not any(r.get("partial") for r in reps)


def test_a_session_that_cannot_be_set_up_leaves_no_model_running(lite_model: str, tmp_path: Path) -> None:
    """The session folder cannot be created (its parent is a file): one clear error, and the pose model's thread,
    started before, does not keep running."""
    import threading

    from formcheck.errors import FormcheckError

    blocker = tmp_path / "file"
    blocker.write_text("")
    clip = FileSource(SAMPLES / "squat_side.mp4")
    options = LiveOptions(steps_for(get("squat"), None), blocker / "s", model="lite", headless=True, countdown_s=0.0)
    with pytest.raises(FormcheckError, match="cannot create the session folder"):
        run_live(options, frames=(paced(clip), clip.info))
    assert not [t for t in threading.enumerate() if t.name == "pose" and t.is_alive()]
