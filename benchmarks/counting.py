"""Counting accuracy: per clip and in total, on the labelled real clips and on a rendered stress suite.

    python benchmarks/counting.py [--real] [--rendered [--fresh | --below]] [--only NAME] [--model auto|lite|full|heavy]
                                  [--no-small-range]

Real clips replay the pose stage's cached output (benchmarks/poses_cache.py) through the session core, so the
figures are exactly what `formcheck analyze` reports at its default sampling. Which clips were tuned on and
which are only checked is in benchmarks/labelled.py; the two sets are reported apart.

Prints per clip: exercise, expected, counted (partial reps at the edges in brackets), per side, and for holds
the holds found and their total time; then per set: exact count, off by one, mean absolute error, per-side
correctness. `--model auto` (the default, as `formcheck analyze`) takes the model analyze takes for each exercise
(formcheck.models.choice: heavy for holds, full for reps).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.labelled import Case, available  # noqa: E402
from benchmarks.replay import replay  # noqa: E402
from formcheck.engine.records import HoldRecord, RepRecord  # noqa: E402
from formcheck.exercises.catalogue import EXERCISES  # noqa: E402
from formcheck.models.choice import CHOICES  # noqa: E402


@dataclass(frozen=True)
class Row:
    """One clip's outcome."""

    name: str
    split: str
    exercise: str
    expected: int
    counted: int
    partial: int
    sides: dict[str, int]
    sides_ok: bool | None
    accepted: tuple[int, ...] = ()  # other counts the label accepts
    times: str = ""  # holds: seconds held in each, and the span it ran over

    @property
    def error(self) -> int:
        return 0 if self.counted in self.accepted else self.counted - self.expected


def sides_ok(expected: dict[str, int] | str | None, got: dict[str, int]) -> bool | None:
    """Whether the per-side counts match the label (None when the label says nothing about sides)."""
    if expected is None:
        return None
    if expected == "one":
        return len([s for s, n in got.items() if n]) <= 1
    assert isinstance(expected, dict)
    return all(got.get(s, 0) == n for s, n in expected.items()) and sum(got.values()) == sum(expected.values())


def variant(model: str, exercise: str) -> str:
    """The pose model `formcheck analyze --model MODEL` runs for this exercise."""
    from formcheck.exercises.catalogue import get
    from formcheck.models.choice import resolve

    chosen, note = resolve(model, get(exercise))
    if note:  # figures labelled "auto" must be what analyze does, not a fallback's
        raise SystemExit(f"--model {model}: {note}")
    return chosen


def count_case(case: Case, model: str) -> Row:
    result = replay(case.path, case.exercise, variant(model, case.exercise))
    if case.count is None:
        holds = [r for r in result.records if isinstance(r, HoldRecord)]
        times = ", ".join(f"{h.held_s:.1f} s in {h.start_s:.1f}-{h.end_s:.1f} s" for h in holds)
        got = Counter(h.side for h in holds)
        accepted = case.holds if isinstance(case.holds, tuple) else ()
        expected = max(accepted) if accepted else int(case.holds or 0)
        return Row(Path(case.file).name, case.split, case.exercise, expected, len(holds), 0, dict(got),
                   sides_ok(case.sides if isinstance(case.sides, str) or case.sides is None else
                            {s: 1 for s in case.sides}, {s: int(n > 0) for s, n in got.items()}),
                   accepted, times)  # fmt: skip
    reps = [r for r in result.records if isinstance(r, RepRecord)]
    got = Counter(r.side for r in reps)
    partial = sum(bool(r.partial) for r in reps)
    name, sides = Path(case.file).name, sides_ok(case.sides, dict(got))
    return Row(name, case.split, case.exercise, case.count, len(reps), partial, dict(got), sides)


def totals(rows: list[Row], label: str) -> str:
    if not rows:
        return f"{label}: no clips"
    exact = sum(r.error == 0 for r in rows)
    near = sum(abs(r.error) <= 1 for r in rows)
    mae = sum(abs(r.error) for r in rows) / len(rows)
    judged = [r for r in rows if r.sides_ok is not None]
    side = sum(bool(r.sides_ok) for r in judged)
    return (f"{label}: exact {exact}/{len(rows)} ({100 * exact / len(rows):.0f}%), within one {near}/{len(rows)}, "
            f"MAE {mae:.2f}, per-side right {side}/{len(judged)}")  # fmt: skip


