"""Evaluating form rules over the frames of one rep or hold (pure functions)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from formcheck.exercises.spec import Rule
from formcheck.kinematics.seen import seen
from formcheck.types import FrameKinematics

Status = Literal["ok", "fault", "not_assessed"]
TIMING = ("duration_s", "down_s", "top_hold_s")  # measures that need the whole rep (not one cut by an edge)
FROM_START = ("peak_over_start",)  # measures that need the rep's start (not one cut by the recording's start)
HOLD_SHARE = 0.2  # "holding at the top" = within 20 % of the rep's range of its peak (or the motion's tolerance)
# A rule over the whole rep is judged only when the rep was filmed from the rule's views, and its landmarks
# seen, in at least this share of its frames: a reach or a limit over a rep seen in glimpses would be the
# glimpses' extreme, not the rep's (a squat filmed at 30° reads "side" in a few frames at the start and end,
# where the trunk has not leaned yet).
SEEN_SHARE = 0.5
SPAN_MEASURES = ("max", "min", "mean", "abs_max", "range")
PEAK_FRAME_S = 0.06  # the peak frame itself (one frame at 17+ fps), not a neighbour seen from another view
# "peak_over_start": the median of the frames seen in the first START_WINDOW_S of the rep (the counter starts a
# rep where its signal left the resting level) against the median of those within PEAK_WINDOW_S of the peak, each
# from at least WINDOW_FRAMES frames: one frame is never the reference, and a rep seen too little says so.
START_WINDOW_S = 0.2
PEAK_WINDOW_S = 0.1
WINDOW_FRAMES = 2


@dataclass(frozen=True)
class Movement:
    """What the rules need to know about the rep or hold being judged."""

    work_side: str  # "left" | "right" | "both"
    start_s: float
    peak_s: float
    end_s: float
    signal: str  # the motion's signal
    rising: bool
    top_tolerance: float
    side_signal: str | None = None  # recognises the worked leg frame by frame (immune to L/R label swaps)
    range_deg: float = 0.0  # the rep's excursion from rest to peak


def frame_side(fk: FrameKinematics, work_side: str, side_signal: str | None) -> str:
    """The worked side in this frame: the declared side, or where `side_signal` says the worked leg is.

    MediaPipe often swaps the left and right legs in side views; an exercise that says how to tell the
    worked leg (the front leg of a lunge has the flexed hip) is judged on that leg whatever its label.
    """
    if side_signal is None or work_side not in ("left", "right"):
        return work_side
    left, right = fk.signals[side_signal]
    if not (math.isfinite(left) and math.isfinite(right)) and side_signal.endswith("_3d"):
        left, right = fk.signals[side_signal[: -len("_3d")]]  # no world landmarks (an old landmarks CSV)
    if not (math.isfinite(left) and math.isfinite(right)):
        return work_side
    return "left" if left >= right else "right"


def side_value(
    fk: FrameKinematics, signal: str, ref: str, work_side: str, side_signal: str | None = None, gated: bool = False
) -> float:
    """A signal's value for a rule: the working side, the other side, the larger one, or the near one.

    `gated`: a side whose landmarks for this signal the model did not see counts as missing (NaN), so a
    rule never judges a guessed position (formcheck.kinematics.seen).
    """
    work_side = frame_side(fk, work_side, side_signal)
    left, right = fk.signals[signal]
    if gated:
        left = left if seen(fk, signal, "left") else math.nan
        right = right if seen(fk, signal, "right") else math.nan
    if ref == "max":
        return float(np.nanmax([left, right])) if math.isfinite(left) or math.isfinite(right) else math.nan
    if work_side in ("left", "right") and ref in ("work", "other"):
        take_left = (work_side == "left") == (ref == "work")
        return left if take_left else right
    if fk.view == "side" and fk.facing in ("left", "right"):
        return left if fk.facing == "left" else right
    pair = [v for v in (left, right) if math.isfinite(v)]
    return sum(pair) / len(pair) if pair else math.nan


def passes(rule: Rule, value: float) -> bool:
    """Whether a measured value satisfies the rule."""
    return value <= rule.threshold if rule.op == "<=" else value >= rule.threshold


def frame_violates(rule: Rule, fk: FrameKinematics, work_side: str, side_signal: str | None = None) -> bool:
    """Live check of a per-frame rule (max/min/abs_max) on the current frame.

    A cue is about this frame, seen from the rule's view with its joints in sight; the rep's record may still
    say "cannot assess" when too little of the rep was (SEEN_SHARE): a cue is advice in the moment, the record
    the judgement of the whole rep.
    """
    if rule.measure not in ("max", "min", "abs_max") or fk.view not in rule.views:
        return False
    value = side_value(fk, rule.signal, rule.side, work_side, side_signal, gated=True)
    if not math.isfinite(value):
        return False
    return not passes(rule, abs(value) if rule.measure == "abs_max" else value)


def _series(frames: Sequence[FrameKinematics], move: Movement) -> list[tuple[float, float]]:
    """(t, value) of the motion signal on the worked side, oriented so the rep goes up; glitches removed.

    A 5-sample running median keeps a one- or two-frame landmark glitch (a leg label swap) from
    becoming the rep's peak.
    """
    sign = 1.0 if move.rising else -1.0
    raw = [(fk.t, sign * side_value(fk, move.signal, "work", move.work_side, move.side_signal)) for fk in frames]
    raw = [(t, v) for t, v in raw if math.isfinite(v)]
    smooth = running_median(np.array([v for _, v in raw]))
    return [(t, float(v)) for (t, _), v in zip(raw, smooth, strict=True)]


MEDIAN_OF = 5  # samples: a glitch of one or two frames (a leg label swap) is neither a peak nor a fault


def running_median(values: np.ndarray, k: int = MEDIAN_OF) -> np.ndarray:
    """The median of each sample's k neighbours; near the ends, of the k samples nearest the end (a glitch in
    the last frame does not stand alone in a shrunken window)."""
    n = len(values)
    if n <= k:
        return np.full(n, np.median(values)) if n else values
    half = k // 2
    out = np.empty(n)
    for i in range(n):
        lo = min(max(0, i - half), n - k)
        out[i] = np.median(values[lo : lo + k])
    return out


def _top_window(frames: Sequence[FrameKinematics], move: Movement, share: float = 0.0) -> list[tuple[float, float]]:
    """Frames from the first to the last time the signal came within tolerance of its peak.

    The tolerance is the motion's (5° by default) or `share` of the rep's range if larger: real holds
    wobble by several degrees (±9° on the real bridge clip), so hold time uses a band scaled to the rep.
    """
    series = _series(frames, move)
    if not series:
        return []
    values = [v for _, v in series]
    peak = max(values)
    tolerance = max(move.top_tolerance, share * move.range_deg)
    near = [i for i, v in enumerate(values) if v >= peak - tolerance]
    return series[near[0] : near[-1] + 1]


def top_hold_s(frames: Sequence[FrameKinematics], move: Movement) -> float:
    """How long the motion signal stayed within tolerance of its peak, in seconds."""
    window = _top_window(frames, move, HOLD_SHARE)
    if len(window) < 2:
        return 0.0
    floor = max(v for _, v in window) - max(move.top_tolerance, HOLD_SHARE * move.range_deg)
    return sum(t1 - t0 for (t0, v0), (t1, _) in itertools.pairwise(window) if v0 >= floor)


SAG_UPPER = 0.5  # the hold is the part of the rep in the upper half of its range
SAG_LOWERING = 0.3  # the last 30 % of it is the lowering, not a sag


def top_sag(frames: Sequence[FrameKinematics], move: Movement) -> float | None:
    """How far the signal sank from its peak while held in the upper half of the rep, before the lowering.

    The hold is timed from the first frame at the top (within the motion's tolerance of the peak), not from the
    peak: a flat top peaks at whichever frame reads highest, often its last, and from there the first 70 % of the
    time left was the lowering itself (the shipped sample bridge, flat at the top, was flagged). A fixed lowering
    speed was tried in its place and dropped: a slow, controlled lowering (3-4 s) stays under any speed a sag
    does not reach, and read as one.
    """
    series = _series(frames, move)
    if not series:
        return None
    peak = max(v for _, v in series)
    reached = next(t for t, v in series if v >= peak - move.top_tolerance)
    upper = [(t, v) for t, v in series if v >= peak - SAG_UPPER * max(move.range_deg, move.top_tolerance)]
    after = [(t, v) for t, v in upper if t >= reached]
    if len(after) < 3:
        return 0.0
    held = [v for t, v in after if t <= after[0][0] + (1 - SAG_LOWERING) * (after[-1][0] - after[0][0])]
    return peak - min(held)


def over_start(times: np.ndarray, values: np.ndarray, start_s: float, peak_s: float) -> float | None:
    """The value at the peak over the value at the start (medians of the raw frames in the two windows), or None
    when either window has too few frames, the two overlap, or the start is not positive."""
    ok = np.isfinite(values)
    times, values = times[ok], values[ok]
    if peak_s - start_s < START_WINDOW_S + PEAK_WINDOW_S:
        return None
    start = values[(times >= start_s - 1e-6) & (times <= start_s + START_WINDOW_S)]
    peak = values[np.abs(times - peak_s) <= PEAK_WINDOW_S + 1e-6]
    if len(start) < WINDOW_FRAMES or len(peak) < WINDOW_FRAMES or not float(np.median(start)) > 0:
        return None
    return float(np.median(peak) / np.median(start))


def measure(rule: Rule, frames: Sequence[FrameKinematics], move: Movement) -> float | None:
    """The rule's measured value over the movement, or None when it cannot be assessed from the view."""
    if rule.measure == "duration_s":
        return move.end_s - move.start_s
    if rule.measure == "down_s":
        return move.end_s - move.peak_s
    judged = list(frames)  # the frames the rule is about: the rep, or its top
    if rule.during == "top":
        window = _top_window(frames, move)
        if window:
            judged = [fk for fk in frames if window[0][0] <= fk.t <= window[-1][0]]
    in_view = [fk for fk in judged if fk.view in rule.views]
    if not in_view:
        return None
    if rule.measure == "top_hold_s":
        return top_hold_s(in_view, move)
    if rule.measure == "top_sag":
        return top_sag(in_view, move)
    values = np.array(
        [side_value(fk, rule.signal, rule.side, move.work_side, move.side_signal, gated=True) for fk in in_view]
    )
    times = np.array([fk.t for fk in in_view])
    if rule.measure == "peak_over_start":  # against this person's own value as the rep began
        return over_start(times, values, move.start_s, move.peak_s)
    finite = np.isfinite(values)
    if not finite.any() or (rule.measure in SPAN_MEASURES and finite.sum() < SEEN_SHARE * len(judged)):
        return None  # seen from its views, joints in sight, in too little of the rep to tell its extreme
    values, times = running_median(values[finite]), times[finite]  # a fault lasts more than two frames
    if rule.measure == "max":
        return float(values.max())
    if rule.measure == "min":
        return float(values.min())
    if rule.measure == "mean":
        return float(values.mean())
    if rule.measure == "abs_max":
        return float(np.abs(values).max())
    if rule.measure == "range":
        return float(values.max() - values.min())
    # "peak": the value at the frame nearest the motion's peak, when that frame is in view
    nearest = int(np.argmin(np.abs(times - move.peak_s)))
    return float(values[nearest]) if abs(times[nearest] - move.peak_s) <= PEAK_FRAME_S else None


def judge(rule: Rule, frames: Sequence[FrameKinematics], move: Movement) -> tuple[Status, float | None]:
    """ok / fault / not_assessed for one rule over one movement, with the measured value."""
    value = measure(rule, frames, move)
    if value is None or not math.isfinite(value):
        return "not_assessed", None
    return ("ok" if passes(rule, value) else "fault"), value
