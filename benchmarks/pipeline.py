"""Per-stage cost of `analyze` against bare pose inference, measured in one run.

    python benchmarks/pipeline.py [VIDEO] [--model full]

Prints ms/frame for decode, pose (the landmarker as analyze runs it, with the once-a-second
people census), kinematics+engine, drawing and encode; analyze's frames per second with and
without --annotate; and the ratio of the pipeline's non-inference time to bare inference (the
landmarker alone on frames already decoded and converted), all in the same process so the noisy
machine affects both sides alike.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import cv2
import mediapipe as mp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.analyze import analyze_video  # noqa: E402
from formcheck.exercises.catalogue import get  # noqa: E402
from formcheck.pose.estimator import PoseEstimator  # noqa: E402
from formcheck.video.source import FileSource  # noqa: E402


def bare_inference_ms(video: Path, model: str) -> tuple[float, int]:
    """The landmarker alone (VIDEO mode, one pose) on pre-decoded, pre-converted frames."""
    images = [
        (mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(f.image, cv2.COLOR_BGR2RGB)), f.t)
        for f in FileSource(video)
    ]
    with PoseEstimator(model, census_every_s=None) as estimator:
        landmarker = estimator._landmarker
        start = time.perf_counter()
        for i, (image, t) in enumerate(images):
            landmarker.detect_for_video(image, max(round(t * 1000), i))
        elapsed = time.perf_counter() - start
    return elapsed / len(images) * 1000, len(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("video", type=Path, nargs="?", default=ROOT / "sample_videos" / "squat_side.mp4")
    parser.add_argument("--model", default="full")
    parser.add_argument("--exercise", default="squat")
    args = parser.parse_args()
    info = FileSource(args.video).info
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        plain = analyze_video(args.video, get(args.exercise), Path(tmp) / "a", model=args.model)
        plain_s = time.perf_counter() - start
        bare_ms, n = bare_inference_ms(args.video, args.model)
        start = time.perf_counter()
        annotated = analyze_video(args.video, get(args.exercise), Path(tmp) / "b", model=args.model, annotate=True)
        annotated_s = time.perf_counter() - start
    t = annotated.times
    per = {
        "decode": t.decode / n * 1000 / 2,  # decoded twice with --annotate (pose pass, drawing pass)
        "pose": t.pose / n * 1000,
        "kinematics+engine": t.kinematics_engine / n * 1000,
        "drawing": t.drawing / n * 1000,
        "encode": t.encode / n * 1000,
    }
    print(f"video: {args.video.name}  {info.width}x{info.height} @ {info.fps:.2f} fps, {n} frames, model {args.model}")
    print(f"{'stage':20s} {'ms/frame':>9s}")
    for stage, ms in per.items():
        print(f"{stage:20s} {ms:9.2f}")
    print(f"{'bare inference':20s} {bare_ms:9.2f}")
    overhead_plain = plain_s * 1000 / n - bare_ms
    overhead_annot = annotated_s * 1000 / n - bare_ms
    print(f"analyze:            {n / plain_s:6.1f} fps ({n / plain_s / info.fps:.2f}x real time)")
    print(f"analyze --annotate: {n / annotated_s:6.1f} fps ({n / annotated_s / info.fps:.2f}x real time)")
    print(f"non-inference cost / bare inference: analyze {overhead_plain / bare_ms:.1%}, "
          f"with --annotate {overhead_annot / bare_ms:.1%}")  # fmt: skip
    print(f"reps counted: {plain.summary['attempted_reps']}")


if __name__ == "__main__":
    main()
