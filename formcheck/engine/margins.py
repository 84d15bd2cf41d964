"""How far off MediaPipe's image angles are from the true joint angle, by signal and camera view.

A major fault decides that a rep is not valid only when its measured value is past the threshold by more
than this: a knee read at 79° against an 80° depth target, from a side view that reads the knee 6.5° off
on average, is not clearly too shallow. Figures are the mean absolute error against the rendered rig's
true angles (benchmarks/angles3d.py, run 2026-12-01, full model, offset 0 = the exercise's own view,
30 = oblique); trunk lean from benchmarks/accuracy.py (0.9° side-on, doubled for real clothing).
"""

from __future__ import annotations

from formcheck.kinematics.angles import UNITLESS

ERROR_DEG: dict[tuple[str, str], float] = {
    ("knee_flexion", "side"): 6.5,
    ("knee_flexion", "oblique"): 8.5,
    ("knee_flexion", "front"): 37.0,  # a frontal squat shows 14 % of the knee's excursion in the picture
    ("hip_flexion", "side"): 5.0,
    ("hip_flexion", "oblique"): 9.0,
    ("hip_flexion", "front"): 31.0,
    ("hip_abduction", "front"): 2.5,
    ("hip_abduction", "oblique"): 3.5,
    ("trunk_lean", "side"): 2.0,
    ("trunk_lean", "oblique"): 4.0,
}
# Ratios and distances measured the same way (benchmarks/faults.py --rendered, the faults it films from another
# view: the model's value against the exactly projected joints' at each rep's bottom, run 2026-12-01).
ERROR_UNITLESS: dict[tuple[str, str], float] = {
    # the bottom's ratio over the rep's start (squat.knees_in): 4 rendered front squats, 12 reps, 0.049–0.073
    ("knee_ankle_ratio", "front"): 0.07,
}
DEFAULT_DEG = 5.0  # angles not measured separately: about the side-view joint angles' error
DEFAULT_UNITLESS = 0.05  # distances in torso lengths (ankle gap, knee past toe)
TIMING_S = 0.2  # durations: the smoothing widens a movement by about this much


def error_of(signal: str, view: str, measure: str) -> float:
    """The measurement's error for this signal seen from this view."""
    if measure.endswith("_s"):
        return TIMING_S
    if (signal, view) in ERROR_UNITLESS:
        return ERROR_UNITLESS[(signal, view)]
    if signal in UNITLESS:
        return DEFAULT_UNITLESS
    return ERROR_DEG.get((signal, view), DEFAULT_DEG)
