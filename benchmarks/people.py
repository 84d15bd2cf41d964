"""How many people the pose stage's search finds in a picture (formcheck/pose/finding.py), frame by frame: on the
rendered two-person cases of the stress suite (both seed sets) and on real clips with one person or two.

    python benchmarks/people.py [--every 5] [--model full]

Prints, per clip, how many of the frames looked at showed 0, 1, 2 and 3 people, and each frame's postures (u
upright, h horizontal, q on all fours). A clip with one person should show 1 throughout; a frame with 2 there is a
body made up in that person's limbs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import MEDIA  # noqa: E402

REAL = ("real/bridge-with-ball-squeeze.mp4", "real2/squat_gym_side_twopeople_01.mp4", "real/air-squats.mp4",
        "real/squat_correct_007.mp4", "real/squat_correct_011.mp4",
        "real/side-leg-raise.mp4", "real2/clamshell_band_home_portrait_01.mp4")  # fmt: skip
CASES = ("bridge-second-kneeling", "clamshell-second-kneeling", "squat-second-standing", "squat-second-walking")


def clips() -> list[Path]:
    from benchmarks.stress import FRESH_SEEDS, SEEDS, cases, render

    out = []
    for base in (SEEDS, FRESH_SEEDS):
        out += [render(case, seed) for seed, case in enumerate(cases(), start=base) if case.name in CASES]
    return out + [MEDIA / name for name in REAL if (MEDIA / name).is_file()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=5, help="look at every n-th frame")
    parser.add_argument("--model", default="full")
    args = parser.parse_args()
    from formcheck.kinematics.view import classify_posture
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.source import FileSource

    with PoseEstimator(args.model) as estimator:
        for clip in clips():
            source = FileSource(clip, max_fps=30.0)
            seen = []
            for i, frame in enumerate(source):
                if i % args.every:
                    continue
                height, width = frame.image.shape[:2]
                found = estimator.find_people(frame.image)
                seen.append("".join(str(classify_posture(p.xyzv[None], width, height)[0])[0] for p in found) or "-")
            source.close()
            counts = np.bincount([0 if s == "-" else len(s) for s in seen], minlength=4)
            print(f"{clip.name[:44]:44s} frames {len(seen):4d}, with 0/1/2/3 people: {counts.tolist()}  "
                  f"{' '.join(seen[:30])}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