def markdown(rows: list[Row]) -> None:
    """The README's table: one line per clip, then the totals per set."""
    print("| clip | set | exercise | labelled | counted | at an edge | per side |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        unit = " holds" if EXERCISES[r.exercise].kind == "hold" else ""
        side = "" if r.sides_ok is None else ("✓" if r.sides_ok else "**✗**")
        got = f"{r.counted}{unit}" if r.error == 0 else f"**{r.counted}**{unit}"
        print(f"| {r.name} | {r.split} | {r.exercise} | {r.expected}{unit} | {got} | {r.partial or ''} | {side} |")


def real(model: str, only: str) -> list[Row]:
    rows = []
    print(f"{'clip':48s} {'set':5s} {'exercise':26s} {'want':>4s} {'got':>4s} {'edge':>4s}  sides")
    for case in available():
        if only and only not in case.file:
            continue
        if case.exercise not in EXERCISES:
            print(f"{Path(case.file).name:48s} {case.split:5s} {case.exercise:26s}  (exercise not declared: skipped)")
            continue
        row = count_case(case, model)
        rows.append(row)
        mark = "" if row.error == 0 else f"  <- {row.error:+d}"
        side = "" if row.sides_ok is None else (" ok" if row.sides_ok else " WRONG")
        kind = f"holds ({row.times})" if case.count is None else ""
        print(f"{row.name:48s} {row.split:5s} {row.exercise:26s} {row.expected:4d} {row.counted:4d} {row.partial:4d}  "
              f"{dict(sorted(row.sides.items()))}{side} {kind}{mark}", flush=True)  # fmt: skip
    reps = [r for r in rows if EXERCISES[r.exercise].kind == "reps"]
    holds = [r for r in rows if EXERCISES[r.exercise].kind == "hold"]
    print()
    print(totals([r for r in reps if r.split == "tune"], "reps, tuning set"))
    print(totals([r for r in reps if r.split == "check"], "reps, check set "))
    print(totals(reps, "reps, all       "))
    print(totals(holds, "holds, all      "))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="auto", choices=CHOICES)
    parser.add_argument("--only", default="", help="cases whose name contains this (or, for rendered cases, any of "
                        "these comma-separated parts)")  # fmt: skip
    parser.add_argument("--rendered", action="store_true", help="the rendered stress suite only")
    parser.add_argument("--real", action="store_true", help="the real clips only")
    parser.add_argument("--markdown", action="store_true", help="also print the README's per-clip table")
    parser.add_argument("--fresh", action="store_true", help="the rendered suite with other seeds (other bodies, "
                        "clothes, rooms and cameras): a check the counting was not developed on")  # fmt: skip
    parser.add_argument("--no-small-range", action="store_true", help="the counting before stop 30, without the "
                        "search for a person's small reps (formcheck.engine.small_range), for comparison")  # fmt: skip
    parser.add_argument("--below", action="store_true", help="instead of the suite, every rep exercise at 35%% of "
                        "its typical range (under the suite's 50%%; own seeds, others with --fresh)")  # fmt: skip
    args = parser.parse_args()
    if args.no_small_range:
        from benchmarks.replay import without_small_range

        with without_small_range():
            run(args)
    else:
        run(args)


def run(args: argparse.Namespace) -> None:
    """The benchmark's parts the arguments ask for."""
    if not args.rendered:
        rows = real(args.model, args.only)
        if args.markdown:
            markdown(rows)
    if not args.real:
        from benchmarks.stress import FRESH_SEEDS, SEEDS, SMALL_SEEDS, below_suite, run_suite

        if args.below:  # with --fresh, a second set of seeds for it too
            run_suite(args.only, SMALL_SEEDS + (FRESH_SEEDS - SEEDS if args.fresh else 0), args.model, below_suite())
        else:
            run_suite(args.only, FRESH_SEEDS if args.fresh else SEEDS, args.model)


if __name__ == "__main__":
    main()
