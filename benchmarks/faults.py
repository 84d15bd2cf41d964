"""Fault calls, per rule: true positives, false positives and false negatives on three kinds of evidence.

    python benchmarks/faults.py [--real] [--landmarks] [--rendered] [--sizes 0.5,1,1.5] [--views own,oblique]

(a) The labelled real clips (benchmarks/labelled.py): every rep of a clip labelled correct is a negative
    for every rule; a clip labelled with a fault is a positive for that check in every rep. Printed: false
    alarms per 100 correct reps from the rules that decide validity and from all rules, and the labelled
    faults found, per set (tuning / check).
(b) The landmark sets in ../shared/media/landmarks: lunge frames labelled C (correct) or L (knee over toe)
    judged by the knee-over-ankle rule on each frame. The labels mean what their source defines
    (NgoQuocBao1010/Exercise-Correction, core/lunge_model/5.err.data.ipynb: '"C": Correct Form, "L":
    Incorrect Form', the knee-over-toe error); ../shared/media/README.md has the two the other way round.
(c) Rendered faults of several sizes (1 = the standard fault, 0.5 = half as large) in the exercise's own view
    and a 30° oblique, --bodies random bodies per cell at size 1 (3; one at other sizes): the faulted rep
    (rep 2 of 3) is a positive, reps 1 and 3 negatives. Tallied twice: any flag of the check, and a flag that
    made the rep invalid (major rules).
    A rep flagged by the rule that the injected fault should trip is never counted as a false alarm of it.
    Printed per rule: TP/FP/FN and F1 per size and view, and the smallest size it catches.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import available  # noqa: E402
from benchmarks.replay import replay  # noqa: E402
from formcheck.engine.records import HoldRecord, RepRecord  # noqa: E402
from formcheck.exercises.catalogue import EXERCISES, get  # noqa: E402

MEDIA = ROOT.parent / "shared" / "media"
# Injected fault → the checks it should trip (a trunk tipping forward in hip extension also takes the work
# from the hip, so its range check is expected too).
INJECTED = {
    ("squat", "shallow"): {"squat.depth"},
    ("squat", "trunk_lean"): {"squat.trunk_lean"},
    ("squat", "knees_in"): {"squat.knees_in"},
    ("glute_bridge", "low"): {"bridge.line"},
    ("glute_bridge", "sag"): {"bridge.sag"},
    ("standing_hip_abduction", "hip_hike"): {"abduction.hip_hike"},
    ("standing_hip_abduction", "trunk_lean"): {"abduction.trunk_lean"},
    ("single_leg_bridge", "pelvis_drop"): {"single_bridge.pelvis_drop"},
    ("side_lying_hip_abduction", "hip_flexion"): {"side_abduction.hip_flexion"},
    ("side_lying_hip_abduction", "pelvis_roll"): {"side_abduction.pelvis_roll"},
    ("clamshell", "pelvis_roll"): {"clamshell.pelvis_roll"},
    ("lunge", "knee_past_toes"): {"lunge.knee_over_ankle"},
    ("lunge", "trunk_lean"): {"lunge.trunk_upright"},
    ("standing_hip_flexion", "trunk_back"): {"hip_flexion.trunk_back"},
    ("standing_hip_extension", "trunk_forward"): {"hip_extension.trunk_forward", "hip_extension.range"},
    ("quadruped_hip_extension", "low"): {"donkey_kick.height"},
}
# A fault that shows from another view than the motion's own is filmed from there (camera turned by this much;
# the offsets of the tables are then counted from that view): knees drifting in show from the front.
FILMED_FROM = {("squat", "knees_in"): (-90.0, "front")}


@dataclass
class Tally:
    """TP / FP / FN of one rule in one condition."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    na: int = 0  # faulted reps where the rule said "cannot assess from this view": neither caught nor missed

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


@dataclass
class RealResult:
    correct_reps: int = 0
    deciding: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # rule → false alarms deciding
    any_fault: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    labelled: list[tuple[str, str]] = field(default_factory=list)  # (clip, outcome: see labelled_outcome)


def checks_of(exercise: str, rule_ids: tuple[str, ...]) -> set[str]:
    rules = {r.id: r.check_id for r in get(exercise).rules}
    return {rules.get(r, r) for r in rule_ids}


