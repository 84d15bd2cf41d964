"""2-D image angles against the model's 3-D world angles, per exercise and camera view, on rendered people
whose true joint angles are known exactly.

    python benchmarks/angles3d.py [--exercises squat,lunge] [--offsets 0,30,60,90] [--cache bench-cache/renders]

For each exercise the camera goes round the body from the exercise's own view (offset 0) in steps; each
clip is rendered, encoded, decoded and run through formcheck's pose stage and kinematics stream like a
user's video. Printed per exercise, view and signal: the error against the true anatomical angle (the same
signal computed from the rig's 3-D joint centres) of the 2-D image angle and of the 3-D world angle, and
the share of the true rep excursion each one shows (a foreshortened angle shows less). The exercise
declarations use the 3-D angle where it is closer and shows the rep better (formcheck/exercises/).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.kinematics.signals3d import compute_signals3d  # noqa: E402
from formcheck.kinematics.stream import kinematics_of  # noqa: E402
from formcheck.synth.clip import render_clip  # noqa: E402
from formcheck.synth.motions import MOTIONS, Plan  # noqa: E402
from formcheck.synth.render import Renderer  # noqa: E402
from formcheck.synth.samples import random_scene  # noqa: E402

# exercise → the signals its counting and rules read (2-D name; its 3-D twin is name + "_3d").
SIGNALS = {
    "squat": ("knee_flexion", "hip_flexion", "trunk_lean"),
    "lunge": ("knee_flexion", "hip_flexion"),
    "standing_hip_flexion": ("hip_flexion",),
    "glute_bridge": ("hip_flexion",),
    "standing_hip_abduction": ("hip_abduction",),
    "side_lying_hip_abduction": ("hip_abduction",),
    "clamshell": ("knee_flexion", "hip_flexion"),
    "standing_hip_extension": ("hip_flexion",),
    "quadruped_hip_extension": ("hip_flexion",),
    "quadruped_hip_circles": ("hip_flexion",),
    # holds: the posture's band signals (the worked side: the back leg of the kneeling stretch, the pigeon's folded
    # front leg, the figure-four's crossed leg)
    "kneeling_hip_flexor_stretch": ("hip_flexion", "knee_flexion"),
    "pigeon": ("knee_flexion", "hip_flexion"),
    "seated_figure_four": ("knee_flexion",),
    "supine_double_hip_rotation": ("knee_drop",),
}
TWIN_3D = {
    "knee_flexion": "knee_flexion_3d",
    "hip_flexion": "hip_flexion_3d",
    "hip_abduction": "hip_abduction_3d",
    "trunk_lean": "trunk_lean_3d",
    "knee_drop": "knee_drop_3d",
}


def true_3d(truth: dict) -> dict[str, np.ndarray]:
    """The true 3-D signals from the rig's joint centres (turned into MediaPipe's axes: y down, z toward the
    camera's back), for every frame."""
    joints = np.array([f["joints3d"] for f in truth["frames"]], dtype=float)
    joints[..., 1] *= -1.0
    joints[..., 2] *= -1.0
    hips = (joints[:, 23] + joints[:, 24]) / 2
    return compute_signals3d(joints - hips[:, None])


def measured(video: Path, model: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The pose stage and kinematics on the decoded clip: times and every signal (T, 2)."""
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.source import FileSource

    source = FileSource(video)
    t, idx, poses = [], [], []
    with PoseEstimator(model, census_every_s=None) as estimator:
        for frame in source:
            people = estimator.estimate(frame)
            t.append(frame.t)
            idx.append(frame.index)
            poses.append(people.first)
    frames = kinematics_of(np.array(t), np.array(idx), poses, source.info.width, source.info.height)
    names = frames[0].signals.keys() if frames else []
    return np.array([f.t for f in frames]), {n: np.array([f.signals[n] for f in frames]) for n in names}


def clip(cache: Path, renderer: Renderer, exercise: str, offset: float, seed: int) -> Path:
    path = cache / f"a3d_{exercise}_{int(offset)}_{seed}.mp4"
    if not path.is_file() or not Path(f"{path}.truth.json").is_file():
        side = ("left", "right")[seed % 2]
        render_clip(Plan(exercise, reps=3, rep_s=2.8, side=side), random_scene(seed, offset), path, renderer)
    return path


def score(truth_sig: np.ndarray, got: np.ndarray, work: int) -> tuple[float, float]:
    """(MAE, shown share of the true excursion) on the worked side."""
    a, b = truth_sig[:, work], got[:, work]
    ok = np.isfinite(a) & np.isfinite(b)
    if ok.sum() < 10:
        return float("nan"), float("nan")
    mae = float(np.mean(np.abs(a[ok] - b[ok])))
    span_true = np.percentile(a[ok], 95) - np.percentile(a[ok], 5)
    span_got = np.percentile(b[ok], 95) - np.percentile(b[ok], 5)
    return mae, float(span_got / span_true) if span_true > 1 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", default=",".join(SIGNALS))
    parser.add_argument("--offsets", default="0,30,60,90")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench-cache" / "renders")
    parser.add_argument("--model", default="full")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(640, 480)
    rows = []
    head = ("exercise", "view", "signal", "2-D MAE", "3-D MAE", "2-D shows", "3-D shows")
    print("{:26s} {:>5s} {:14s} {:>8s} {:>8s} {:>9s} {:>9s}".format(*head))
    try:
        for seed, exercise in enumerate(args.exercises.split(","), start=300):
            for offset in (float(o) for o in args.offsets.split(",")):
                video = clip(args.cache, renderer, exercise, offset, seed)
                truth = json.loads(Path(f"{video}.truth.json").read_text())
                work = 0 if truth["plan"]["side"] == "left" else 1
                t, got = measured(video, args.model)
                true = true_3d(truth)
                t_true = np.array([f["t"] for f in truth["frames"]])
                at = np.searchsorted(t_true, t - 1e-6).clip(0, len(t_true) - 1)
                for name in SIGNALS[exercise]:
                    twin = TWIN_3D[name]
                    mae2, share2 = score(true[twin][at], got[name], work)
                    mae3, share3 = score(true[twin][at], got[twin], work)
                    view = f"{MOTIONS[exercise].view[0]}+{int(offset)}"
                    rows.append({"exercise": exercise, "offset": offset, "signal": name, "mae_2d": mae2,
                                 "mae_3d": mae3, "shows_2d": share2, "shows_3d": share3})  # fmt: skip
                    print(f"{exercise:26s} {view:>5s} {name:14s} {mae2:8.1f} {mae3:8.1f} {share2:9.2f} {share3:9.2f}",
                          flush=True)  # fmt: skip
    finally:
        renderer.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
