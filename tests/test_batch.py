"""A clinic's archive: a folder or a manifest of videos, worker processes, batch.csv, errors that are not
fatal, resuming, and the same batch on a local Ray instance giving identical results."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_bad_input import one_line, run

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("full_model")]
SAMPLES = ROOT / "sample_videos"


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="") as f:
        return {Path(r["video"]).name: r for r in csv.DictReader(f)}


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    (folder / "monday").mkdir(parents=True)
    shutil.copy(SAMPLES / "squat_side.mp4", folder / "squat_side.mp4")
    shutil.copy(SAMPLES / "squat_side_trunk_lean.mp4", folder / "monday" / "squat_side_trunk_lean.mp4")
    (folder / "monday" / "broken.mp4").write_bytes(b"\x00\x01" * 500)
    return folder


def test_folder_batch_with_a_broken_file_resumes_and_records(archive: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    first = run("analyze", str(archive), "-e", "squat", "--out", str(out), "--workers", "2", "--db", str(db))
    assert "1 of 3 videos could not be analysed" in one_line(first, code=2)
    table = rows(out / "batch.csv")
    assert table["squat_side.mp4"]["status"] == "done" and table["squat_side.mp4"]["attempted"] == "3"
    assert table["squat_side_trunk_lean.mp4"]["faults"] == "squat.trunk_lean ×1"
    assert table["broken.mp4"]["status"] == "error" and "not a readable video" in table["broken.mp4"]["error"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    again = run("analyze", str(archive), "-e", "squat", "--out", str(out), "--db", str(db))
    assert "2 already done" in again.stdout
    assert {r["status"] for r in rows(out / "batch.csv").values()} == {"skipped", "error"}
    forced = run("analyze", str(archive), "-e", "squat", "--out", str(out), "--db", str(db), "--force")
    assert "2 analysed" in forced.stdout and not (out / "squat_side-2").exists()  # replaced, not duplicated
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_manifest_of_mixed_exercises(tmp_path: Path) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text("video,exercise,patient\n"
                        f"{SAMPLES / 'bridge_side.mp4'},glute_bridge,P-1\n"
                        f"{SAMPLES / 'standing_abduction_front.mp4'},standing_hip_abduction,P-2\n")  # fmt: skip
    done = run("analyze", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-history")
    assert done.returncode == 0, done.stderr
    table = rows(tmp_path / "out" / "batch.csv")
    assert table["bridge_side.mp4"]["attempted"] == "2" and table["bridge_side.mp4"]["patient"] == "P-1"
    assert table["standing_abduction_front.mp4"]["attempted"] == "3"
    bad = tmp_path / "bad.csv"
    bad.write_text(f"video,exercise\n{SAMPLES / 'bridge_side.mp4'},moonwalk\n")
    assert "unknown exercise 'moonwalk'" in one_line(run("analyze", "--manifest", str(bad), "--no-history"))


def test_ray_gives_the_same_results_as_local_workers(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the cluster extra is not installed")  # scripts/setup.sh installs it
    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("squat_side.mp4", "lunge_side.mp4", "bridge_side.mp4"):
        shutil.copy(SAMPLES / name, folder / name)
    local = run("analyze", str(folder), "-e", "squat", "--out", str(tmp_path / "local"), "--no-history")
    ray = run("analyze", str(folder), "-e", "squat", "--out", str(tmp_path / "ray"), "--no-history", "--ray", "local")
    assert local.returncode == 0 and ray.returncode == 0, ray.stderr
    keep = ("status", "valid", "attempted", "holds", "faults", "frames")
    a, b = rows(tmp_path / "local" / "batch.csv"), rows(tmp_path / "ray" / "batch.csv")
    assert {k: [v[c] for c in keep] for k, v in a.items()} == {k: [v[c] for c in keep] for k, v in b.items()}
    assert (tmp_path / "ray" / "squat_side" / "reps.json").read_text() == (
        tmp_path / "local" / "squat_side" / "reps.json").read_text()  # fmt: skip
