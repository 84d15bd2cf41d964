"""The command line: bad input is one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import ROOT, media_clip


def formcheck(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)  # fmt: skip


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("formcheck:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def write_video(path: Path, frames: list[np.ndarray], fps: float = 30.0) -> None:
    h, w = frames[0].shape[:2]
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    for f in frames:
        out.write(f)
    out.release()


def test_unknown_exercise_lists_valid_ones(tmp_path: Path) -> None:
    (tmp_path / "v.mp4").write_bytes(b"x")
    line = one_error_line(formcheck("analyze", str(tmp_path / "v.mp4"), "--exercise", "jumping-jacks"))
    assert "unknown exercise 'jumping-jacks'" in line and "squat" in line


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.txt", b"this is not a video\n" * 50, "is a text file"),
        ("noise.mp4", bytes(range(256)) * 40, "not a readable video"),
        ("empty.mp4", b"", "empty"),
        ("photo.jpg", None, "still image"),
        ("missing.mp4", "absent", "no such file"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes | str | None, expected: str) -> None:
    path = tmp_path / name
    if content is None:
        cv2.imwrite(str(path), np.zeros((64, 64, 3), np.uint8))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    line = one_error_line(formcheck("analyze", str(path), "--exercise", "squat", "--out", str(tmp_path / "o")))
    assert expected in line


def test_truncated_video(tmp_path: Path) -> None:
    good = tmp_path / "good.mp4"
    write_video(good, [np.full((120, 160, 3), i % 255, np.uint8) for i in range(60)])
    data = good.read_bytes()
    (tmp_path / "cut.mp4").write_bytes(data[: len(data) // 2])  # mp4v puts its index at the end
    line = one_error_line(formcheck("analyze", str(tmp_path / "cut.mp4"), "--exercise", "squat"))
    assert "not a readable video" in line


def test_missing_model_names_the_install_command(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "FORMCHECK_MODELS_DIR": str(tmp_path / "nomodels")}
    write_video(tmp_path / "v.mp4", [np.zeros((120, 160, 3), np.uint8)] * 10)
    result = subprocess.run([sys.executable, "-m", "formcheck", "analyze", str(tmp_path / "v.mp4"), "-e", "squat",
                             "--out", str(tmp_path / "o")], capture_output=True, text=True, env=env)  # fmt: skip
    assert "formcheck models install --variant full" in one_error_line(result)


@pytest.mark.usefixtures("full_model")
def test_video_with_no_person(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    write_video(tmp_path / "empty_room.mp4", [rng.integers(90, 110, (240, 320, 3), dtype=np.uint8) for _ in range(20)])
    out = tmp_path / "o"
    line = one_error_line(formcheck("analyze", str(tmp_path / "empty_room.mp4"), "-e", "squat", "--out", str(out)))
    assert "no person found" in line
    assert len((out / "landmarks.csv").read_text().splitlines()) == 21  # what was recorded is kept


@pytest.mark.usefixtures("full_model")
def test_two_people_photo_is_not_a_video(tmp_path: Path) -> None:
    line = one_error_line(formcheck("analyze", str(media_clip("mediapipe-two-people.jpg")), "-e", "squat"))
    assert "still image" in line
