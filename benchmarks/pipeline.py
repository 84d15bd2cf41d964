"""`analyze` against the simplest program doing the same job, measured side by side in one run.

    python benchmarks/pipeline.py [--models full,lite] [--rounds 2] [--batch 8]

The bare loop decodes every frame and runs the same MediaPipe model on it (VIDEO mode, one pose), nothing
else. For each clip and model, bare loop, `analyze` and `analyze --annotate` run alternately, `--rounds`
times, and the best time of each is kept (the machine's speed drifts by 20–30 % within a day, so only
ratios from one run are compared). Printed: seconds and × real time for each, and the ratios the targets
are written in: analyze / bare, analyze speed with --annotate / without. Clips: a 720p30 and a 1080p60 real
recording from ../shared/media (when present) and a shipped sample.

With --batch N: N recordings (copies of the 720p real clip, else the shipped samples) analysed by 1 and by
2 worker processes; throughput ratio. `--only batch` runs the batch alone.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.analyze import Request, analyze_video  # noqa: E402
from formcheck.exercises.catalogue import get  # noqa: E402
from formcheck.session.plan import steps_for  # noqa: E402
from formcheck.video.source import FileSource  # noqa: E402

MEDIA = ROOT.parent / "shared" / "media"
CLIPS = [
    (MEDIA / "real" / "side-squats-ikramaliokz.mp4", "squat", "720p30 real"),
    (MEDIA / "real" / "air-squats.mp4", "squat", "1080p60 real"),
    (ROOT / "sample_videos" / "squat_side.mp4", "squat", "480p15 sample"),
]


def bare_loop(video: Path, model: str) -> float:
    """Seconds to decode every frame and run the model on it, nothing else."""
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from formcheck.models.paths import model_path

    options = vision.PoseLandmarkerOptions(base_options=BaseOptions(model_asset_path=str(model_path(model))),
                                           running_mode=vision.RunningMode.VIDEO, num_poses=1)  # fmt: skip
    start = time.perf_counter()
    with vision.PoseLandmarker.create_from_options(options) as landmarker:
        cap = cv2.VideoCapture(str(video))
        i = 0
        while True:
            ok, frame = cap.read()
            if not ok:
                break
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            landmarker.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), i * 33)
            i += 1
        cap.release()
    return time.perf_counter() - start


def census_share(video: Path, model: str) -> str:
    """How much of the pose stage's time the people census takes, at the default sampling."""
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.sampling import DEFAULT_MAX_FPS

    start = time.perf_counter()
    with PoseEstimator(model) as estimator:
        for frame in FileSource(video, max_fps=DEFAULT_MAX_FPS):
            estimator.estimate(frame)
        census, multi = estimator.census_s, estimator.multi_s
    total = time.perf_counter() - start
    return f"people census {100 * census / total:.1f}% of the pose stage, finding several {100 * multi / total:.1f}%"


def analyse(video: Path, exercise: str, model: str, annotate: bool, tmp: Path) -> float:
    out = tmp / f"run{time.monotonic_ns()}"
    start = time.perf_counter()
    analyze_video(video, Request(steps_for(get(exercise), None)[0], out, model=model, annotate=annotate))
    elapsed = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return elapsed


def clip_row(video: Path, exercise: str, label: str, model: str, rounds: int, tmp: Path) -> None:
    info = FileSource(video).info
    duration = info.frame_count / info.fps
    best = {"bare": float("inf"), "analyze": float("inf"), "annotate": float("inf")}
    for _ in range(rounds):  # alternating, so a drift in machine speed hits all three alike
        best["bare"] = min(best["bare"], bare_loop(video, model))
        best["analyze"] = min(best["analyze"], analyse(video, exercise, model, False, tmp))
        best["annotate"] = min(best["annotate"], analyse(video, exercise, model, True, tmp))
    speed = {k: duration / v for k, v in best.items()}
    print(f"{label:14s} {model:4s} {info.width}x{info.height}@{info.fps:.0f} {duration:5.1f} s | "
          f"bare {best['bare']:6.1f} s {speed['bare']:4.2f}x | analyze {best['analyze']:6.1f} s "
          f"{speed['analyze']:4.2f}x | --annotate {best['annotate']:6.1f} s {speed['annotate']:4.2f}x | "
          f"analyze/bare {best['analyze'] / best['bare']:.2f}, annotate speed/analyze "
          f"{best['analyze'] / best['annotate']:.2f}; {census_share(video, model)}", flush=True)  # fmt: skip


def batch_row(n: int, tmp: Path) -> None:
    import subprocess

    folder = tmp / "batch"
    folder.mkdir()
    # An archive holds sessions of minutes, so the batch is made of the 28 s real 720p clip where it is
    # present: on 10 s samples the fixed start of the command and its worker processes would be measured.
    real = CLIPS[0][0]
    samples = [real] if real.is_file() else sorted((ROOT / "sample_videos").glob("*.mp4"))
    for i in range(n):
        shutil.copy(samples[i % len(samples)], folder / f"{i:02d}_{samples[i % len(samples)].name}")
    seconds = {}
    for workers in (1, 2):
        out = tmp / f"out{workers}"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "formcheck", "analyze", str(folder), "-e", "squat", "--out", str(out),
                        "--workers", str(workers), "--no-history"], check=True, capture_output=True)  # fmt: skip
        seconds[workers] = time.perf_counter() - start
    names = ", ".join(sorted({p.name for p in samples}))
    print(f"batch of {n} recordings ({names}): 1 worker {seconds[1]:.1f} s, 2 workers {seconds[2]:.1f} s: "
          f"throughput ×{seconds[1] / seconds[2]:.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="full,lite")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--only", default="", help="only clips whose label contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models.split(","):
            for video, exercise, label in CLIPS:
                if video.is_file() and args.only in label:
                    clip_row(video, exercise, label, model, args.rounds, Path(tmp))
        if args.batch:
            batch_row(args.batch, Path(tmp))


if __name__ == "__main__":
    main()
