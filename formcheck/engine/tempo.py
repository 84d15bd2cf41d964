"""Tempo against the prescription, told once per set: advice, never a fault on a rep.

A rep's duration runs from leaving rest to being back at rest (formcheck.engine.cycles). Once a set has
MIN_REPS reps, their median is compared with the prescribed seconds per rep; under FAST of it, or over SLOW
of it, the person is told once in that set. The median and a generous band keep one quick rep, or the
measurement's own spread (smoothing widens a fast rep by ~0.2 s), from ever triggering it.
"""

from __future__ import annotations

import statistics

MIN_REPS = 3
FAST = 0.5  # median rep under half the prescribed time: too fast to be controlled
SLOW = 2.5  # over 2.5 times: slower than prescribed (told, rarely a problem)


class TempoAdvisor:
    """Feed each complete rep's duration; returns a sentence the first time a set's tempo is off."""

    def __init__(self, rep_s: float | None) -> None:
        self.rep_s = rep_s
        self._durations: list[float] = []
        self._told = False

    def new_set(self) -> None:
        """A new set starts: its tempo is judged afresh."""
        self._durations, self._told = [], False

    def add(self, duration_s: float) -> str | None:
        """A complete rep's duration; the advice to give now, if any."""
        if self.rep_s is None:
            return None
        self._durations.append(duration_s)
        if self._told or len(self._durations) < MIN_REPS:
            return None
        median = statistics.median(self._durations)
        if median < FAST * self.rep_s:
            self._told = True
            return (f"Slow down: your reps take about {median:.1f} s; aim for about {self.rep_s:g} s each, "
                    "lifting and lowering with control")  # fmt: skip
        if median > SLOW * self.rep_s:
            self._told = True
            return f"Your reps take about {median:.0f} s; about {self.rep_s:g} s each is enough"
        return None
