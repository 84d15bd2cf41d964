"""The pose stage's output on every labelled real clip, cached so that the counting and fault benchmarks can
replay it through the session core in seconds instead of re-running the model for minutes.

The cache holds exactly what formcheck's pose stage emits (every person it tracks in each sampled frame,
image and world landmarks) for the default sampling; it lives in bench-cache/ (git-ignored: it is derived
from recordings that are not ours to redistribute) and is keyed by the clip's sha256 and the model.

    python benchmarks/poses_cache.py [--model full] [--only NAME]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MEDIA = ROOT.parent / "shared" / "media"
CACHE = ROOT / "bench-cache" / "poses"
MAX_PEOPLE = 3


@dataclass(frozen=True)
class Clip:
    """A labelled clip and its labels.csv row."""

    path: Path
    row: dict[str, str]

    @property
    def name(self) -> str:
        return self.path.name


def labelled_clips() -> list[Clip]:
    """Every video in real/ and real2/ with a labels row (the still photo is left out)."""
    out = []
    for labels in (MEDIA / "labels.csv", MEDIA / "real2" / "labels.csv"):
        if not labels.is_file():
            continue
        with labels.open(newline="") as f:
            for row in csv.DictReader(f):
                path = MEDIA / row["file"]
                if path.suffix.lower() in (".jpg", ".png") or not path.is_file():
                    continue
                out.append(Clip(path, row))
    return out


def cache_path(clip: Path, model: str) -> Path:
    """Keyed by the clip, the model and the pose stage's settings that change what it emits."""
    from formcheck.pose.estimator import CENSUS_EVERY_S, STAGE_VERSION
    from formcheck.video.sampling import DEFAULT_MAX_FPS

    digest = hashlib.sha256(clip.read_bytes()).hexdigest()[:16]
    return CACHE / f"{clip.stem}.{model}.v{STAGE_VERSION}.c{CENSUS_EVERY_S:g}.s{DEFAULT_MAX_FPS:g}.{digest}.npz"


def extract(clip: Path, model: str) -> Path:
    """Run the pose stage over the clip (default sampling) and save every person it tracked."""
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.sampling import DEFAULT_MAX_FPS
    from formcheck.video.source import FileSource

    path = cache_path(clip, model)
    if path.is_file():
        return path
    source = FileSource(clip, max_fps=DEFAULT_MAX_FPS)
    ts, idx, counted = [], [], []
    xyzv = []
    world = []
    with PoseEstimator(model) as estimator:
        for frame in source:
            people = estimator.estimate(frame)
            ts.append(frame.t)
            idx.append(frame.index)
            counted.append(people.counted)
            a = np.full((MAX_PEOPLE, 33, 4), np.nan)
            b = np.full((MAX_PEOPLE, 33, 3), np.nan)
            for k, pose in enumerate(people.poses[:MAX_PEOPLE]):
                a[k], b[k] = pose.xyzv, pose.world
            xyzv.append(a)
            world.append(b)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, t=np.array(ts), frame=np.array(idx), counted=np.array(counted),
                        xyzv=np.array(xyzv), world=np.array(world),
                        size=np.array([source.info.width, source.info.height]),
                        fps=np.array(source.info.fps))  # fmt: skip
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="full")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    for clip in labelled_clips():
        if args.only and args.only not in clip.name:
            continue
        start = time.perf_counter()
        existed = cache_path(clip.path, args.model).is_file()
        path = extract(clip.path, args.model)
        took = time.perf_counter() - start
        print(f"{clip.name:55s} {'cached' if existed else f'{took:6.1f} s'}  {path.name}", flush=True)


if __name__ == "__main__":
    main()
