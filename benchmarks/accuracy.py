"""Accuracy of the real pipeline on rendered people with exact ground truth.

Renders (or reuses, from --cache) clips of each exercise from its view and a 30° oblique, with random
bodies, clothes, rooms, cameras, noise and blur, some with an injected fault; analyses each with the
real pose model; prints per exercise and view: angle MAE and bias against the angles computed from
the projected joint centres, rep-count exact-match rate and mean absolute error, hold-time error,
and per-rule fault precision/recall/F1.

    python benchmarks/accuracy.py [--clips-per-config 2] [--cache bench-cache] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.analyze import Request, analyze_video  # noqa: E402
from formcheck.exercises import catalogue  # noqa: E402
from formcheck.io.summary_json import record_to_json  # noqa: E402
from formcheck.session.plan import steps_for  # noqa: E402
from formcheck.synth.clip import render_clip  # noqa: E402
from formcheck.synth.motions import MOTIONS, Plan  # noqa: E402
from formcheck.synth.render import Renderer  # noqa: E402
from formcheck.synth.samples import random_scene  # noqa: E402

# Injected fault → the rule that should catch it.
FAULT_RULES = {
    ("squat", "shallow"): "squat.depth",
    ("squat", "trunk_lean"): "squat.trunk_lean",
    ("glute_bridge", "low"): "bridge.line",
    ("glute_bridge", "sag"): "bridge.sag",
    ("standing_hip_abduction", "hip_hike"): "abduction.hip_hike",
    ("standing_hip_abduction", "trunk_lean"): "abduction.trunk_lean",
    ("single_leg_bridge", "pelvis_drop"): "single_bridge.pelvis_drop",
    ("side_lying_hip_abduction", "hip_flexion"): "side_abduction.hip_flexion",
    ("side_lying_hip_abduction", "pelvis_roll"): "side_abduction.pelvis_roll",
    ("clamshell", "pelvis_roll"): "clamshell.pelvis_roll",
    ("lunge", "knee_past_toes"): "lunge.knee_over_ankle",
    ("lunge", "trunk_lean"): "lunge.trunk_upright",
    ("standing_hip_flexion", "trunk_back"): "hip_flexion.trunk_back",
    ("standing_hip_extension", "trunk_forward"): "hip_extension.trunk_forward",
    ("kneeling_hip_flexor_stretch", "early_release"): "hold.incomplete",  # a hold ended before its target
}
ANGLES = {
    "side": ("knee_flexion", "hip_flexion", "trunk_lean"),
    "front": ("hip_abduction", "pelvis_rise", "knee_flexion"),
}


def configs(per_config: int) -> list[tuple[str, str, float, str | None, int]]:
    """(exercise, view label, azimuth offset, fault, seed) for every clip to score."""
    out = []
    seed = 100
    for name, motion in MOTIONS.items():
        if name not in catalogue.EXERCISES:
            continue
        for view_label, offset in ((motion.view, 0.0), ("oblique30", 30.0)):
            # knees drifting in show only from the front (benchmarks/faults.py films them there); left out here
            # so that the clips after them keep their seeds, and the figures quoted in rule sources their bodies
            for fault in (None, *(f for f in motion.faults if (name, f) != ("squat", "knees_in"))):
                if view_label == "oblique30" and fault is not None:
                    continue
                for _ in range(per_config):
                    seed += 1
                    out.append((name, view_label, offset, fault, seed))
    return out


def clip_for(cache: Path, renderer: Renderer, name: str, offset: float, fault: str | None, seed: int) -> Path:
    motion = MOTIONS[name]
    kind_hold = motion.kind == "hold"
    plan = Plan(name, reps=2 if kind_hold else 3, rep_s=2.8, side=("left", "right")[seed % 2], fault=fault,
                fault_reps=(1,))  # fmt: skip
    path = cache / f"{name}_{'o' if offset else 'v'}_{fault or 'ok'}_{seed}.mp4"
    if not Path(f"{path}.truth.json").is_file():
        render_clip(plan, replace(random_scene(seed, offset), fps=15.0), path, renderer)
    return path


def score_clip(path: Path, name: str, view: str) -> dict:
    truth = json.loads(Path(f"{path}.truth.json").read_text())
    exercise = catalogue.get(name)
    if MOTIONS[name].kind == "hold":  # judge holds against the rendered hold time, as a programme would
        hold_s = Plan(**{**truth["plan"], "fault_reps": tuple(truth["plan"]["fault_reps"])}).hold()
        exercise = replace(exercise, dosage=replace(exercise.dosage, hold_s=hold_s))
    analysis = analyze_video(path, Request(steps_for(exercise, None)[0], path.with_suffix(""), replace=True))
    import csv

    with (analysis.folder / "angles.csv").open(newline="") as f:
        kin = list(csv.DictReader(f))
    frames = truth["frames"]
    n = min(len(frames), len(kin))
    errors: dict[str, list[float]] = defaultdict(list)
    for angle in ANGLES["front" if view == "front" else "side"]:
        for i in range(n):
            side_idx = 0 if kin[i]["facing"] != "right" else 1
            got = [float(kin[i][f"{angle}_{s}"] or "nan") for s in ("left", "right")]
            want = frames[i]["angles2d"][angle]
            idx = (0, 1) if view == "front" else (side_idx,)
            for k in idx:
                if math.isfinite(got[k]) and math.isfinite(want[k]):
                    errors[angle].append(float(got[k] - want[k]))
    plan = truth["plan"]
    records = [record_to_json(r) for r in analysis.records]
    expected_rule = FAULT_RULES.get((name, plan["fault"])) if plan["fault"] else None
    fault_events = []
    for rep in truth["reps"]:
        overlap = [r for r in records if r["start_s"] <= rep["end_s"] and r["end_s"] >= rep["start_s"]]
        flagged = {f for r in overlap for f in r["faults"]}
        flagged |= {"hold.incomplete" for r in overlap if r["kind"] == "hold" and not r["completed"]}
        fault_events.append(
            {"truth": FAULT_RULES.get((name, rep["fault"])) if rep["fault"] else None, "flagged": sorted(flagged)}
        )
    holds = [r for r in records if r["kind"] == "hold"]
    hold_err = [abs(h["held_s"] - rep["held_s"]) for h, rep in zip(holds, truth["reps"], strict=False)]
    return {
        "clip": path.name, "exercise": name, "view": view, "fault": plan["fault"], "expected_rule": expected_rule,
        "reps_truth": plan["reps"], "reps_got": analysis.exercise.attempted_reps,
        "holds_got": len(holds), "hold_errors_s": hold_err,
        "angle_errors": {k: [float(np.mean(np.abs(v))), float(np.mean(v)), len(v)] for k, v in errors.items()},
        "fault_events": fault_events,
    }  # fmt: skip


def report(results: list[dict]) -> str:
    lines = []
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in results:
        groups[(r["exercise"], r["view"])].append(r)
    lines.append(f"{'exercise':26s} {'view':9s} {'clips':>5s} {'exact':>6s} {'count MAE':>9s}  angle MAE / bias (deg)")
    for (name, view), rs in sorted(groups.items()):
        is_hold = MOTIONS[name].kind == "hold"
        got = [(r["holds_got"] if is_hold else r["reps_got"]) for r in rs]
        exact = np.mean([g == r["reps_truth"] for g, r in zip(got, rs, strict=True)])
        mae = np.mean([abs(g - r["reps_truth"]) for g, r in zip(got, rs, strict=True)])
        angle_bits = []
        for angle in sorted({a for r in rs for a in r["angle_errors"]}):
            vals = [r["angle_errors"][angle] for r in rs if angle in r["angle_errors"]]
            w = np.array([v[2] for v in vals], float)
            mae_deg = np.average([v[0] for v in vals], weights=w)
            bias_deg = np.average([v[1] for v in vals], weights=w)
            angle_bits.append(f"{angle} {mae_deg:.1f}/{bias_deg:+.1f}")
        lines.append(f"{name:26s} {view:9s} {len(rs):5d} {exact:6.0%} {mae:9.2f}  " + "; ".join(angle_bits))
        holds = [e for r in rs for e in r["hold_errors_s"]]
        if holds:
            lines.append(f"{'':26s} hold time error: mean {np.mean(holds):.2f} s over {len(holds)} holds")
    lines.append("")
    lines.append(f"{'rule':30s} {'TP':>4s} {'FP':>4s} {'FN':>4s} {'prec':>6s} {'recall':>6s} {'F1':>6s}")
    rules = sorted({rule for (ex, _), rule in FAULT_RULES.items() if ex in {r["exercise"] for r in results}})
    for rule in rules:
        exercise = next(ex for (ex, _), r in FAULT_RULES.items() if r == rule)
        events = [e for r in results if r["exercise"] == exercise for e in r["fault_events"]]
        tp = sum(e["truth"] == rule and rule in e["flagged"] for e in events)
        fp = sum(e["truth"] != rule and rule in e["flagged"] for e in events)
        fn = sum(e["truth"] == rule and rule not in e["flagged"] for e in events)
        prec = tp / (tp + fp) if tp + fp else float("nan")
        # (rules a motion cannot show from its view stay at recall 0: see the README)
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
        lines.append(f"{rule:30s} {tp:4d} {fp:4d} {fn:4d} {prec:6.2f} {rec:6.2f} {f1:6.2f}")
    clean = defaultdict(int)
    reps = 0
    for r in results:
        for e in r["fault_events"]:
            if e["truth"] is None:
                reps += 1
                for rule in e["flagged"]:
                    clean[rule] += 1
    lines.append("")
    lines.append(
        f"false alarms on {reps} clean reps/holds: "
        + (", ".join(f"{k} ×{v}" for k, v in sorted(clean.items())) or "none")
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clips-per-config", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench-cache")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", default="", help="comma-separated exercises")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(640, 480)
    results = []
    try:
        for name, view, offset, fault, seed in configs(args.clips_per_config):
            if args.only and name not in args.only.split(","):
                continue
            path = clip_for(args.cache, renderer, name, offset, fault, seed)
            results.append(score_clip(path, name, view))
            r = results[-1]
            flagged = [e["flagged"] for e in r["fault_events"]]
            print(f"{r['clip']}: reps {r['reps_got']}/{r['reps_truth']} faults {flagged}", flush=True)
    finally:
        renderer.close()
    print()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
