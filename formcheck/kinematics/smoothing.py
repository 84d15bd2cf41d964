"""Landmark smoothing: zero-phase for files, causal One-Euro for live, and gap/cut segmentation."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np

MAX_GAP_S = 0.3  # gaps up to this long are bridged; longer ones end the segment (never a false rep)
SIGMA_S = 0.05  # Gaussian smoothing width: removes landmark jitter, keeps motion below ~3 Hz
# A jump of the hips by more than 0.6 torso lengths between two frames, or a change of apparent
# torso size by more than 35 %, is not a body moving: it is a camera cut.
CUT_JUMP_TORSO = 0.6
CUT_SCALE_RATIO = 1.35


def segments(t: np.ndarray, present: np.ndarray, hip_mid: np.ndarray, torso: np.ndarray) -> np.ndarray:
    """Segment id per frame: a new id after a gap longer than MAX_GAP_S or at a camera cut."""
    seg = np.zeros(len(t), dtype=int)
    current, last = 0, -1
    for i in range(len(t)):
        if not present[i]:
            seg[i] = current
            continue
        if last >= 0:
            gap = t[i] - t[last]
            jump = np.linalg.norm(hip_mid[i] - hip_mid[last]) / max(torso[last], 1e-6)
            scale = torso[i] / max(torso[last], 1e-6)
            if gap > MAX_GAP_S or jump > CUT_JUMP_TORSO or not (1 / CUT_SCALE_RATIO < scale < CUT_SCALE_RATIO):
                current += 1
        seg[i] = current
        last = i
    return seg


def bridge_gaps(t: np.ndarray, values: np.ndarray, seg: np.ndarray) -> np.ndarray:
    """Linearly fill NaN runs no longer than MAX_GAP_S inside a segment; (T, ...) arrays."""
    out = values.copy()
    flat = out.reshape(len(t), -1)
    present = ~np.isnan(flat).all(axis=1)
    idx = np.flatnonzero(present)
    for a, b in itertools.pairwise(idx):
        if b - a > 1 and seg[a] == seg[b] and t[b] - t[a] <= MAX_GAP_S:
            w = ((t[a + 1 : b] - t[a]) / (t[b] - t[a]))[:, None]
            flat[a + 1 : b] = flat[a] * (1 - w) + flat[b] * w
    return out


HAMPEL_S = 0.25  # half-window of the outlier test; glitches up to ~half this long are removed
HAMPEL_SIGMAS = 3.0
HAMPEL_MIN_TORSO = 0.12  # never call a landmark an outlier for moving less than this (torso lengths)


def hampel(t: np.ndarray, xy_px: np.ndarray, seg: np.ndarray, torso_px: float,
           half_s: float = HAMPEL_S) -> np.ndarray:  # fmt: skip
    """Replace landmark glitches (a leg label swapped for a frame or three) with the local median.

    Hampel filter per coordinate within each segment: a sample further than 3 robust standard
    deviations, and further than 0.12 torso lengths, from the median of a ±0.25 s window is an
    outlier. Real movement is continuous, so it stays close to its running median and is untouched.
    """
    out = xy_px.copy()
    if len(t) < 5:
        return out
    dt = float(np.median(np.diff(t)))
    half = max(2, round(half_s / dt)) if dt > 0 else 2
    k = 2 * half + 1
    flat_in = xy_px.reshape(len(t), -1)
    flat_out = out.reshape(len(t), -1)
    floor = HAMPEL_MIN_TORSO * torso_px
    for s in np.unique(seg):
        idx = np.flatnonzero(seg == s)
        if len(idx) < k:
            continue
        block = flat_in[idx]
        padded = np.concatenate([np.repeat(block[:1], half, 0), block, np.repeat(block[-1:], half, 0)])
        windows = np.lib.stride_tricks.sliding_window_view(padded, k, axis=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows stay NaN
            med = np.nanmedian(windows, axis=-1)
            mad = 1.4826 * np.nanmedian(np.abs(windows - med[..., None]), axis=-1)
        outlier = np.abs(block - med) > np.maximum(HAMPEL_SIGMAS * mad, floor)
        flat_out[idx] = np.where(outlier, med, block)
    return out


def zero_phase(t: np.ndarray, values: np.ndarray, seg: np.ndarray, sigma_s: float = SIGMA_S) -> np.ndarray:
    """Gaussian smoothing in time (symmetric kernel, so no lag), NaN-aware, never across segments."""
    out = np.full_like(values, np.nan, dtype=float)
    flat_in = values.reshape(len(t), -1)
    flat_out = out.reshape(len(t), -1)
    half = 3.0 * sigma_s
    lo = np.searchsorted(t, t - half, side="left")
    hi = np.searchsorted(t, t + half, side="right")
    finite = np.isfinite(flat_in)
    filled = np.where(finite, flat_in, 0.0)
    for i in range(len(t)):
        if not finite[i].any():
            continue
        sl = slice(lo[i], hi[i])
        w = np.exp(-0.5 * ((t[sl] - t[i]) / sigma_s) ** 2) * (seg[sl] == seg[i])
        wf = w[:, None] * finite[sl]
        total = wf.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            flat_out[i] = np.where(finite[i], (wf * filled[sl]).sum(axis=0) / total, np.nan)
    return out


class OneEuro:
    """Causal One-Euro filter (Casiez et al., CHI 2012) over an array of values.

    Defaults suit normalised image coordinates: a landmark moving at half the image per second
    raises the cut-off from 1.5 Hz to ~5.5 Hz, so fast motion is not lagged.
    """

    def __init__(self, min_cutoff_hz: float = 1.5, beta: float = 8.0, d_cutoff_hz: float = 1.0) -> None:
        self.min_cutoff = min_cutoff_hz
        self.beta = beta
        self.d_cutoff = d_cutoff_hz
        self._x: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._t = 0.0

    @staticmethod
    def _alpha(cutoff: np.ndarray | float, dt: float) -> np.ndarray | float:
        tau = 1.0 / (2 * math.pi * np.asarray(cutoff))
        return 1.0 / (1.0 + tau / dt)

    def reset(self) -> None:
        """Forget the past (after a long gap or a camera cut)."""
        self._x = None
        self._dx = None

    def __call__(self, t: float, x: np.ndarray) -> np.ndarray:
        """Filter the next sample; NaN entries pass through and keep the previous state."""
        if self._x is None or self._dx is None:
            self._x, self._dx, self._t = x.copy(), np.zeros_like(x), t
            return x.copy()
        dt = max(t - self._t, 1e-3)
        self._t = t
        finite = np.isfinite(x) & np.isfinite(self._x)
        dx = np.where(finite, (x - self._x) / dt, 0.0)
        a_d = self._alpha(self.d_cutoff, dt)
        self._dx = a_d * dx + (1 - a_d) * self._dx
        cutoff = self.min_cutoff + self.beta * np.abs(self._dx)
        a = self._alpha(cutoff, dt)
        smoothed = np.where(finite, a * x + (1 - a) * self._x, np.where(np.isfinite(x), x, self._x))
        self._x = smoothed
        return smoothed.copy()
