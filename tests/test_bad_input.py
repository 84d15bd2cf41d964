"""Bad and awkward input through the real command line, as a hostile or clumsy user would give it.

Each case runs `formcheck` in a subprocess and checks: the exit code; one `formcheck:` line on stderr (what
is wrong, what to do), no traceback and no MediaPipe log line; and that the session recorded before it is
still in the history and on disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from formcheck.exercises.catalogue import get
from formcheck.io.landmarks_csv import write_track
from tests.conftest import ROOT, interruptible
from tests.replay import session_folder
from tests.test_engine import squat_track

NATIVE_LOG = ("W0000", "I0000", "E0000", "INFO: Created TensorFlow", "inference_feedback_manager", "absl::")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=600)  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A history with one session recorded before any bad input, a clean landmarks CSV and a tiny video."""
    root = tmp_path_factory.mktemp("bad")
    db = root / "history.sqlite"
    before = session_folder(squat_track(3), root / "before", get("squat"), fps=30.0, patient="P-0")
    from formcheck.history.record import record_history

    record_history(before, db)
    clean = root / "clean"
    clean.mkdir()
    write_track(clean / "landmarks.csv", squat_track(3), 30.0, "stick")
    return {"root": root, "db": db, "before": before, "csv": clean / "landmarks.csv"}


def still_there(world: dict[str, Path]) -> None:
    """Nothing recorded before is lost: the session's folder and its history row."""
    assert (world["before"] / "summary.json").is_file() and (world["before"] / "reps.json").is_file()
    with sqlite3.connect(world["db"]) as conn:
        dirs = [r[0] for r in conn.execute("SELECT out_dir FROM sessions")]
    assert str(world["before"].resolve()) in dirs


def one_line(result: subprocess.CompletedProcess[str], code: int | None = None) -> str:
    """The single error line; checks the exit code, no traceback and no native log line."""
    assert result.returncode != 0 if code is None else result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert not any(marker in result.stderr for marker in NATIVE_LOG), result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("formcheck:")]
    assert len(lines) == 1, result.stderr
    assert len(lines[0]) <= 420
    return lines[0]


def write_video(path: Path, frames: list[np.ndarray], fps: float = 30.0) -> Path:
    h, w = frames[0].shape[:2]
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    for f in frames:
        out.write(f)
    out.release()
    return path


def csv_with(world: dict[str, Path], name: str, edit: Callable[[list[list[str]]], None], meta: bool = True) -> Path:
    """A copy of the clean landmarks CSV with its rows edited (and its video.json, unless meta=False)."""
    folder = world["root"] / name
    folder.mkdir(exist_ok=True)
    rows = [line.split(",") for line in world["csv"].read_text().splitlines()]
    edit(rows)
    (folder / "landmarks.csv").write_text("\n".join(",".join(r) for r in rows) + "\n")
    if meta:
        (folder / "video.json").write_text((world["csv"].parent / "video.json").read_text())
    return folder / "landmarks.csv"


def column(rows: list[list[str]], name: str) -> int:
    return rows[0].index(name)


# --- option mistakes -------------------------------------------------------------------------------------

USAGE = [
    (("analyze", "x.mp4", "--exercise", "squat", "--bogus"), "No such option: --bogus"),
    (("analyze", "x.mp4", "-e", "squat", "--pain-before", "abc"), "valid integer"),
    (("analyze", "x.mp4", "-e", "squat", "--pain-before", "11"), "pain must be 0 to 10"),
    (("analyze",), "say which exercise"),
    (("analyze", "x.mp4"), "say which exercise"),
    (("analyze", "x.mp4", "-e", "jumping-jacks"), "unknown exercise 'jumping-jacks'"),
    (("analyze", "x.mp4", "-e", "squat", "--model", "huge"), "unknown model variant 'huge'"),
    (("analyze", "-e", "squat"), "give a VIDEO file"),
    (("frobnicate",), "No such command"),
    (("live",), "say which exercise"),
    (("live", "-e", "squat", "--countdown", "soon"), "valid number"),
    (("report",), "give a SESSION_ID"),
    (("report", "--patient", "P-1", "--since", "2026-13-45"), "YYYY-MM-DD"),
    (("exercises", "show", "nosuch"), "unknown exercise 'nosuch'"),
    (("programme", "check", "missing.toml"), "no such programme file"),
    (("synth", "nosuch"), "unknown motion 'nosuch'"),
    (("synth",), "say which motion"),
    (("analyze", "x.mp4", "--landmarks", "x.csv", "-e", "squat"), "not both"),
    (("analyze", "--landmarks", "x.csv", "-e", "squat", "--size", "big"), "--size must be WIDTHxHEIGHT"),
]


