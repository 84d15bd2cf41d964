"""A clinic's archive: a folder or a manifest of videos, worker processes, batch.csv, errors that are not
fatal, resuming, and the same batch on a local Ray instance giving identical results."""

from __future__ import annotations

import csv
import json
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
    again = run("analyze", str(archive), "-e", "Squat", "--out", str(out), "--db", str(db))  # the name, another way
    assert "2 already done" in again.stdout, again.stderr
    kept = rows(out / "batch.csv")
    assert {r["status"] for r in kept.values()} == {"skipped", "error"}
    for name in ("squat_side.mp4", "squat_side_trunk_lean.mp4"):  # the figures of the run that did them stay
        assert [kept[name][c] for c in ("valid", "attempted", "faults", "frames")] == [
            table[name][c] for c in ("valid", "attempted", "faults", "frames")]  # fmt: skip
    other = run("analyze", str(archive), "-e", "lunge", "--out", str(out), "--db", str(db))
    assert "could not be analysed" in one_line(other, code=2)  # the folders hold squats, not lunges
    assert "holds a squat session, not a lunge one" in rows(out / "batch.csv")["squat_side.mp4"]["error"]
    forced = run("analyze", str(archive), "-e", "squat", "--out", str(out), "--db", str(db), "--force")
    assert "2 analysed" in forced.stdout and not (out / "squat_side-2").exists()  # replaced, not duplicated
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_manifest_of_mixed_exercises(tmp_path: Path, heavy_model: str) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text("video,exercise,patient\n"
                        f"{SAMPLES / 'bridge_side.mp4'},glute_bridge,P-1\n"
                        f"{SAMPLES / 'standing_abduction_front.mp4'},standing_hip_abduction,P-2\n"
                        f"{SAMPLES / 'kneeling_stretch_side.mp4'},kneeling_hip_flexor_stretch,P-3\n")  # fmt: skip
    done = run("analyze", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-history")
    assert done.returncode == 0, done.stderr
    table = rows(tmp_path / "out" / "batch.csv")
    assert table["bridge_side.mp4"]["attempted"] == "2" and table["bridge_side.mp4"]["patient"] == "P-1"
    assert table["standing_abduction_front.mp4"]["attempted"] == "3"
    assert table["kneeling_stretch_side.mp4"]["holds"] == "1"
    # Each video with the model chosen for its exercise (formcheck.models.choice): a hold with heavy, reps with full.
    models = {name: json.loads((tmp_path / "out" / name / "summary.json").read_text())["model"]
              for name in ("bridge_side", "kneeling_stretch_side")}  # fmt: skip
    assert models == {"bridge_side": "full", "kneeling_stretch_side": "heavy"}
    # Run again with another model: the folders counted by the first are not taken as this run's.
    again = run("analyze", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-history",
                "--model", "full")  # fmt: skip
    assert "could not be analysed" in one_line(again, code=2)
    table = rows(tmp_path / "out" / "batch.csv")
    assert "was analysed with the heavy model" in table["kneeling_stretch_side.mp4"]["error"]
    assert table["bridge_side.mp4"]["status"] == "skipped"
    bad = tmp_path / "bad.csv"
    bad.write_text(f"video,exercise\n{SAMPLES / 'bridge_side.mp4'},moonwalk\n")
    assert "unknown exercise 'moonwalk'" in one_line(run("analyze", "--manifest", str(bad), "--no-history"))


def test_ray_gives_the_same_results_as_local_workers(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the cluster extra is not installed")  # scripts/setup.sh installs it
    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("squat_side.mp4", "lunge_side.mp4", "bridge_side.mp4"):
        shutil.copy(SAMPLES / name, folder / name)
    programme = tmp_path / "p.toml"  # shipped to the Ray workers as its rules, not as a path
    programme.write_text('[[exercise]]\nname = "squat"\n  [exercise.rules."squat.trunk_lean"]\n  threshold = 80\n')
    local = run("analyze", str(folder), "-e", "squat", "--out", str(tmp_path / "local"), "--no-history",
                "--programme", str(programme))  # fmt: skip
    ray = run("analyze", str(folder), "-e", "squat", "--out", str(tmp_path / "ray"), "--no-history", "--ray", "local",
              "--programme", str(programme))  # fmt: skip
    assert local.returncode == 0 and ray.returncode == 0, ray.stderr
    keep = ("status", "valid", "attempted", "holds", "faults", "frames")
    a, b = rows(tmp_path / "local" / "batch.csv"), rows(tmp_path / "ray" / "batch.csv")
    assert {k: [v[c] for c in keep] for k, v in a.items()} == {k: [v[c] for c in keep] for k, v in b.items()}
    assert (tmp_path / "ray" / "squat_side" / "reps.json").read_text() == (
        tmp_path / "local" / "squat_side" / "reps.json").read_text()  # fmt: skip
    assert '"threshold": 80' in (tmp_path / "ray" / "squat_side" / "summary.json").read_text()  # its rules applied


def test_a_batch_takes_the_programme_and_refuses_what_is_one_session_s(archive: Path, tmp_path: Path) -> None:
    programme = tmp_path / "p.toml"
    programme.write_text('[programme]\ntitle = "Lenient"\npatient = "P-9"\n\n'
                         '[[exercise]]\nname = "squat"\nsets = 1\nreps = 3\n'
                         '  [exercise.rules."squat.trunk_lean"]\n  threshold = 80\n')  # fmt: skip
    assert "valid" in run("programme", "check", str(programme)).stdout
    (archive / "monday" / "broken.mp4").unlink()
    done = run("analyze", str(archive), "-e", "squat", "--programme", str(programme), "--out", str(tmp_path / "o"),
               "--no-history", "--workers", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    leaning = rows(tmp_path / "o" / "batch.csv")["squat_side_trunk_lean.mp4"]
    assert leaning["faults"] == "" and leaning["patient"] == "P-9"  # judged with the programme's 80° lean limit
    summary = (tmp_path / "o" / "squat_side_trunk_lean" / "summary.json").read_text()
    assert "Lenient" in summary
    plain = run("analyze", str(archive), "-e", "squat", "--out", str(tmp_path / "o"), "--no-history")  # no programme
    assert "could not be analysed" in one_line(plain, code=2)  # judged with the programme: said, not skipped
    assert "was analysed with programme" in rows(tmp_path / "o" / "batch.csv")["squat_side_trunk_lean.mp4"]["error"]
    manifest = tmp_path / "list.csv"
    manifest.write_text(f"video,exercise\n{SAMPLES / 'squat_side.mp4'},squat\n")
    mixed = run("analyze", "--manifest", str(manifest), "-e", "lunge", "--no-history", "--out", str(tmp_path / "m"))
    assert "a manifest gives each video" in one_line(mixed, code=2)
    for option in (("--pain-before", "3"), ("--pain-after", "0"), ("--replace",), ("--workers", "-1"),
                   ("--workers", "2", "--ray", "local")):  # fmt: skip
        line = one_line(run("analyze", str(archive), "-e", "squat", "--no-history", "--out", str(tmp_path / "x"),
                            *option), code=2)  # fmt: skip
        assert option[0] in line, line
