"""The live window, really run: `formcheck live` in a window on a virtual screen (Xvfb), driven with xdotool
(space, s, m, q), its events and files checked, and a screenshot of the real window kept."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLE = ROOT / "sample_videos" / "standing_abduction_front.mp4"
ARTIFACTS = ROOT / "test-artifacts"
SCREEN = "1280x800x24"


def _tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool", "import") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (.ci/run installs xvfb, xdotool and imagemagick)")


@pytest.fixture()
def display() -> str:  # type: ignore[misc]
    _tools()
    for number in range(91, 99):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def xdo(env: dict[str, str], *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=20).stdout.strip()


def test_window_opens_large_reads_keys_and_saves_the_session(display: str, lite_model: str, tmp_path: Path) -> None:
    env = {**os.environ, "DISPLAY": display}
    out = tmp_path / "w"
    proc = subprocess.Popen(
        [sys.executable, "-m", "formcheck", "live", "-e", "standing_hip_abduction", "--source", str(SAMPLE),
         "--speed", "0.5", "--model", "lite", "--countdown", "0", "--voice", "--no-history", "--out", str(out)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    window = ""
    deadline = time.monotonic() + 60
    while not window and time.monotonic() < deadline:
        window = xdo(env, "search", "--name", "^formcheck$").split("\n")[0]
        time.sleep(0.3)
    assert window, "the live window never appeared"
    time.sleep(3.0)  # the first reps are on screen
    geometry = xdo(env, "getwindowgeometry", window)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "live_window.png"
    subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=30)
    for key in ("space", "space", "s", "m", "q"):
        xdo(env, "windowfocus", "--sync", window)
        xdo(env, "key", "--window", window, key)
        time.sleep(0.8)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds.count("pause") == 1 and kinds.count("resume") == 1
    switch = next(e for e in events if e["event"] == "switch_side")
    assert switch["by"] == "key"
    assert any(e["event"] == "voice" and e["muted"] for e in events)
    stopped = [e for e in events if e["event"] == "stopped"]
    assert stopped and "you pressed q" in stopped[0]["reason"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "stopped" and summary["live"]["frames_processed"] > 20
    # Opened large on a 1280×800 screen (90 % of it, the video's 4:3 kept): 960×720.
    size = geometry.split("Geometry:")[-1].strip()
    width, height = (int(v) for v in size.split("x"))
    assert width >= 900 and height >= 700, geometry
    assert shot.stat().st_size > 50_000
