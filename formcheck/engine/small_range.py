"""Finding the reps of a person whose whole range is smaller than the exercise's typical one.

The cycle counter starts from the exercise's typical range and learns this person's from their counted reps; a rep
must cover COVER of the range on each side. Someone whose every rep is smaller than that (after surgery, in early
rehab, older; or a view that shrinks the angle) never makes a rep the typical range counts, so the counter never
learns their range and counts nothing: rendered clamshells at half the typical opening, and every one of seven
exercises rendered at 35 % of their typical range, counted 0 (benchmarks/counting.py --rendered; the probe in the
README). Their movement still repeats. A second counter follows the same signal as if this person's range were the
smallest that clears the exercise's minimum excursion (which keeps jitter out), and two complete cycles in a row of
the same size (within SAME_RANGE) that turn at the same level (within PEAK_MATCH of their size) are taken as this
person's reps: both are counted, and the reps after them on the range they showed. A rep the typical range counts
first ends the search (its range is learned as before), so one smaller movement before full reps (a trial opening,
a shift on the mat) repeats nothing and stays uncounted, as it always was.

Why two and not one: a single small cycle is as likely a person settling as a rep. Why not three: a set of two
small reps would be lost, and two consistent cycles already put jitter, which is not repeatable in size and level,
out of reach (the minimum excursion is still required of each).
"""

from __future__ import annotations

from formcheck.engine.cycle_limits import COVER, PEAK_MATCH, SAME_RANGE
from formcheck.engine.cycles import CycleCounter
from formcheck.engine.records import Cycle


class SmallRange:
    """update() with every sample the main counter gets, while it has counted nothing."""

    def __init__(self, rest: float, min_excursion: float) -> None:
        self.counter = CycleCounter(min_excursion / COVER, rest, min_excursion)
        self.found: list[Cycle] = []

    def update(self, t: float, value: float) -> bool:
        """Feed a sample; True once this person's small reps have shown themselves (then take `counter`, `found`)."""
        self.found += self.counter.update(t, value)
        return self._repeats()

    def finish(self) -> bool:
        """End of input: a cycle still in progress is decided; True as in update()."""
        self.found += self.counter.finish()
        return self._repeats()

    def _repeats(self) -> bool:
        whole = [c for c in self.found if not c.partial]
        if len(whole) < 2:
            return False
        a, b = whole[-2], whole[-1]
        size = (a.range_deg + b.range_deg) / 2
        same_size = max(a.range_deg, b.range_deg) <= SAME_RANGE * min(a.range_deg, b.range_deg)
        return same_size and abs(a.peak_value - b.peak_value) <= PEAK_MATCH * size
