"""Live session speed and memory, measured in one run.

    python benchmarks/live.py [VIDEO] [--seconds 20] [--speed 2] [--minutes 20]

Part 1 feeds VIDEO (default: the shipped 640×480 squat sample played at 2× = a 30 fps camera) through
the real live session (capture thread, newest frame only, pose, kinematics, engine, cues, files, overlay,
headless) with the lite and then the full model, each in a fresh process, and prints processed fps,
dropped frames, capture-to-overlay latency (median, p95) and peak memory.

Part 2 (--minutes N, 0 to skip) runs a simulated N-minute session: the same video looped with
continuous timestamps, played at --speed (2× a 15 fps clip: every frame reaches the lite model), and
prints resident memory at each simulated minute, to show it stays flat.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from formcheck.exercises.catalogue import get  # noqa: E402
from formcheck.live.run import LiveOptions, run_live  # noqa: E402
from formcheck.session.plan import Step, steps_for  # noqa: E402
from formcheck.types import Frame  # noqa: E402
from formcheck.video.paced import paced  # noqa: E402
from formcheck.video.source import FileSource  # noqa: E402


def rss_mb() -> float:
    """Resident memory of this process now."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """Peak resident memory of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def looped(video: Path, seconds: float, marks: list[tuple[float, float]] | None = None) -> Iterator[Frame]:
    """The video again and again with continuous timestamps, for `seconds` of session time."""
    offset, index, next_mark = 0.0, 0, 60.0
    while True:
        last = 0.0
        for frame in FileSource(video):
            t = offset + frame.t
            if t >= seconds:
                return
            if marks is not None and t >= next_mark:
                marks.append((t, rss_mb()))
                next_mark += 60.0
            yield Frame(frame.image, t, index)
            index, last = index + 1, frame.t
        offset += last + 1 / 30


def one_run(video: Path, model: str, seconds: float, speed: float) -> dict[str, object]:
    """Part 1 for one model (runs in its own process)."""
    info = FileSource(video).info
    with tempfile.TemporaryDirectory() as tmp:
        options = LiveOptions(steps_for(get("squat"), None), Path(tmp) / "s", model=model, headless=True,
                              countdown_s=0.0)  # fmt: skip
        outcome = run_live(options, frames=(paced(looped(video, seconds), speed=speed), info))
    stats: dict[str, object] = dict(vars(outcome.summary.live))
    stats.update(model=model, source_fps=round(info.fps * speed, 1), size=f"{info.width}x{info.height}",
                 peak_mb=round(peak_mb()))  # fmt: skip
    return stats


def long_run(video: Path, minutes: float, speed: float) -> None:
    """Part 2: memory across a simulated session of `minutes`, played `speed` times faster than real time."""
    info = FileSource(video).info
    marks: list[tuple[float, float]] = [(0.0, rss_mb())]
    frames = paced(looped(video, minutes * 60, marks), speed=speed)
    endless = [Step(get("squat"), sets=1, target=10**6, hold_s=None, sides=("both",), rest_s=60.0)]  # never "done"
    with tempfile.TemporaryDirectory() as tmp:
        options = LiveOptions(endless, Path(tmp) / "s", model="lite", headless=True, countdown_s=0.0)
        outcome = run_live(options, frames=(frames, info))
    s = outcome.summary.live
    assert s is not None
    reps = sum(p.attempted_reps for p in outcome.parts)
    print(f"simulated {minutes:g} min session, lite, played at {speed:g}x: {s.frames_processed} frames processed, "
          f"{s.frames_dropped} dropped, {reps} reps counted")  # fmt: skip
    for t, mb in marks:
        print(f"  at {t / 60:5.1f} min: {mb:6.0f} MB resident")
    later = [mb for t, mb in marks if t >= 120]
    if len(later) >= 2:
        print(f"  growth from minute 2 to the end: {later[-1] - later[0]:+.0f} MB; peak {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("video", type=Path, nargs="?", default=ROOT / "sample_videos" / "squat_side.mp4")
    parser.add_argument("--seconds", type=float, default=20.0, help="session time per model in part 1")
    parser.add_argument("--speed", type=float, default=2.0, help="playback speed (2× the 15 fps sample = 30 fps)")
    parser.add_argument("--minutes", type=float, default=20.0, help="part 2 length (0 skips it)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run part 1 for one model, print JSON
    parser.add_argument("--long", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.video, args.one, args.seconds, args.speed)))
        return
    if args.long:
        long_run(args.video, args.minutes, args.speed)
        return
    print(f"{'model':6s} {'source':>14s} {'fps':>6s} {'processed':>9s} {'dropped':>7s} {'lat med':>8s} "
          f"{'lat p95':>8s} {'peak MB':>8s} {'model':>8s}")  # fmt: skip
    for model in ("lite", "full"):
        done = subprocess.run([sys.executable, __file__, str(args.video), "--one", model, "--seconds",
                               str(args.seconds), "--speed", str(args.speed)], capture_output=True, text=True,
                              check=True)  # fmt: skip
        s = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{model:6s} {s['size'] + '@' + str(s['source_fps']):>14s} {s['processed_fps']:6.1f} "
              f"{s['frames_processed']:9d} {s['frames_dropped']:7d} {s['latency_ms_median']:7.1f}ms "
              f"{s['latency_ms_p95']:7.1f}ms {s['peak_mb']:8d} {s['model_ms']:6.1f}ms")  # fmt: skip
    if args.minutes > 0:
        subprocess.run([sys.executable, __file__, str(args.video), "--long", "--minutes", str(args.minutes),
                        "--speed", str(args.speed)], check=True)  # fmt: skip


if __name__ == "__main__":
    main()