def labelled_outcome(exercise: str, wanted: set[str], reps: list[RepRecord]) -> str:
    """found | no reps | no rule (its rules experimental, off) | cannot assess (every rep) | missed (judged, passed)."""
    if not reps:
        return "no reps"
    if any(checks_of(exercise, r.faults) & wanted for r in reps):
        return "found"
    in_use = {x.check_id for x in get(exercise).rules if x.check_id in wanted and x.enabled}
    if not in_use:
        return "no rule"
    if all(in_use <= checks_of(exercise, r.not_assessed) for r in reps):
        return "cannot assess"
    return "missed"


def real_part(model: str) -> None:
    results = {"tune": RealResult(), "check": RealResult()}
    for case in available():
        if case.count is None or case.exercise not in EXERCISES or case.form == "":
            continue
        res = results[case.split]
        reps = [r for r in replay(case.path, case.exercise, model).records if isinstance(r, RepRecord)]
        if case.form == "correct":
            res.correct_reps += len(reps)
            for r in reps:
                for rule in r.faults:
                    res.any_fault[rule] += 1
                if not r.valid:
                    for rule in set(r.faults) & {x.id for x in get(case.exercise).rules if x.severity == "major"}:
                        res.deciding[rule] += 1
        else:
            res.labelled.append((Path(case.file).name, labelled_outcome(case.exercise, set(case.form), reps)))
    for split, res in results.items():
        n = max(res.correct_reps, 1)
        major, every = sum(res.deciding.values()), sum(res.any_fault.values())
        deciding, every_rule = dict(res.deciding) or "none", dict(sorted(res.any_fault.items())) or "none"
        print(f"real, {split} set: {res.correct_reps} reps of correct form: {100 * major / n:.1f} false alarms "
              f"per 100 reps that decide validity ({deciding}), {100 * every / n:.1f} per 100 from all rules "
              f"({every_rule})")  # fmt: skip
        if res.labelled:
            outcomes = Counter(o for _, o in res.labelled)
            judged = outcomes["found"] + outcomes["missed"]
            print(f"real, {split} set: labelled faults found {outcomes['found']}/{len(res.labelled)} "
                  f"({outcomes['found']}/{judged} where a rule judged the clip's view; "
                  f"{outcomes['cannot assess']} said cannot assess, {outcomes['no rule']} have no rule in use, "
                  f"{outcomes['no reps']} counted no rep): "
                  + ", ".join(f"{c} {o}" for c, o in res.labelled))  # fmt: skip


def image_aspect(xyzv: np.ndarray) -> tuple[float, dict[float, float]]:
    """The image's width over height that makes the limbs' lengths most constant over the frames.

    Landmarks are normalised to the image's width and height separately, so a wrong aspect stretches every
    segment by its direction: a thigh turning from upright to level would seem to change length. The best
    aspect keeps the thigh's and shin's image lengths, over the trunk's, most steady (mean coefficient of
    variation over both sides; out-of-plane turns add the same to every aspect). Returns it and every spread.
    """
    from formcheck.landmarks import NAMES

    def length(a: str, b: str, aspect: float) -> np.ndarray:
        d = xyzv[:, NAMES.index(a), :2] - xyzv[:, NAMES.index(b), :2]
        return np.hypot(d[:, 0] * aspect, d[:, 1])

    spread = {}
    for aspect in sorted({*np.round(np.arange(1.0, 2.41, 0.05), 2).tolist(), 4 / 3, 16 / 9}):
        cvs = []
        for side in ("left", "right"):
            trunk = length(f"{side}_shoulder", f"{side}_hip", aspect)
            for a, b in ((f"{side}_hip", f"{side}_knee"), (f"{side}_knee", f"{side}_ankle")):
                r = length(a, b, aspect) / trunk
                cvs.append(float(np.nanstd(r) / np.nanmean(r)))
        spread[aspect] = float(np.mean(cvs))
    return min(spread, key=lambda a: spread[a]), spread


