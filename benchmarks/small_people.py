"""How often the pose stage finds a person too small for the whole picture, with and without looking in a part of it
(formcheck/pose/zoom.py): the stress suite's renders of floor exercises filmed end-on (both seed sets), where the
model found the person in a few frames, and real clips with one person, where it should change nothing.

    python benchmarks/small_people.py [--model full]

Prints, per clip, the share of frames with a person found without and with the zoom, and the pose stage's time each
way (the whole clip, 30 fps at most, as analyze reads it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import MEDIA  # noqa: E402

# The end-on floor cases of the suite (person lying or on all fours along the camera's axis), and the hold seen so.
CASES = ("supine_double_hip_rotation-front", "glute_bridge-front", "single_leg_bridge-front", "glute_bridge-back",
         "single_leg_bridge-back", "quadruped_hip_circles-back", "quadruped_hip_circles-front")  # fmt: skip
REAL = ("real/bridge-with-ball-squeeze.mp4", "real/air-squats.mp4", "real/side-leg-raise.mp4",
        "real2/clamshell_band_gym_overhead_01.mp4", "real2/squat_douyin_portrait_01.mp4")  # fmt: skip


def clips() -> list[Path]:
    from benchmarks.stress import FRESH_SEEDS, SEEDS, cases, render

    out = []
    for base in (SEEDS, FRESH_SEEDS):
        out += [render(case, seed) for seed, case in enumerate(cases(), start=base) if case.name in CASES]
    return out + [MEDIA / name for name in REAL if (MEDIA / name).is_file()]


def found_share(clip: Path, model: str, zoom: bool) -> tuple[float, float]:
    """(share of frames with a person, seconds) through a fresh pose stage."""
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.sampling import DEFAULT_MAX_FPS
    from formcheck.video.source import FileSource

    source = FileSource(clip, max_fps=DEFAULT_MAX_FPS)
    frames = found = 0
    start = time.perf_counter()
    with PoseEstimator(model, look_closer=zoom) as estimator:
        for frame in source:
            frames += 1
            found += bool(estimator.estimate(frame).poses)
    source.close()
    return found / max(frames, 1), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="full")
    args = parser.parse_args()
    print(f"{'clip':48s} {'found, whole picture':>22s} {'with the zoom':>16s}")
    for clip in clips():
        plain, plain_s = found_share(clip, args.model, zoom=False)
        zoomed, zoomed_s = found_share(clip, args.model, zoom=True)
        shares = f"{100 * plain:6.0f} % in {plain_s:5.1f} s {100 * zoomed:6.0f} % in {zoomed_s:5.1f} s"
        print(f"{clip.name[:48]:48s} {shares}", flush=True)


if __name__ == "__main__":
    main()
