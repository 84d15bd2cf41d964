"""RepCounter and HoldTimer on plain signals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from formcheck.engine.counters import HoldTimer, RepCounter
from formcheck.exercises.spec import HoldMotion, RepMotion

MOTION = RepMotion(signal="x", enter=40.0, exit=25.0, min_range=30.0, min_duration_s=0.5)


def run(counter: RepCounter, values: np.ndarray, fps: float = 30.0, segments: np.ndarray | None = None) -> int:
    seg = np.zeros(len(values), int) if segments is None else segments
    return sum(
        counter.update(i / fps, float(v), int(s)) is not None for i, (v, s) in enumerate(zip(values, seg, strict=True))
    )


def wave(n: int, peak: float, rep_s: float = 2.0, fps: float = 30.0, rest: float = 5.0) -> np.ndarray:
    t = np.arange(0, (n + 1) * rep_s, 1 / fps)
    k = np.clip((t - rep_s / 2) / rep_s, 0, n)
    return rest + (peak - rest) * (0.5 - 0.5 * np.cos(2 * math.pi * k))


@pytest.mark.parametrize(("n", "peak", "expected"), [(5, 100, 5), (3, 60, 3), (4, 35, 0), (1, 120, 1)])
def test_counts_reps_past_enter(n: int, peak: float, expected: int) -> None:
    assert run(RepCounter(MOTION), wave(n, peak)) == expected


def test_hysteresis_ignores_jitter_around_threshold() -> None:
    rng = np.random.default_rng(0)
    values = wave(3, 100) + rng.normal(0, 4, size=len(wave(3, 100)))
    assert run(RepCounter(MOTION), values) == 3


def test_too_fast_excursion_is_not_a_rep() -> None:
    assert run(RepCounter(MOTION), wave(2, 100, rep_s=0.3)) == 0


def test_falling_signal() -> None:
    motion = RepMotion(signal="x", enter=30.0, exit=40.0, min_range=15.0, min_duration_s=0.5, rising=False)
    assert run(RepCounter(motion), 60.0 - (wave(4, 50, rest=0.0))) == 4


def test_segment_change_mid_rep_abandons_it() -> None:
    values = wave(2, 100)
    seg = np.zeros(len(values), int)
    seg[int(len(values) * 0.4) :] = 1  # a cut during the first rep's way back up
    assert run(RepCounter(MOTION), values, segments=seg) == 1


def test_hold_timer_counts_only_inside_band() -> None:
    timer = HoldTimer(HoldMotion(signal="x", low=80, high=100, grace_s=0.5))
    spans = []
    for i in range(0, 30 * 20):
        t = i / 30
        value = 90.0 if 2 <= t < 12 else 20.0
        if 6 <= t < 6.3:
            value = 50.0  # a brief wobble out of the band is forgiven but not timed
        span = timer.update(t, value, 0)
        if span:
            spans.append(span)
    assert len(spans) == 1
    assert spans[0].held_s == pytest.approx(9.7, abs=0.1)


def test_hold_timer_splits_on_long_break() -> None:
    timer = HoldTimer(HoldMotion(signal="x", low=80, high=100, grace_s=0.5))
    spans = [timer.update(i / 30, 90.0 if (i // 150) % 2 == 0 else 0.0, 0) for i in range(600)]
    assert [round(s.held_s) for s in spans if s] == [5, 5]
