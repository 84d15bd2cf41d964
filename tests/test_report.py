"""Reports opened in real headless Chromium: no console errors, no network requests, the right rows,
plots and stills; names escaped; the injected fault named with its rep and its still; progress and PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from formcheck.analyze import Request, analyze_video
from formcheck.exercises.catalogue import get
from formcheck.history.db import connect
from formcheck.history.store import add_session, progress_rows
from formcheck.io.session_dir import load_session
from formcheck.report.progress_report import progress_report
from formcheck.report.session_report import session_report
from formcheck.session.plan import steps_for
from formcheck.summary import SessionSummary
from tests.conftest import ROOT
from tests.test_cli import one_error_line
from tests.test_history import rig_session

ARTIFACTS = ROOT / "test-artifacts"
NAME = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    from formcheck.report.chromium import Browser

    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def fault_session(tmp_path_factory: pytest.TempPathFactory, full_model: str) -> Path:
    """The shipped rendered clip with a trunk lean injected in rep 2, analysed with the real model."""
    out = tmp_path_factory.mktemp("fault") / "session"
    head = SessionSummary(patient=NAME, pain_before=3, pain_after=2)
    request = Request(steps_for(get("squat"), None)[0], out, head=head)
    return analyze_video(ROOT / "sample_videos" / "squat_side_trunk_lean.mp4", request).folder


def test_report_of_an_injected_fault_names_it_its_rep_and_shows_its_still(fault_session: Path, browser) -> None:  # type: ignore[no-untyped-def]
    html = session_report(load_session(fault_session))
    path = fault_session / "report.html"
    path.write_text(html)
    check = browser.open(path)
    assert check.console_errors == [] and check.requests == []
    assert browser.evaluate("document.querySelectorAll('table.reps tbody tr').length") == 3
    assert browser.evaluate("document.querySelectorAll('figure.plot svg').length") == 1
    faults = browser.evaluate("document.querySelector('ul.faults').innerText")
    assert "Forward trunk lean in 1 of 3 reps (rep 2; decides validity)" in faults and "Keep your chest up" in faults
    still = browser.evaluate(
        "(() => { const f = document.querySelector('figure.still[data-rule=\"squat.trunk_lean\"]');"
        " return [f.querySelector('img').src.slice(0, 23), f.querySelector('img').naturalWidth,"
        " f.innerText]; })()"
    )
    assert still[0] == "data:image/jpeg;base64," and still[1] > 100  # a real decoded frame of the video
    assert "rep 2" in still[2]
    rows = browser.evaluate("[...document.querySelectorAll('table.reps tbody tr')].map(r => r.innerText)")
    assert "forward trunk lean" in rows[1] and "forward trunk lean" not in rows[0] + rows[2]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / "session_report.png", full_page=True)
    assert (ARTIFACTS / "session_report.png").stat().st_size > 20_000


def test_names_and_file_names_are_escaped_everywhere(fault_session: Path, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "escaped.html"
    path.write_text(session_report(load_session(fault_session), patient=NAME))
    raw = path.read_text()
    assert NAME not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    check = browser.open(path)
    assert check.console_errors == []
    assert browser.evaluate("document.querySelectorAll('script').length") == 0
    assert NAME in browser.evaluate("document.body.innerText")


def test_without_video_the_still_is_drawn_from_landmarks(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    folder = rig_session(tmp_path / "rig", fault="trunk_lean")
    path = folder / "report.html"
    path.write_text(session_report(load_session(folder)))
    check = browser.open(path)
    assert check.console_errors == [] and check.requests == []
    src = browser.evaluate("document.querySelector('figure.still img').src.slice(0, 22)")
    assert src == "data:image/png;base64,"
    assert "drawn from the landmarks" in browser.evaluate("document.querySelector('figure.still').innerText")


def test_progress_report_trends_across_sessions(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    conn = connect(tmp_path / "h.sqlite")
    for day, (fault, before, after) in enumerate([("trunk_lean", 5, 4), ("trunk_lean", 4, 3), (None, 3, 1)]):
        folder = rig_session(tmp_path / f"s{day}", fault=fault, patient="P-5", pain_before=before,
                             pain_after=after, started=f"2026-11-0{day + 1}T09:00:00+00:00")  # fmt: skip
        add_session(conn, load_session(folder))
    rows = progress_rows(conn, "P-5", "2026-11-01")
    assert [r.faulty for r in rows] == [1, 1, 0]
    path = tmp_path / "progress.html"
    path.write_text(progress_report("P-5", "2026-11-01", rows))
    check = browser.open(path)
    assert check.console_errors == [] and check.requests == []
    assert browser.evaluate("document.querySelectorAll('table.progress tbody tr').length") == 3
    assert browser.evaluate("document.querySelectorAll('figure.plot svg').length") == 3  # ratios, range, pain
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / "progress_report.png", full_page=True)


def test_report_cli_html_and_pdf(fault_session: Path, tmp_path: Path) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed")
    out = tmp_path / "r.html"
    done = subprocess.run([sys.executable, "-m", "formcheck", "report", str(fault_session), "--out", str(out),
                           "--pdf"], capture_output=True, text=True, cwd=ROOT, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert out.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def test_pdf_without_chromium_is_one_clear_line(fault_session: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run([sys.executable, "-m", "formcheck", "report", str(fault_session), "--out",
                           str(tmp_path / "r.html"), "--pdf"], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=300)  # fmt: skip
    assert "apt install chromium" in one_error_line(done)
    assert (tmp_path / "r.html").is_file()  # the HTML is written before the PDF is tried


def test_report_of_a_missing_session_is_one_clear_line(tmp_path: Path) -> None:
    def report(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "formcheck", "report", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)  # fmt: skip

    typo = tmp_path / "typo" / "h.sqlite"  # a mistyped --db: said, and no database (or folder) made there
    assert "no history database there" in one_error_line(report("999", "--db", str(typo)))
    assert "no history database there" in one_error_line(report("--patient", "alice", "--db", str(typo)))
    assert not typo.parent.exists()
    connect(tmp_path / "h.sqlite").close()  # an empty history
    assert "no session 999" in one_error_line(report("999", "--db", str(tmp_path / "h.sqlite")))
    line = one_error_line(report("--patient", "nobody", "--db", str(tmp_path / "h.sqlite")))
    assert "no sessions of patient 'nobody'" in line and "patients recorded: none" in line


def test_front_view_squat_report_with_knees_in_shows_the_bottom_and_a_ratio(tmp_path: Path) -> None:
    # From the front the counted signal's panel has no limit drawn, and the knees' rule is a ratio, not an angle:
    # the report once raised a TypeError on the first, and would have captioned the second in degrees.
    from formcheck.synth.clip import Scene
    from formcheck.synth.landmarks import landmark_track
    from formcheck.synth.motions import Plan
    from tests.replay import session_folder

    plan = Plan("squat", reps=3, rep_s=2.8, fault="knees_in", fault_reps=(1,))
    track = landmark_track(plan, Scene(fps=15.0, azimuth_offset=-90.0))
    folder = session_folder(track, tmp_path / "front", get("squat"), fps=15.0)
    html = session_report(load_session(folder))
    assert "Knees drift inward at the bottom, worst moment: rep 2" in html
    assert "knee ankle ratio" in html.split('<figure class="plot">', 1)[1].split("</figure>", 1)[0]  # its panel
    reading = html.split("worst moment: rep 2", 1)[1].split('"', 1)[0]
    assert "knee ankle ratio 0.7" in reading and "of its value at the start" in reading and "°" not in reading, reading


def test_worst_moment_is_a_frame_the_rule_judged_not_a_hidden_joint(tmp_path: Path) -> None:
    # The engine judges a rule only on frames where the model saw the signal's landmarks; a hidden knee is still
    # given a position (a guess). The report's worst moment must come from the same frames, not from the guess.
    import numpy as np

    from formcheck.landmarks import NAMES
    from formcheck.report.faults_section import worst
    from formcheck.synth.clip import Scene
    from formcheck.synth.landmarks import landmark_track
    from formcheck.synth.motions import Plan
    from tests.replay import session_folder

    plan = Plan("side_lying_hip_abduction", reps=2, rep_s=2.8, range_scale=1.5)  # past the 45° range limit
    track = landmark_track(plan, Scene(fps=15.0))
    folder = session_folder(track, tmp_path / "s", get("side_lying_hip_abduction"), fps=15.0)
    session = load_session(folder)
    part = session.parts[0]
    rule = next(r for r in part.summary.rules if r.id == "side_abduction.range_high")
    faulty = [r for r in part.records if rule.id in r.faults]
    assert faulty, [r.faults for r in part.records]
    side = faulty[0].side
    saved = session.landmarks()
    assert saved is not None
    _, t_seen, v_seen = worst(part, rule, faulty, saved)
    assert 45.0 < v_seen < 120.0, v_seen
    # A frame inside the first faulty rep where the model "saw" no knee, and its guess reads a huge lift:
    t = part.angles["t"]
    i = int(np.flatnonzero((t > faulty[0].start_s) & (t < t_seen))[-1])
    part.angles[f"hip_abduction_{side}"][i] = 170.0
    j = int(np.argmin(np.abs(saved.t - t[i])))
    saved.xyzv[j, NAMES.index(f"{side}_knee"), 3] = 0.1
    assert worst(part, rule, faulty)[2] == 170.0  # ungated, the guess would be the worst moment
    assert worst(part, rule, faulty, saved)[1:] == (t_seen, v_seen)


def test_a_summary_with_nothing_found_names_what_was_looked_for() -> None:
    from formcheck.report_text import summary_lines
    from formcheck.summary import ExerciseSummary

    assert "holds: 0 (the held posture of this exercise was not recognised)" in summary_lines(
        ExerciseSummary("pigeon", motion="hold"))  # fmt: skip
    assert "reps: 0 (no movement of this exercise was recognised)" in summary_lines(ExerciseSummary("squat"))


def test_the_worst_moment_is_read_on_the_leg_the_rule_judges() -> None:
    # A lunge's back-knee rule judges the other leg than the worked one; the worst moment had been read on the
    # worked leg whatever the rule, showing the front knee's angle as the back knee's.
    from formcheck.exercises.describe import rule_info
    from formcheck.report.faults_section import judged_sides

    lunge = get("lunge")
    back = rule_info(next(r for r in lunge.rules if r.side == "other"))
    assert judged_sides(back.side, "left") == ("right",) and judged_sides(back.side, "right") == ("left",)
    assert judged_sides("work", "left") == ("left",) and judged_sides("max", "left") == ("left", "right")
    assert judged_sides("work", "both") == ("left", "right")
