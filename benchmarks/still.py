"""Where the small-range search could make up reps: clips with no reps, analysed as every rep exercise.

    python benchmarks/still.py

formcheck.engine.small_range counts two repeating cycles under the typical range as a person's reps. Its risk is a
movement that repeats but is no rep: a person adjusting a stretch, rocking in it, shifting on the mat. Every real clip
in ../shared/media with no reps (the labelled holds, and the unlabelled stretches and other movements) is replayed as
every rep exercise, with and without the search, and each analysis whose count differs is printed. The pose stage's
output is cached as for benchmarks/counting.py (the unlabelled clips are extracted with the full model on first use).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import MEDIA, available  # noqa: E402
from benchmarks.replay import replay, without_small_range  # noqa: E402
from formcheck.engine.records import RepRecord  # noqa: E402
from formcheck.exercises.catalogue import EXERCISES  # noqa: E402

# Real clips of movements no exercise here counts (stretches, a standing hip circle, a half-kneeling arm sweep).
UNLABELLED = ("real/knee-to-chest-stretch.mp4", "real/lying-figure-four-stretch.mp4", "real/standing-hip-circle.mp4",
              "real2/halfkneel_armsweep_office_rear_01.mp4")  # fmt: skip


def counted(clip: Path, exercise: str, search: bool) -> int:
    """Reps counted on the clip as this exercise, with or without the small-range search."""
    if search:
        records = replay(clip, exercise, "full").records
    else:
        with without_small_range():
            records = replay(clip, exercise, "full").records
    return sum(isinstance(r, RepRecord) for r in records)


def main() -> None:
    clips = [c.path for c in available() if c.count is None] + [MEDIA / f for f in UNLABELLED if (MEDIA / f).is_file()]
    reps = [name for name, exercise in EXERCISES.items() if exercise.kind == "reps"]
    changed = 0
    for clip in clips:
        for exercise in reps:
            before, after = counted(clip, exercise, False), counted(clip, exercise, True)
            if before != after:
                changed += 1
                name = f"{clip.parent.name}/{clip.name}"
                print(f"{name:52s} as {exercise:26s} without the search {before}, with it {after}")
    print(f"{len(clips)} clips with no reps × {len(reps)} rep exercises: the search changed {changed} counts")


if __name__ == "__main__":
    main()
