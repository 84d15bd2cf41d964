"""`--model auto`, analyze's default: holds with the heavy pose model, reps with the full one (measured; the reasons
are in formcheck.models.choice), an explicit choice kept, a missing heavy model replaced by the full one with a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formcheck.errors import FormcheckError
from formcheck.exercises.catalogue import get
from formcheck.models.choice import AUTO, check_choice, resolve
from tests.conftest import ROOT
from tests.test_cli import formcheck


@pytest.fixture()
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty models folder of our own (FORMCHECK_MODELS_DIR), to say which bundles are installed."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("FORMCHECK_MODELS_DIR", str(folder))
    return folder


def test_auto_takes_heavy_for_a_hold_and_full_for_reps(models: Path) -> None:
    (models / "pose_landmarker_heavy.task").write_bytes(b"")  # resolve only asks whether the bundle is there
    assert resolve(AUTO, get("pigeon")) == ("heavy", "")
    assert resolve(AUTO, get("kneeling_hip_flexor_stretch")) == ("heavy", "")
    assert resolve(AUTO, get("squat")) == ("full", "")
    assert resolve(AUTO, get("glute_bridge")) == ("full", "")


def test_an_explicit_model_is_kept(models: Path) -> None:
    assert resolve("lite", get("warrior")) == ("lite", "")
    assert resolve("heavy", get("squat")) == ("heavy", "")


def test_without_the_heavy_model_a_hold_is_timed_with_full_and_says_how_to_install_it(models: Path) -> None:
    model, note = resolve(AUTO, get("warrior"))
    assert model == "full"
    assert "formcheck models install --variant heavy" in note


def test_an_unknown_model_is_refused_with_the_choices() -> None:
    check_choice("auto")
    with pytest.raises(FormcheckError, match="choose one of auto, lite, full, heavy"):
        check_choice("medium")


@pytest.mark.model
def test_analyze_times_a_hold_with_the_heavy_model_by_default(heavy_model: str, tmp_path: Path) -> None:
    video = ROOT / "sample_videos" / "kneeling_stretch_side.mp4"
    done = formcheck("analyze", str(video), "-e", "kneeling_hip_flexor_stretch", "--out", str(tmp_path / "k"),
                     "--no-history")  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "k" / "summary.json").read_text())
    assert summary["model"] == "heavy"
    truth = json.loads(Path(f"{video}.truth.json").read_text())
    assert sum(len(v) for v in summary["holds_s"].values()) == len(truth["reps"])


@pytest.mark.model
def test_without_the_heavy_model_analyze_times_the_hold_with_full_and_says_so(full_model: str, tmp_path: Path) -> None:
    import os

    from formcheck.models.paths import model_path
    from tests.test_bad_input import run

    folder = tmp_path / "models"  # the full model only
    folder.mkdir()
    (folder / "pose_landmarker_full.task").symlink_to(model_path("full"))
    env = {**os.environ, "FORMCHECK_MODELS_DIR": str(folder)}
    video = ROOT / "sample_videos" / "kneeling_stretch_side.mp4"
    done = run("analyze", str(video), "-e", "kneeling_hip_flexor_stretch", "--out", str(tmp_path / "k"),
               "--no-history", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "note: timing the hold with the full pose model" in done.stderr
    assert json.loads((tmp_path / "k" / "summary.json").read_text())["model"] == "full"


@pytest.mark.model
def test_on_a_terminal_the_note_is_a_line_of_its_own_after_the_progress_bar(full_model: str, tmp_path: Path) -> None:
    """The progress bar draws only on a terminal, and the fallback note was once written into the bar's line."""
    import os
    import pty
    import subprocess
    import sys

    from formcheck.models.paths import model_path

    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "pose_landmarker_full.task").symlink_to(model_path("full"))
    env = {**os.environ, "FORMCHECK_MODELS_DIR": str(folder)}
    video = ROOT / "sample_videos" / "kneeling_stretch_side.mp4"
    master, terminal = pty.openpty()
    command = [sys.executable, "-m", "formcheck", "analyze", str(video), "-e", "kneeling_hip_flexor_stretch", "--out",
               str(tmp_path / "k"), "--no-history"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=terminal, env=env, cwd=ROOT)
    os.close(terminal)
    said = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        said += chunk
    os.close(master)
    assert proc.wait(timeout=600) == 0
    lines = said.decode(errors="replace").replace("\r", "\n").splitlines()
    assert any("analysing kneeling_stretch_side.mp4" in line and "%" in line for line in lines)  # the bar was drawn
    notes = [line for line in lines if "timing the hold with the full pose model" in line]
    assert notes and all(line.startswith("note: ") for line in notes), notes