@pytest.mark.parametrize(("args", "expected"), USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_option_mistakes(world: dict[str, Path], args: tuple[str, ...], expected: str) -> None:
    line = one_line(run(*args, "--db", str(world["db"])) if args[0] in ("analyze", "live", "report") else run(*args))
    assert expected in line
    still_there(world)


def test_report_of_an_unknown_session(world: dict[str, Path]) -> None:
    assert "no session 999" in one_line(run("report", "999", "--db", str(world["db"])))
    still_there(world)


# --- files that are not what they say ------------------------------------------------------------------


def _audio_only(path: Path) -> Path:
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=1", str(path)], check=True)  # fmt: skip
    return path


FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("text", lambda d: (d / "notes.mp4").write_text("not a video\n" * 50) and d / "notes.mp4", "is a text file"),
    ("noise", lambda d: (d / "n.mp4").write_bytes(bytes(range(256)) * 40) and d / "n.mp4", "not a readable video"),
    ("empty", lambda d: (d / "e.mp4").write_bytes(b"") or d / "e.mp4", "is empty"),
    ("image", lambda d: cv2.imwrite(str(d / "p.jpg"), np.zeros((64, 64, 3), np.uint8)) and d / "p.jpg", "still image"),
    ("missing", lambda d: d / "absent.mp4", "no such file"),
    ("folder without videos", lambda d: d, "no video files"),
    ("audio only", lambda d: _audio_only(d / "a.m4a"), "only sound"),
    ("tiny", lambda d: write_video(d / "t.mp4", [np.zeros((48, 64, 3), np.uint8)] * 30), "too small"),
    ("too short", lambda d: write_video(d / "s.mp4", [np.zeros((240, 320, 3), np.uint8)] * 6), "too short"),
]


@pytest.mark.parametrize(("name", "make", "expected"), FILES, ids=[n for n, _, _ in FILES])
def test_files_that_are_not_usable_videos(world: dict[str, Path], tmp_path: Path, name: str,
                                          make: Callable[[Path], Path], expected: str) -> None:  # fmt: skip
    path = make(tmp_path)
    line = one_line(run("analyze", str(path), "-e", "squat", "--out", str(tmp_path / "o"), "--db", str(world["db"])))
    assert expected in line, line
    still_there(world)


def test_symlink_loop(world: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "a.mp4").symlink_to(tmp_path / "b.mp4")
    (tmp_path / "b.mp4").symlink_to(tmp_path / "a.mp4")
    assert "link" in one_line(run("analyze", str(tmp_path / "a.mp4"), "-e", "squat", "--db", str(world["db"])))
    still_there(world)


