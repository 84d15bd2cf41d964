"""Signals and rule limits in the words a therapist reads."""

from __future__ import annotations

import math

from formcheck.kinematics.angles import UNITLESS
from formcheck.summary import RuleInfo

SIGNAL_TITLES = {
    "knee_flexion": "knee flexion", "hip_flexion": "hip flexion", "trunk_lean": "trunk lean",
    "hip_abduction": "hip abduction", "pelvis_rise": "pelvis rise", "trunk_lean_toward": "trunk side lean",
    "heel_lift": "heel lift", "knee_past_toe": "knee past toe", "shin_lean": "shin lean",
    "pelvis_twist": "pelvis twist", "thigh_spread": "thigh spread", "knee_drop": "knee drop",
    "shoulder_rise": "shoulder rise",
}  # fmt: skip
_MEASURES = {"max": "highest", "min": "lowest", "peak": "at the peak", "abs_max": "largest", "mean": "average",
             "peak_over_start": "at the peak against the start", "range": "range", "duration_s": "duration",
             "down_s": "lowering time", "top_hold_s": "hold at the top", "top_sag": "sag at the top"}  # fmt: skip


def title(signal: str) -> str:
    """A signal's name in words."""
    if signal.endswith("_3d"):
        return title(signal[:-3]) + " (3-D)"
    return SIGNAL_TITLES.get(signal, signal.replace("_", " "))


def fmt(value: object, digits: int = 1) -> str:
    """A number for a table cell ("–" when missing)."""
    if isinstance(value, float):
        return "–" if not math.isfinite(value) else f"{value:.{digits}f}"
    return "–" if value is None else str(value)


def limit(rule: RuleInfo) -> str:
    """e.g. "knee flexion at the peak ≥ 80°"."""
    what = _MEASURES.get(rule.measure, rule.measure)
    unit = " s" if rule.measure.endswith("_s") else "" if rule.signal in UNITLESS else "°"
    return f"{title(rule.signal)} {what} {'≤' if rule.op == '<=' else '≥'} {rule.threshold:g}{unit}"