def landmarks_part() -> None:
    """Lunge frames labelled C (correct) or L (knee over toe), judged frame by frame by the rule's threshold."""
    from formcheck.kinematics.angles import compute_signals
    from formcheck.landmarks import NAMES

    path = MEDIA / "landmarks" / "lunge_model__err.test.csv"
    if not path.is_file():
        print("landmarks: ../shared/media/landmarks absent")
        return
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    xyzv = np.full((len(rows), len(NAMES), 4), np.nan)
    for i, row in enumerate(rows):
        for j, name in enumerate(NAMES):
            for k, c in enumerate("xyzv"):
                if f"{name}_{c}" in row:
                    xyzv[i, j, k] = float(row[f"{name}_{c}"])
    labels = np.array([r["label"] == "L" for r in rows])  # L: the knee-over-toe error (see the module's notes)
    rule = get("lunge").rule("lunge.knee_over_ankle")
    aspect, spread = image_aspect(xyzv)
    print(f"landmarks, lunge frames' own geometry: thigh and shin lengths against the trunk's vary least with the "
          f"image {aspect:.2f} times as wide as high (spread {spread[aspect]:.3f}; 4:3 {spread[4 / 3]:.3f}, 16:9 "
          f"{spread[16 / 9]:.3f})")  # fmt: skip
    # The frames' image size is not recorded with them; both usual webcam shapes are reported.
    for width, height in ((640, 480), (1280, 720)):
        s = compute_signals(xyzv, width, height)
        front = np.where(s["hip_flexion"][:, 0] >= s["hip_flexion"][:, 1], 0, 1)
        shin = s[rule.signal][np.arange(len(rows)), front]
        flagged = shin > rule.threshold
        t = Tally(int(np.sum(flagged & labels)), int(np.sum(flagged & ~labels)), int(np.sum(~flagged & labels)))
        print(f"landmarks, lunge knee over toe ({len(rows)} frames, image {width}x{height}): TP {t.tp} FP {t.fp} "
              f"FN {t.fn} F1 {t.f1:.2f}; recall {t.tp / max(t.tp + t.fn, 1):.2f}, false alarms "
              f"{100 * t.fp / max(int(np.sum(~labels)), 1):.1f} per 100 correct frames")  # fmt: skip


def rendered_clip(cache: Path, renderer: object, name: str, fault: str, size: float, offset: float, seed: int) -> Path:
    from dataclasses import replace

    from formcheck.synth.clip import render_clip
    from formcheck.synth.motions import Plan
    from formcheck.synth.samples import random_scene

    path = cache / f"f_{name}_{fault}_{size:g}_{int(offset)}_{seed}.mp4"
    if not Path(f"{path}.truth.json").is_file():
        plan = Plan(name, reps=3, rep_s=2.8, side=("left", "right")[seed % 2], fault=fault, fault_reps=(1,),
                    fault_size=size)  # fmt: skip
        render_clip(plan, replace(random_scene(seed, offset), fps=15.0), path, renderer)  # type: ignore[arg-type]
    return path