def test_truncated_video(world: dict[str, Path], tmp_path: Path) -> None:
    good = write_video(tmp_path / "good.mp4", [np.full((240, 320, 3), i % 255, np.uint8) for i in range(60)])
    data = good.read_bytes()
    (tmp_path / "cut.mp4").write_bytes(data[: len(data) // 2])  # mp4v puts its index at the end
    assert "not a readable video" in one_line(run("analyze", str(tmp_path / "cut.mp4"), "-e", "squat"))
    still_there(world)


# --- where the output goes -----------------------------------------------------------------------------


def test_out_is_an_existing_file(world: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    line = one_line(run("analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--out", str(tmp_path / "f"),
                        "--db", str(world["db"])))  # fmt: skip
    assert "not a folder" in line
    still_there(world)


def test_out_cannot_be_written(world: dict[str, Path]) -> None:
    line = one_line(run("analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--out", "/proc/formcheck/out",
                        "--db", str(world["db"])))  # fmt: skip
    assert "cannot write" in line
    still_there(world)


def test_out_is_a_folder_of_other_files(world: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"x")
    line = one_line(run("analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--out",
                        str(tmp_path / "photos"), "--db", str(world["db"])))  # fmt: skip
    assert "other files" in line and (tmp_path / "photos" / "holiday.jpg").is_file()
    still_there(world)


@pytest.mark.model
@pytest.mark.parametrize("where", ["a file", "under a file", "a folder of other files"])
def test_a_bad_out_for_a_video_is_one_line_not_a_crash(full_model: str, world: dict[str, Path], tmp_path: Path,
                                                        where: str) -> None:  # fmt: skip
    # With a video the model and the frame reader are already running when the output folder is refused: they
    # must be stopped, not left to abort the process at exit (it died with SIGABRT, exit 134, after the line).
    (tmp_path / "f").write_text("x")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"x")
    out = {
        "a file": tmp_path / "f",
        "under a file": tmp_path / "f" / "sub",
        "a folder of other files": tmp_path / "photos",
    }
    line = one_line(run("analyze", str(ROOT / "sample_videos" / "squat_side.mp4"), "-e", "squat", "--out",
                        str(out[where]), "--db", str(world["db"])), code=2)  # fmt: skip
    assert "--out" in line
    still_there(world)


def test_report_out_under_a_file(world: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    line = one_line(run("report", str(world["before"]), "--out", str(tmp_path / "f" / "r.html")), code=2)
    assert "is a file, not a folder" in line and (tmp_path / "f").read_text() == "x"
    still_there(world)


@pytest.mark.parametrize("target", ["folder", "unwritable"])
def test_history_export_to_a_bad_place(world: dict[str, Path], tmp_path: Path, target: str) -> None:
    out = tmp_path if target == "folder" else Path("/proc/formcheck.csv")
    line = one_line(run("history", "export", "--out", str(out), "--db", str(world["db"])))
    assert ("is a folder" if target == "folder" else "cannot write") in line
    still_there(world)


# --- landmark CSVs -------------------------------------------------------------------------------------


def test_csv_without_its_image_size(world: dict[str, Path], tmp_path: Path) -> None:
    csv = csv_with(world, "nometa", lambda rows: None, meta=False)
    assert "--size" in one_line(run("analyze", "--landmarks", str(csv), "-e", "squat", "--db", str(world["db"])))
    done = run("analyze", "--landmarks", str(csv), "-e", "squat", "--size", "640x480", "--no-history",
               "--out", str(tmp_path / "o"))  # fmt: skip
    assert done.returncode == 0 and "reps: 3 valid of 3" in done.stdout, done.stderr
    still_there(world)


def test_non_finite_cells_are_missing_and_counted(world: dict[str, Path], tmp_path: Path) -> None:
    def scatter(rows: list[list[str]]) -> None:
        knee = column(rows, "left_knee_x")
        for i in range(5, len(rows), 17):
            rows[i][knee] = "inf" if i % 2 else "nan"

    csv = csv_with(world, "inf", scatter)
    done = run("analyze", "--landmarks", str(csv), "-e", "squat", "--no-history", "--out", str(tmp_path / "o"))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "reps: 3 valid of 3" in done.stdout and "not finite" in done.stdout, done.stdout
    still_there(world)


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        ("all nan", lambda rows: [r.__setitem__(slice(2, None), ["nan"] * (len(r) - 2)) for r in rows[1:]],
         "no person found"),
        ("a word", lambda rows: rows[3].__setitem__(5, "abc"), "is not a number"),
        ("header only", lambda rows: rows.__delitem__(slice(1, None)), "no rows of landmarks"),
        ("not landmarks", lambda rows: rows.__setitem__(0, [f"c{i}" for i in range(len(rows[0]))]),
         "no landmark columns"),
    ],
)  # fmt: skip
def test_broken_landmark_csvs(world: dict[str, Path], tmp_path: Path, name: str,
                              edit: Callable[[list[list[str]]], None], expected: str) -> None:  # fmt: skip
    csv = csv_with(world, name.replace(" ", "_"), edit)
    line = one_line(run("analyze", "--landmarks", str(csv), "-e", "squat", "--out", str(tmp_path / "o"),
                        "--db", str(world["db"])))  # fmt: skip
    assert expected in line
    still_there(world)


def test_csv_missing_what_the_exercise_needs(world: dict[str, Path], tmp_path: Path) -> None:
    folder = world["root"] / "three"
    folder.mkdir(exist_ok=True)
    (folder / "landmarks.csv").write_text("t,nose_x,nose_y,left_hip_x,left_hip_y,right_hip_x,right_hip_y\n"
                                          "0,0.5,0.1,0.45,0.5,0.55,0.5\n0.1,0.5,0.1,0.45,0.5,0.55,0.5\n")  # fmt: skip
    (folder / "video.json").write_text('{"width": 640, "height": 480, "fps": 10}')
    line = one_line(run("analyze", "--landmarks", str(folder / "landmarks.csv"), "-e", "squat", "--out",
                        str(tmp_path / "o"), "--db", str(world["db"])))  # fmt: skip
    assert "no knee" in line and "step back" not in line
    still_there(world)


def test_empty_and_binary_csvs(world: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("")
    assert "empty" in one_line(run("analyze", "--landmarks", str(tmp_path / "empty.csv"), "-e", "squat"))
    (tmp_path / "bin.csv").write_bytes(bytes(range(256)) * 10)
    assert "formcheck:" in one_line(run("analyze", "--landmarks", str(tmp_path / "bin.csv"), "-e", "squat"))
    still_there(world)


# --- programmes and databases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[exercise]]\nname = "squat"\nrepz = 10\n', "unknown key 'repz'"),
        ('[[exercise]]\nname = "moonwalk"\n', "unknown exercise 'moonwalk'"),
        ("this is = not [toml", "not valid TOML"),
        ('[[exercise]]\nname = "squat"\nsets = 0\n', "must be from 1 to 20"),
        ('[[exercise]]\nname = "squat"\nrep_s = -2\n', "more than 0 and at most 60 seconds"),
    ],
)
def test_malformed_programmes(world: dict[str, Path], tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "p.toml").write_text(text)
    assert expected in one_line(run("programme", "check", str(tmp_path / "p.toml")))
    still_there(world)


