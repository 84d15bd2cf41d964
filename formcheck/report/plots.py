"""Plots for the reports, drawn with matplotlib and returned as inline SVG text."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.kinematics.angles import UNITLESS

plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
_ids = itertools.count()
BAND_MEASURES = ("max", "min", "peak", "abs_max", "mean")  # measures compared on the angle itself
LEFT, RIGHT, FAULT, OK = "#d9822b", "#2b7bb9", "#d64545", "#3a9a5b"


@dataclass(frozen=True)
class Band:
    """A rule threshold drawn on a signal: the side of the line that is a fault."""

    signal: str
    threshold: float
    op: str  # the rule's op: "<=" (values above are faults) or ">=" (a peak below is a fault)
    label: str


def _svg(fig: Any) -> str:
    plt.rcParams["svg.hashsalt"] = f"fc{next(_ids)}"  # distinct element ids for several SVGs on one page
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def angle_plot(
    t: np.ndarray, series: dict[str, tuple[np.ndarray, np.ndarray]], bands: Sequence[Band],
    reps: Sequence[RepRecord | HoldRecord], titles: dict[str, str],
) -> str:  # fmt: skip
    """One panel per signal (left and right over time), fault zones shaded, reps marked and numbered."""
    names = list(series)
    fig, axes = plt.subplots(len(names), 1, figsize=(8.2, 1.9 * len(names) + 0.4), sharex=True, squeeze=False)
    for ax, name in zip(axes[:, 0], names, strict=True):
        left, right = series[name]
        ax.plot(t, left, color=LEFT, lw=1.2, label="left")
        ax.plot(t, right, color=RIGHT, lw=1.2, label="right")
        ax.set_ylabel(titles.get(name, name) + ("" if name in UNITLESS else " (°)"))
        for r in reps:
            color = OK if not r.faults else FAULT
            ax.axvspan(r.start_s, r.end_s, color=color, alpha=0.12, lw=0)
        lo, hi = ax.get_ylim()
        pad = 0.1 if name in UNITLESS else 5.0  # room beyond a limit: a tenth for ratios, 5° for angles
        for band in (b for b in bands if b.signal == name):
            ax.axhline(band.threshold, color=FAULT, lw=1, ls="--")
            if band.op == "<=":
                ax.axhspan(band.threshold, max(hi, band.threshold + pad), color=FAULT, alpha=0.08, lw=0)
            else:
                ax.axhspan(min(lo, band.threshold - pad), band.threshold, color=FAULT, alpha=0.08, lw=0)
            ax.annotate(band.label, (t[0] if len(t) else 0, band.threshold), fontsize=7, color=FAULT,
                        xytext=(2, 2), textcoords="offset points")  # fmt: skip
        limits = [b.threshold for b in bands if b.signal == name]  # a panel may have no limit drawn
        ax.set_ylim(min([lo, *(x - pad for x in limits)]), max([hi, *(x + pad for x in limits)]))
    top = axes[0, 0]
    for r in reps:
        label = f"{r.side[0].upper() if r.side != 'both' else ''}{r.number}"
        top.annotate(label, ((r.start_s + r.end_s) / 2, 1.0), xycoords=("data", "axes fraction"),
                     ha="center", va="bottom", fontsize=7, color=FAULT if r.faults else OK)  # fmt: skip
    top.legend(loc="upper right", fontsize=7, frameon=False, ncol=2, bbox_to_anchor=(1.0, 1.18))
    axes[-1, 0].set_xlabel("time (s)")
    return _svg(fig)


def trend_plot(dates: Sequence[str], series: Mapping[str, Sequence[float | None]], ylabel: str,
               percent: bool = False) -> str:  # fmt: skip
    """Values per session over time (one line per series)."""
    fig, ax = plt.subplots(figsize=(8.2, 2.3))
    x = np.arange(len(dates))
    for name, values in series.items():
        y = np.array([math.nan if v is None else v for v in values], float)
        ax.plot(x, y * (100 if percent else 1), marker="o", lw=1.4, label=name)
    ax.set_xticks(x, [d[:10] for d in dates], rotation=30, ha="right", fontsize=7)
    ax.set_ylabel(ylabel)
    if percent:
        ax.set_ylim(-5, 105)
    if len(series) > 1:
        ax.legend(fontsize=7, frameon=False)
    return _svg(fig)
