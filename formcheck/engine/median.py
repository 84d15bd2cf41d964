"""A centred running median, for a signal that arrives one sample at a time."""

from __future__ import annotations

import statistics
from collections import deque

from formcheck.engine.records import SignalPoint as _Point

# Half-width of the running median on the counted signal. At the suite's 15 fps the first ±0.1 s removed a one-frame
# spike and no more; ±0.15 s removes two frames at 15 fps, four at 30 (~0.13 s). The model swapped a leg's label for a
# moment in a rendered face-on hip circle: ±0.1 s counted it 4 of 3, ±0.15 s counts 3 of 3 (benchmarks/counting.py
# --rendered; the real clips unchanged). A longer glitch still passes. The fastest rep the suite renders (0.7 s) turns
# over ~0.35 s a side, so a 0.3 s window flattens its peak a little but cannot remove it.
MEDIAN_S = 0.15
# A median outvotes a glitch only when the window holds other samples: a sample with fewer than MIN_SAMPLES in its
# window (itself included) is no evidence and is dropped: a pose found for one frame between stretches of nothing, or
# the last frame as the person walks out of the picture (benchmarks/counting.py --real --model lite, the knee raise).
# At a frame rate whose window cannot hold that many (under 1 / MEDIAN_S = 6.7 fps) no sample is dropped.
MIN_SAMPLES = 3
_INTERVALS = 8  # the frame interval is the shortest of the last few (gaps only make them longer)


class CentredMedian:
    """A running median over ±MEDIAN_S, MEDIAN_S late: a landmark glitch of a few frames (a knee label jumping
    to the other leg) would otherwise be a turning point. The window holds the samples there are: near the start
    and end of the input, and before and after a gap in the signal, it is one-sided, so a glitch in the last
    frames is still outvoted by the frames before it; a sample that stands alone is dropped (MIN_SAMPLES). (The
    window once shrank symmetrically at the start and end, keeping the first and last samples as measured.)
    Emits (t, value) in order."""

    def __init__(self, half_s: float = MEDIAN_S) -> None:
        self.half_s = half_s
        self._buf: deque[_Point] = deque()
        self._next = 0  # index in _buf of the first point not emitted
        self._intervals: deque[float] = deque(maxlen=_INTERVALS)

    def push(self, t: float, v: float) -> list[tuple[float, float]]:
        """One sample; returns the samples whose window is now complete (a lone sample is dropped)."""
        if self._buf:
            self._intervals.append(t - self._buf[-1].t)
        self._buf.append(_Point(t, v))
        return self._emit(t)

    def flush(self) -> list[tuple[float, float]]:
        """Every sample still waiting (with the window it has); then a fresh start."""
        out = self._emit(self._buf[-1].t if self._buf else 0.0, final=True)
        self._buf.clear()
        self._intervals.clear()
        self._next = 0
        return out

    def _needed(self) -> int:
        """Samples a window must hold: MIN_SAMPLES, unless the frame rate is too low for the window to hold them."""
        step = min(self._intervals, default=0.0)
        fits = 1 + 2 * int(self.half_s / step) if step > 0 else MIN_SAMPLES
        return min(MIN_SAMPLES, fits)

    def _emit(self, now: float, final: bool = False) -> list[tuple[float, float]]:
        out = []
        half, need = self.half_s + 1e-9, self._needed()
        while self._next < len(self._buf) and (final or self._buf[self._next].t <= now - self.half_s):
            p = self._buf[self._next]
            window = [q.v for q in self._buf if abs(q.t - p.t) <= half]
            if len(window) >= need:
                out.append((p.t, statistics.median(window)))
            self._next += 1
        while self._buf and self._next > 0 and self._buf[0].t < now - 3 * self.half_s:
            self._buf.popleft()
            self._next -= 1
        return out