def test_a_programme_with_a_hundred_thousand_entries_gets_one_short_line(tmp_path: Path) -> None:
    (tmp_path / "big.toml").write_text("".join(f'[[exercise]]\nname = "nosuch{i}"\n' for i in range(100_000)))
    line = one_line(run("programme", "check", str(tmp_path / "big.toml")))
    assert len(line) <= 420


@pytest.mark.parametrize("kind", ["junk", "newer", "folder"])
def test_bad_history_databases(world: dict[str, Path], tmp_path: Path, kind: str) -> None:
    db = tmp_path / "h.sqlite"
    if kind == "junk":
        db.write_bytes(b"this is not a database" * 100)
    elif kind == "newer":
        sqlite3.connect(db).execute("PRAGMA user_version = 99").connection.close()
    else:
        db.mkdir()
    line = one_line(run("history", "--db", str(db)))
    assert {"junk": "not a formcheck history", "newer": "newer formcheck", "folder": "cannot be opened"}[kind] in line
    still_there(world)


# --- sessions are never lost ---------------------------------------------------------------------------


def test_a_second_run_into_the_same_folder_keeps_the_first(world: dict[str, Path], tmp_path: Path) -> None:
    args = ("analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--out", str(tmp_path / "s"), "--db",
            str(world["db"]))  # fmt: skip
    first, second = run(*args, "--pain-before", "4"), run(*args, "--pain-before", "1")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "already holds a session" in second.stdout
    assert json.loads((tmp_path / "s" / "summary.json").read_text())["pain_before"] == 4
    assert json.loads((tmp_path / "s-2" / "summary.json").read_text())["pain_before"] == 1
    with sqlite3.connect(world["db"]) as conn:
        pains = sorted(r[0] for r in conn.execute("SELECT pain_before FROM sessions WHERE out_dir LIKE ?",
                                                  (f"{tmp_path}%",)))  # fmt: skip
    assert pains == [1, 4]
    still_there(world)


