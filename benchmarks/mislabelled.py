"""A recording analysed as the wrong exercise: does the summary say so? On every labelled real clip of an exercise
that declares how its reps look (formcheck/exercises/: `looks`), analysed as itself and as each of the others.

    python benchmarks/mislabelled.py [--model full]

Printed per clip and in total, tuning and check set apart (benchmarks/labelled.py): how often the right exercise
drew the "did not move as a … does" warning (a false alarm), and how often a wrong one did where it counted reps;
and the values judged at the reps' turning points, which the exercises' limits were set between.
The warning's limits were set on the tuning set's squats and lunges (the exercises' comments); the check set was
first run through this benchmark after they were set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import available  # noqa: E402
from benchmarks.replay import replay  # noqa: E402
from formcheck.engine.looks import unlike_warning  # noqa: E402
from formcheck.engine.records import RepRecord  # noqa: E402
from formcheck.exercises.catalogue import EXERCISES  # noqa: E402
from formcheck.exercises.spec import RepMotion  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="full")
    args = parser.parse_args()
    declared = [n for n, e in EXERCISES.items() if isinstance(e.motion, RepMotion) and e.motion.looks is not None]
    tally: dict[tuple[str, bool], list[int]] = {}  # (split, right exercise?) → [warned, with reps]
    values: dict[tuple[str, str, str], list[float]] = {}  # (split, labelled, analysed as) → judged values
    print(f"{'clip':48s} {'set':5s} {'labelled':22s} analysed as: reps, warned")
    for case in available():
        if case.exercise not in declared:
            continue
        cells = []
        for name in [case.exercise, *(n for n in declared if n != case.exercise)]:
            records = replay(case.path, name, args.model).records
            reps = sum(isinstance(r, RepRecord) for r in records)
            judged = [r.looks_value for r in records if isinstance(r, RepRecord) and r.looks_value is not None]
            values.setdefault((case.split, case.exercise, name), []).extend(judged)
            warned = unlike_warning(EXERCISES[name], records) is not None
            if reps:
                counts = tally.setdefault((case.split, name == case.exercise), [0, 0])
                counts[0] += int(warned)
                counts[1] += 1
            cells.append(f"{name} {reps}{' WARNED' if warned else ''}")
        print(f"{Path(case.file).name:48s} {case.split:5s} {case.exercise:22s} " + "; ".join(cells), flush=True)
    print("\nthe value judged at the turning points (side-on and at an angle), by labelled exercise and analysed as:")
    for (split, labelled, name), got in sorted(values.items()):
        if got:
            looks = EXERCISES[name].motion.looks  # type: ignore[union-attr]
            print(f"  {split:5s} {labelled:22s} as {name:22s} {looks.signal} {looks.measure}: {min(got):6.1f} to "
                  f"{max(got):6.1f} ({len(got)} reps; looks like it from {looks.low:g} to {looks.high:g})")  # fmt: skip
    print()
    for split in ("tune", "check"):
        right = tally.get((split, True), [0, 0])
        wrong = tally.get((split, False), [0, 0])
        print(f"{split:5s}: as the labelled exercise warned on {right[0]}/{right[1]} clips with reps; as another "
              f"exercise warned on {wrong[0]}/{wrong[1]}")  # fmt: skip


if __name__ == "__main__":
    main()