def judge_rendered(path: Path, name: str) -> list[tuple[str | None, set[str], set[str], set[str]]]:
    """(injected fault or None, checks flagged, checks not assessed, checks that made the rep invalid) per
    rendered rep. A check counts as deciding when the rep is invalid and that check's flagged rule is major
    (the record does not say which of two major faults was clear of its margin; with one fault injected at a
    time, a second major fault on the same rep is rare and shows in the flagged table)."""
    import tempfile

    from formcheck.analyze import Request, analyze_video
    from formcheck.session.plan import steps_for

    truth = json.loads(Path(f"{path}.truth.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        records = analyze_video(path, Request(steps_for(get(name), None)[0], Path(tmp) / "a")).records
    major = {r.id for r in get(name).rules if r.severity == "major"}
    reps = truth["reps"]

    def shared_s(r: RepRecord | HoldRecord, rep: dict) -> float:
        return min(r.end_s, rep["end_s"]) - max(r.start_s, rep["start_s"])

    # Each counted rep belongs to the one true rep it shares most time with: a counted rep that ends a few
    # frames into the next true rep (reps back to back) is not that rep's too.
    if not reps:
        return []
    owner = {id(r): max(range(len(reps)), key=lambda i: shared_s(r, reps[i])) for r in records}
    out = []
    for i, rep in enumerate(reps):
        overlap = [r for r in records if owner[id(r)] == i and shared_s(r, rep) >= 0]
        flagged = {c for r in overlap for c in checks_of(name, r.faults)}
        deciding = {c for r in overlap if isinstance(r, RepRecord) and not r.valid
                    for c in checks_of(name, tuple(set(r.faults) & major))}  # fmt: skip
        unassessed = {c for r in overlap for c in checks_of(name, r.not_assessed)} - flagged
        out.append((rep["fault"], flagged, unassessed, deciding))
    return out


def bottom_values(path: Path, signal: str, relative: bool, model: str = "full") -> list[tuple[float, float, bool]]:
    """(measured, true, faulted) of an image signal at each rendered rep's peak (`relative`: over its value at the
    rep's first frame): the model's landmarks on the decoded clip against the rig's exactly projected joints (the
    truth file), both through the same signal code."""
    from benchmarks.poses_cache import extract
    from formcheck.kinematics.angles import compute_signals

    truth = json.loads(Path(f"{path}.truth.json").read_text())
    data = dict(np.load(extract(path, model)))
    width, height = (int(v) for v in data["size"])
    exact = np.array([f["joints2d"] for f in truth["frames"]], dtype=float)
    xyzv = np.zeros((len(exact), exact.shape[1], 4))
    xyzv[..., 0], xyzv[..., 1] = exact[..., 0] / width, exact[..., 1] / height
    true_sig = compute_signals(xyzv, width, height)[signal].mean(axis=1)
    got = compute_signals(data["xyzv"][:, 0], width, height)[signal].mean(axis=1)
    frames = truth["frames"]
    out = []
    for rep in sorted({f["rep"] for f in frames if f["rep"] is not None}):
        span = [i for i, f in enumerate(frames) if f["rep"] == rep]
        peak = max(span, key=lambda i: frames[i]["u"])
        j, j0 = (int(np.argmin(np.abs(data["t"] - frames[i]["t"]))) for i in (peak, span[0]))
        measured, true = (
            got[j] / (got[j0] if relative else 1.0),
            true_sig[peak] / (true_sig[span[0]] if relative else 1.0),
        )
        if np.isfinite(measured) and np.isfinite(true):
            out.append((float(measured), float(true), frames[peak]["fault"] is not None))
    return out


def _renderable(name: str, fault: str, wanted: set[str]) -> bool:
    """Whether any rule the fault should trip is on by default and judged from the view the fault is filmed from."""
    from formcheck.synth.motions import MOTIONS

    view = FILMED_FROM[(name, fault)][1] if (name, fault) in FILMED_FROM else MOTIONS[name].view
    rules = [r for r in get(name).rules if r.check_id in wanted]
    return any(r.enabled and not r.experimental and (not r.views or view in r.views) for r in rules)


def _tally(t: Tally, check: str, reps: list[tuple[str | None, set[str], set[str], set[str]]], deciding: bool) -> None:
    for injected, flagged, unassessed, decided in reps:
        hit = check in (decided if deciding else flagged)
        t.tp += int(hit and injected is not None)
        t.na += int(not hit and injected is not None and check in unassessed)
        t.fn += int(not hit and injected is not None and check not in unassessed)
        t.fp += int(hit and injected is None)


def rendered_part(sizes: list[float], offsets: list[float], cache: Path, bodies: int, only: str = "") -> None:
    from formcheck.synth.render import Renderer

    cache.mkdir(parents=True, exist_ok=True)
    flags: dict[tuple[str, float, float], Tally] = defaultdict(Tally)
    # rule signal → (measured, true, faulted) at the reps' peaks, for the faults filmed from another view
    values: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    decides: dict[tuple[str, float, float], Tally] = defaultdict(Tally)
    renderer = Renderer(640, 480)
    try:
        # Seeds (bodies, rooms, cameras) follow this order; the faults filmed from another view came later and
        # go last, so that the others keep the bodies of earlier runs.
        order = sorted(k for k in INJECTED if k not in FILMED_FROM) + sorted(FILMED_FROM)
        for seed, (name, fault) in enumerate(order, start=500):
            wanted = INJECTED[(name, fault)]
            if only and only not in f"{name} {fault}":
                continue
            if not _renderable(name, fault, wanted):
                print(f"  {name} {fault}: not rendered (its rules are experimental or cannot be judged from the "
                      "motion's view)")  # fmt: skip
                continue
            for offset in offsets:
                for size in sizes if offset == 0 else [1.0]:
                    # more bodies (another body, room and camera each time; sides alternating) at the standard size
                    for body in range(bodies if size == 1.0 else 1):
                        base = FILMED_FROM.get((name, fault), (0.0, ""))[0]
                        clip = rendered_clip(cache, renderer, name, fault, size, base + offset, seed + 101 * body)
                        reps = judge_rendered(clip, name)
                        if (name, fault) in FILMED_FROM and offset == 0:
                            for rule in get(name).rules:
                                if rule.check_id in wanted:
                                    relative = rule.measure == "peak_over_start"
                                    key = (f"{rule.signal}{' against the start' if relative else ''} "
                                           f"({FILMED_FROM[(name, fault)][1]}) size {size:g}")  # fmt: skip
                                    values[key] += bottom_values(clip, rule.signal, relative)
                        for check in wanted:
                            _tally(flags[(check, size, offset)], check, reps, deciding=False)
                            if any(r.check_id == check and r.severity == "major" for r in get(name).rules):
                                _tally(decides[(check, size, offset)], check, reps, deciding=True)
                        flagged = [sorted(f) for _, f, _, _ in reps]
                        print(f"  {name} {fault} size {size:g} view +{offset:g} body {body}: {flagged}", flush=True)
    finally:
        renderer.close()  # type: ignore[attr-defined]
    for key, got in sorted(values.items()):
        if not got:
            print(f"  {key}: no rep's peak measured")
            continue
        errs = [abs(m - t) for m, t, _ in got]
        faulted = ", ".join(f"{m:.2f} (truth {t:.2f})" for m, t, f in got if f)
        print(
            f"  {key}: model against truth at the reps' peaks, mean absolute error {np.mean(errs):.3f}, max "
            f"{np.max(errs):.3f} ({len(errs)} reps); the faulted reps read {faulted}"
        )
    for title, tallies in (("flagged (any severity)", flags), ("deciding validity (major rules)", decides)):
        print(f"\n{title}, {bodies} bodies per cell at size 1 (1 at other sizes), one faulted rep in three")
        heads = " ".join(f"{'size ' + format(s, 'g'):>16s}" for s in sizes)
        print(f"{'check':30s} {'view':>5s} {heads}  catches from")
        for check in sorted({c for c, _, _ in tallies}):
            for offset in offsets:
                cells = [tallies.get((check, s, offset)) for s in sizes]
                caught = next((s for s, c in zip(sizes, cells, strict=True) if c and c.tp), math.nan)
                text = " ".join(_cell(c).rjust(16) if c else " " * 16 for c in cells)
                print(f"{check:30s} {'+' + format(offset, 'g'):>5s} {text}  {caught:g}")


def _cell(t: Tally) -> str:
    """TP/FP/FN and F1, or "cannot assess" where the rule declined every faulted rep from that view."""
    if t.na and not (t.tp or t.fn):
        return "cannot assess"
    return f"{t.tp}/{t.fp}/{t.fn} F1 {t.f1:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true")
    parser.add_argument("--landmarks", action="store_true")
    parser.add_argument("--rendered", action="store_true")
    parser.add_argument("--sizes", default="0.5,1")
    parser.add_argument("--offsets", default="0,30")
    parser.add_argument("--model", default="full")
    parser.add_argument("--bodies", type=int, default=3, help="rendered clips per cell, each another body")
    parser.add_argument("--only", default="", help='rendered faults whose "exercise fault" contains this')
    parser.add_argument("--cache", type=Path, default=ROOT / "bench-cache" / "faults")
    args = parser.parse_args()
    every = not (args.real or args.landmarks or args.rendered)
    if args.real or every:
        real_part(args.model)
    if args.landmarks or every:
        landmarks_part()
    if args.rendered or every:
        sizes, offsets = [float(s) for s in args.sizes.split(",")], [float(o) for o in args.offsets.split(",")]
        rendered_part(sizes, offsets, args.cache, args.bodies, args.only)


if __name__ == "__main__":
    main()