def test_two_runs_at_once_into_the_same_folder_both_survive(world: dict[str, Path], tmp_path: Path) -> None:
    args = [sys.executable, "-m", "formcheck", "analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--out",
            str(tmp_path / "same"), "--db", str(world["db"])]  # fmt: skip
    procs = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders == ["same", "same-2"]
    for name in folders:
        assert len(json.loads((tmp_path / name / "reps.json").read_text())) == 3
    still_there(world)


def test_a_folder_that_is_not_a_session(world: dict[str, Path], tmp_path: Path) -> None:
    assert "no summary.json" in one_line(run("report", str(tmp_path)))
    (tmp_path / "summary.json").write_text("{not json")
    assert "not readable JSON" in one_line(run("report", str(tmp_path)))
    still_there(world)


def test_names_that_would_break_the_terminal_or_the_shell(world: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "$(touch pwned)"
    done = run("analyze", "--landmarks", str(world["csv"]), "-e", "squat", "--patient", "Ann\nDROP\tTABLE",
               "--out", str(out), "--db", str(world["db"]))  # fmt: skip
    assert done.returncode == 0, done.stderr
    hint = next(ln for ln in done.stdout.splitlines() if "formcheck report" in ln)
    assert "'" in hint and "$(touch pwned)'" in hint  # quoted for the shell
    listed = run("history", "--db", str(world["db"]))
    assert all("DROP" not in ln or "Ann" in ln for ln in listed.stdout.splitlines())  # one line per session
    assert not (ROOT / "pwned").exists()
    still_there(world)


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    done = run("--verbose", "analyze", str(tmp_path / "absent.mp4"), "-e", "squat")
    assert done.returncode != 0 and "Traceback" in done.stderr


def test_nobody_in_view_live_is_said_and_not_recorded_as_a_session(world: dict[str, Path], lite_model: str,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    rng = np.random.default_rng(3)
    room = write_video(tmp_path / "room.mp4", [rng.integers(90, 110, (240, 320, 3), dtype=np.uint8) for _ in range(45)])
    done = run("live", "-e", "squat", "--source", str(room), "--headless", "--no-voice", "--countdown", "0",
               "--out", str(tmp_path / "l"), "--db", str(world["db"]), env={**os.environ})  # fmt: skip
    assert "nobody was in view" in one_line(done)
    assert (tmp_path / "l" / "landmarks.csv").is_file()  # what was recorded is kept
    still_there(world)
    with sqlite3.connect(world["db"]) as conn:
        assert not [r for r in conn.execute("SELECT out_dir FROM sessions") if r[0].startswith(str(tmp_path))]


def test_ctrl_c_to_the_whole_group_during_a_recorded_live_session(world: dict[str, Path], lite_model: str,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    import signal
    import time

    out, rec = tmp_path / "s", tmp_path / "overlay.mp4"
    proc = subprocess.Popen(
        [sys.executable, "-m", "formcheck", "live", "-e", "squat", "--headless", "--no-voice", "--model", "lite",
         "--countdown", "0", "--source", str(ROOT / "sample_videos" / "squat_side.mp4"),
         "--out", str(out), "--record", str(rec), "--db", str(world["db"])],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=interruptible,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the first rep written, then Ctrl-C as a terminal sends it: to the group
        if (out / "reps.json").is_file() and json.loads((out / "reps.json").read_text() or "[]"):
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "exercise: squat" in stdout and "history: session" in stdout
    cap = cv2.VideoCapture(str(rec))
    assert cap.isOpened() and cap.read()[0] and cap.get(cv2.CAP_PROP_FRAME_COUNT) > 15
    with sqlite3.connect(world["db"]) as conn:
        assert any(r[0] == str(out.resolve()) for r in conn.execute("SELECT out_dir FROM sessions"))
    still_there(world)
