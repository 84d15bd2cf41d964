"""Programme files: validation with line-precise errors, and overrides that change the verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from formcheck.cli.app import app
from formcheck.errors import FormcheckError
from formcheck.io.landmarks_csv import write_track
from formcheck.programme import load
from tests.conftest import ROOT
from tests.test_engine import squat_track

runner = CliRunner()


def test_example_programme_is_valid() -> None:
    programme = load(ROOT / "examples" / "programme.toml")
    assert [i.exercise.name for i in programme.items] == [
        "squat", "glute_bridge", "clamshell", "kneeling_hip_flexor_stretch",
    ]  # fmt: skip
    squat = programme.items[0].exercise
    assert not squat.rule("squat.depth").enabled
    assert squat.rule("squat.depth_limit").enabled and squat.rule("squat.depth_limit").threshold == 70
    assert programme.items[3].hold_s == 30 and programme.items[1].exercise.dosage.reps == 12


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[[exercise]]\nname = "squat"\nrepz = 10\n', 3, "unknown key 'repz'; allowed: name, sets, reps, hold_s"),
        ('[[exercise]]\nname = "squat"\nreps = "ten"\n', 3, "'reps' must be a int"),
        ('[[exercise]]\nname = "jumping_jacks"\n', 2, "unknown exercise 'jumping_jacks'"),
        ('[[exercise]]\nname = "squat"\n[exercise.rules."squat.deep"]\nthreshold = 3\n', 3, "has no rule 'squat.deep'"),
        ('[[exercise]]\nname = "squat"\n[exercise.rules."squat.depth"]\nlimit = 3\n', 4, "unknown key 'limit'"),
        ('[[exercise]]\nname = "squat"\nsides = "each"\n', 3, "both legs at once"),
        ('[[exercise]]\nname = "squat"\nreps = 0\n', 3, "must be from 1 to 200"),
        ('[[exercise]]\nname = "squat"\nreps = 100000000\n', 3, "must be from 1 to 200"),
        ('[[exercise]]\nname = "pigeon"\nhold_s = 1e8\n', 3, "at most 600 seconds"),
        ("[[exercise]]\nsets = 2\n", 1, "missing 'name'"),
        ('[[exercise]\nname = "squat"\n', 1, "not valid TOML"),
        ("[programme]\ntitle = 'x'\n", 1, "no exercises"),
    ],
)
def test_errors_name_line_key_and_what_is_allowed(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text)
    with pytest.raises(FormcheckError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)
    result = runner.invoke(app, ["programme", "check", str(path)])
    assert result.exit_code != 0


def test_programme_override_changes_the_verdict(tmp_path: Path) -> None:
    write_track(tmp_path / "landmarks.csv", squat_track(3, depth=100.0), fps=30.0, source="stick")
    plain = runner.invoke(app, ["analyze", "--landmarks", str(tmp_path / "landmarks.csv"), "-e", "squat",
                                "--out", str(tmp_path / "a")])  # fmt: skip
    assert plain.exit_code == 0, plain.output
    assert json.loads((tmp_path / "a" / "summary.json").read_text())["reps"] == 3
    programme = str(ROOT / "examples" / "programme.toml")
    csv = str(tmp_path / "landmarks.csv")
    limited = runner.invoke(app, ["analyze", "--landmarks", csv, "--programme", programme, "-e", "squat",
                                  "--out", str(tmp_path / "b")])  # fmt: skip
    assert limited.exit_code == 0, limited.output
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["faults"] == {"squat.depth_limit": 3} and summary["reps"] == 0


def test_exercises_json_lists_all_sixteen() -> None:
    result = runner.invoke(app, ["exercises", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert len(listed) == 16
    assert {"squat", "pigeon", "warrior", "clamshell", "seated_figure_four"} <= {e["name"] for e in listed}
    assert all(r["source"] and r["cue"] for e in listed for r in e["rules"])
    shown = runner.invoke(app, ["exercises", "show", "clamshell"])
    assert "clamshell.feet_together" in shown.output and "source:" in shown.output


def test_holds_per_set_are_said(tmp_path: Path) -> None:
    # 'reps' on a hold exercise is the number of holds per set (the coach waits for them); the check said only
    # "3 × hold 30 s per side", as if it had been dropped.
    path = tmp_path / "p.toml"
    path.write_text('[[exercise]]\nname = "kneeling_hip_flexor_stretch"\nsets = 3\nreps = 2\nhold_s = 30\n')
    assert load(path).items[0].reps == 2
    shown = runner.invoke(app, ["programme", "check", str(path)])
    assert shown.exit_code == 0 and "3 × 2 holds of 30 s" in shown.output, shown.output
