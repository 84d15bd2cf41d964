"""Finding the reps of a person whose whole range is smaller than the exercise's typical one.

The cycle counter starts from the exercise's typical range and learns this person's from their counted reps; a rep
must cover COVER of the range on each side. Someone whose every rep is smaller than that (after surgery, in early
rehab, older; or a view that shrinks the angle) never makes a rep the typical range counts, so the counter never
learns their range and counts nothing: rendered clamshells at half the typical opening, and ten of eleven exercises
rendered at 35 % of their typical range, counted 0 (benchmarks/counting.py --rendered [--below]). Their movement
still repeats. A second counter follows the same signal as if this person's range were the smallest that clears the
exercise's minimum excursion (which keeps jitter out), and two complete cycles in a row of the same size (within
SAME_RANGE), turning at the same level (within PEAK_MATCH of their size) and close enough in time to belong to one
set (SAME_SET) are taken as this person's reps: both are counted, and the reps after them on the range they showed.
A complete rep the typical range counts first ends the search, so one smaller movement before full reps (a trial
opening, a shift on the mat) repeats nothing and stays uncounted, as it always was.

Why two and not one: a single small cycle is as likely a person settling as a rep. Why not three: a set of two
small reps would be lost, and two consistent cycles already put jitter, which does not repeat in size and level,
out of reach (the minimum excursion is still required of each).
"""

from __future__ import annotations

from formcheck.engine.cycle_limits import COVER, PEAK_MATCH, SAME_RANGE, SAME_SET
from formcheck.engine.cycles import CycleCounter
from formcheck.engine.records import Cycle


class SmallRange:
    """update() with every sample the main counter gets, while it has counted no complete rep."""

    def __init__(self, rest: float, min_excursion: float) -> None:
        self.counter = CycleCounter(min_excursion / COVER, rest, min_excursion)
        self._found: list[Cycle] = []
        self._pair: int | None = None  # where the repeating pair starts in _found

    @property
    def active(self) -> bool:
        """A small movement is in progress."""
        return self.counter.active

    def update(self, t: float, value: float) -> bool:
        """Feed a sample; True once this person's small reps have shown themselves (then take())."""
        self._found += self.counter.update(t, value)
        return self._repeats()

    def finish(self) -> bool:
        """End of input: a cycle still in progress is decided; True as in update()."""
        self._found += self.counter.finish()
        return self._repeats()

    def take(self) -> tuple[CycleCounter, list[Cycle]]:
        """The counter that found the small reps, learning from the pair on; the reps from the pair on."""
        assert self._pair is not None
        reps = self._found[self._pair :]
        self.counter.learn_from(reps)
        return self.counter, reps

    def _repeats(self) -> bool:
        whole = [i for i, c in enumerate(self._found) if not c.partial]
        if len(whole) < 2:
            return False
        a, b = self._found[whole[-2]], self._found[whole[-1]]
        back = (a.end_s - a.peak_s + b.end_s - b.peak_s) / 2
        if not (_alike(a, b) and b.peak_s - a.peak_s <= SAME_SET * max(back, 1e-3)):
            return False
        # The pair's reps, and any cycle just before them like them: a rep cut by the recording's start (the person's
        # rest reads a little off the exercise's typical one, and a first rep from it looks cut: a rendered bridge at
        # 35 % of its range, benchmarks/counting.py --rendered --below --fresh), never a different movement.
        self._pair = whole[-2]
        while self._pair > 0 and _alike(self._found[self._pair - 1], a) and _alike(self._found[self._pair - 1], b):
            self._pair -= 1
        return True


def _alike(a: Cycle, b: Cycle) -> bool:
    """Two cycles of the same size (within SAME_RANGE) turning at the same level (within PEAK_MATCH of their size)."""
    size = (a.range_deg + b.range_deg) / 2
    same_size = max(a.range_deg, b.range_deg) <= SAME_RANGE * min(a.range_deg, b.range_deg)
    return same_size and abs(a.peak_value - b.peak_value) <= PEAK_MATCH * size
