"""Every exercise on exact projected landmarks of the posed rig (no rendering, no model): correct
form gives the right count (or hold) on either side with no faults; each injected fault is flagged
alone, in its own rep.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.catalogue import EXERCISES, get
from formcheck.exercises.spec import HoldMotion
from formcheck.kinematics.stream import SIGNAL_NAMES
from formcheck.synth.clip import Scene
from formcheck.synth.landmarks import landmark_track
from formcheck.synth.motions import MOTIONS, Plan
from tests.conftest import rig_assets
from tests.replay import judge

rig_assets()

SCENE = Scene(fps=15.0)


@cache
def records(name: str, side: str = "left", fault: str | None = None, rep_s: float = 2.8,
            range_scale: float = 1.0) -> list[RepRecord | HoldRecord]:  # fmt: skip
    motion = MOTIONS[name]
    plan = Plan(name, reps=2 if motion.kind == "hold" else 3, rep_s=rep_s, side=side, fault=fault, fault_reps=(1,),
                range_scale=range_scale)  # fmt: skip
    exercise = get(name)
    if motion.kind == "hold":  # judged against the hold the plan performs, as a programme would set it
        exercise = replace(exercise, dosage=replace(exercise.dosage, hold_s=plan.hold()))
    return judge(exercise, landmark_track(plan, SCENE))


@pytest.mark.parametrize("name", sorted(MOTIONS))
@pytest.mark.parametrize("side", ["left", "right"])
def test_correct_form_counts_right_with_no_faults(name: str, side: str) -> None:
    recs = records(name, side)
    expected_side = "both" if get(name).sides == "both" else side
    assert len(recs) == (2 if MOTIONS[name].kind == "hold" else 3)
    assert [r.side for r in recs] == [expected_side] * len(recs)
    assert all(not r.faults for r in recs), [r.faults for r in recs]
    if MOTIONS[name].kind == "hold":
        assert all(isinstance(r, HoldRecord) and r.completed for r in recs)
    else:
        assert all(isinstance(r, RepRecord) and r.valid for r in recs)


# (motion, injected fault, the rules that must fire in that rep and nowhere else)
FAULTS = [
    ("squat", "shallow", {"squat.depth"}),
    ("squat", "trunk_lean", {"squat.trunk_lean"}),
    ("glute_bridge", "low", {"bridge.line"}),
    ("glute_bridge", "sag", {"bridge.sag"}),  # the hips sink slowly: still held, but not high
    ("standing_hip_abduction", "trunk_lean", {"abduction.trunk_lean"}),
    ("standing_hip_flexion", "trunk_back", {"hip_flexion.trunk_back"}),
    ("quadruped_hip_extension", "low", {"donkey_kick.height"}),
    # the trunk tipping forward does the work, so the hip itself barely extends: both are named
    ("standing_hip_extension", "trunk_forward", {"hip_extension.trunk_forward", "hip_extension.range"}),
    ("warrior", "trunk_lean", {"warrior.trunk_upright"}),
    ("seated_figure_four", "trunk_lean", {"figure_four.trunk_lateral"}),
]


@pytest.mark.parametrize(("name", "fault", "rules"), FAULTS, ids=[f"{n}-{f}" for n, f, _ in FAULTS])
def test_each_fault_is_flagged_alone_in_its_rep(name: str, fault: str, rules: set[str]) -> None:
    recs = records(name, "left", fault)
    assert len(recs) == (2 if MOTIONS[name].kind == "hold" else 3)
    assert [set(r.faults) for r in recs] == [set(), rules, set()][: len(recs)]


def test_lunge_trunk_lean_is_flagged_when_a_programme_asks_for_an_upright_trunk() -> None:
    # Off by default (a forward lean is a variation of the lunge, not a fault); a programme can switch it on.
    exercise = get("lunge")
    upright = replace(exercise, rules=tuple(
        replace(r, enabled=True) if r.id == "lunge.trunk_upright" else r for r in exercise.rules))  # fmt: skip
    plan = Plan("lunge", reps=3, rep_s=2.8, side="left", fault="trunk_lean", fault_reps=(1,))
    recs = judge(upright, landmark_track(plan, SCENE))
    assert [set(r.faults) for r in recs] == [set(), {"lunge.trunk_upright"}, set()]
    assert all(not r.faults for r in records("lunge", "left", "trunk_lean"))  # by default nothing is said


def test_too_fast_reps_get_tempo_advice_once_and_no_fault() -> None:
    from tests.replay import ticks_of

    plan = Plan("standing_hip_abduction", reps=4, rep_s=0.8, side="left")
    ticks, recs = ticks_of(get("standing_hip_abduction"), landmark_track(plan, SCENE))
    assert len(recs) == 4 and all(not r.faults and r.valid for r in recs)
    told = [c.text for tick in ticks for c in tick.cues if c.rule_id == "tempo"]
    assert len(told) == 1 and "Slow down" in told[0]


@pytest.mark.parametrize(("scale", "rule"), [(0.5, "abduction.range_low"), (1.7, "abduction.range_high")])
def test_abduction_range(scale: float, rule: str) -> None:
    recs = records("standing_hip_abduction", range_scale=scale)
    assert len(recs) == 3 and all(r.faults == (rule,) for r in recs)


# Too little movement, injected by shrinking the rep's range: only the range rule fires.
SHORT = [
    ("lunge", 0.6, "lunge.depth"),
    ("standing_hip_flexion", 0.7, "hip_flexion.height"),
    ("clamshell", 0.85, "clamshell.opening"),
    ("side_lying_hip_abduction", 0.6, "side_abduction.range_low"),
    ("single_leg_bridge", 0.6, "single_bridge.line"),
]


@pytest.mark.parametrize(("name", "scale", "rule"), SHORT, ids=[r for _, _, r in SHORT])
def test_too_little_range_flags_only_the_range_rule(name: str, scale: float, rule: str) -> None:
    recs = records(name, range_scale=scale)
    assert len(recs) == 3
    assert all(set(r.faults) == {rule} for r in recs), [r.faults for r in recs]


def test_hold_released_early_is_incomplete() -> None:
    recs = records("kneeling_hip_flexor_stretch", "left", "early_release")
    assert [r.completed for r in recs if isinstance(r, HoldRecord)] == [True, False]


def test_every_declaration_is_consistent() -> None:
    assert len(EXERCISES) == 16
    assert set(MOTIONS) == set(EXERCISES)  # every exercise has a motion to test and render
    for exercise in EXERCISES.values():
        signals = [exercise.motion.signal] + [r.signal for r in exercise.rules]
        if isinstance(exercise.motion, HoldMotion):
            signals += [b.signal for b in exercise.motion.also]
        assert set(signals) <= set(SIGNAL_NAMES), exercise.name
        assert exercise.view in exercise.counting_views or exercise.view == "front"
        for rule in exercise.rules:
            assert rule.id.split(".")[0] and rule.source and rule.cue, rule.id
            assert set(rule.views) <= {"side", "front", "oblique"}
        assert exercise.dosage.reps or exercise.dosage.hold_s


FRONT = Scene(fps=15.0, azimuth_offset=-90.0)  # the squat filmed from the front, where knees drifting in show


@pytest.mark.parametrize("side", ["left", "right"])
def test_knees_drifting_in_are_flagged_from_the_front_and_only_there(side: str) -> None:
    plan = Plan("squat", reps=3, rep_s=2.8, side=side, fault="knees_in", fault_reps=(1,))
    front = judge(get("squat"), landmark_track(plan, FRONT))
    assert [set(r.faults) for r in front] == [set(), {"squat.knees_in"}, set()]
    assert not front[1].valid and front[0].valid  # a major fault past its margin: the rep is not valid
    side_on = judge(get("squat"), landmark_track(plan, SCENE))
    assert len(side_on) == 3 and all("squat.knees_in" in r.not_assessed for r in side_on)


def test_knees_that_still_move_out_are_not_flagged() -> None:
    # A quarter of the standard fault: the knees drift in a little but still end wider apart, against the
    # ankles, than they stood (the bottom's ratio ~1.15 of the start's, against ~1.3 for a correct squat).
    plan = Plan("squat", reps=3, rep_s=2.8, fault="knees_in", fault_reps=(1,), fault_size=0.25)
    assert [set(r.faults) for r in judge(get("squat"), landmark_track(plan, FRONT))] == [set()] * 3


@pytest.mark.parametrize(("motion", "analysed_as", "warned"), [
    ("squat", "lunge", True), ("squat", "standing_hip_flexion", True), ("lunge", "squat", True),
    ("lunge", "standing_hip_flexion", True),
    ("squat", "squat", False), ("lunge", "lunge", False), ("standing_hip_flexion", "standing_hip_flexion", False),
])  # fmt: skip
def test_a_recording_analysed_as_the_wrong_exercise_says_so(tmp_path: Path, motion: str, analysed_as: str,
                                                           warned: bool) -> None:  # fmt: skip
    # A squat counted as a lunge bends both knees as a lunge does, and was counted with no word of doubt.
    from formcheck.synth.motions import Plan
    from tests.replay import session_folder

    track = landmark_track(Plan(motion, reps=3, rep_s=2.8), Scene(fps=15.0))  # side-on (every one's own view)
    folder = session_folder(track, tmp_path / "s", get(analysed_as), fps=15.0)
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["attempted_reps"] >= 1, summary
    said = [w for w in summary["warnings"] if "did not move as" in w]
    assert bool(said) == warned, summary["warnings"]
