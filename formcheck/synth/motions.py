"""Exercise motions for the renderer: which pose function, filmed from where, with which faults,
and the timeline of a clip (reps or holds, tempo, the rep that carries the fault).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from formcheck.synth import poses as p
from formcheck.synth.pose import PoseSpec


@dataclass(frozen=True)
class Motion:
    """How one exercise moves, what view films it, and the faults it can show."""

    name: str
    view: str  # "side" | "front"
    camera_azimuth: float  # degrees around the body: 0 in front (+z), 90 on its left (+x)
    camera_elevation: float  # metres (0: level with the body's centre)
    pose: Callable[[float, str | None, str], PoseSpec]  # (u, fault, side) → pose
    faults: tuple[str, ...] = ()
    kind: str = "reps"  # "reps" | "hold"
    sides: str = "each"  # "each" | "both"
    default_hold_s: float = 0.0


MOTIONS: dict[str, Motion] = {m.name: m for m in (
    Motion("squat", "side", 90.0, 0.0, p.squat, ("shallow", "trunk_lean", "knees_in"), sides="both"),
    Motion("glute_bridge", "side", 90.0, 0.6, p.bridge, ("low", "sag"), sides="both", default_hold_s=2.0),
    Motion("single_leg_bridge", "side", 90.0, 0.6, p.single_leg_bridge, ("pelvis_drop",), default_hold_s=1.5),
    Motion("standing_hip_abduction", "front", 0.0, 0.0, p.standing_abduction, ("hip_hike", "trunk_lean")),
    Motion("side_lying_hip_abduction", "front", 0.0, 0.5, p.side_lying_abduction, ("hip_flexion", "pelvis_roll")),
    Motion("clamshell", "front", 0.0, 0.6, p.clamshell, ("pelvis_roll",), default_hold_s=1.0),
    Motion("lunge", "side", 90.0, 0.0, p.lunge, ("knee_past_toes", "trunk_lean")),
    Motion("standing_hip_flexion", "side", 90.0, 0.0, p.standing_hip_flexion, ("trunk_back",)),
    Motion("standing_hip_extension", "side", 90.0, 0.0, p.standing_hip_extension, ("trunk_forward",)),
    Motion("kneeling_hip_flexor_stretch", "side", 90.0, 0.0, p.kneeling_hip_flexor, ("early_release",), kind="hold",
           default_hold_s=6.0),
    Motion("quadruped_hip_circles", "side", 90.0, 0.5, p.quadruped_circles, ()),
    Motion("quadruped_hip_extension", "side", 90.0, 0.5, p.quadruped_extension, ("low",)),
    Motion("supine_double_hip_rotation", "front", 0.0, 1.2, p.supine_rotation, (), kind="hold", sides="both",
           default_hold_s=4.0),
    Motion("warrior", "front", 0.0, 0.0, p.warrior, ("trunk_lean",), kind="hold", default_hold_s=4.0),
    Motion("seated_figure_four", "front", 0.0, 0.0, p.seated_figure_four, ("trunk_lean",), kind="hold",
           default_hold_s=4.0),
    Motion("pigeon", "side", 90.0, 0.3, p.pigeon, (), kind="hold", default_hold_s=4.0),
)}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """The timeline of a clip: reps (or a hold), tempo, side and which reps carry the fault."""

    exercise: str
    reps: int = 3
    rep_s: float = 3.0
    hold_s: float | None = None
    side: str = "left"
    fault: str | None = None
    fault_reps: tuple[int, ...] = (1,)
    lead_s: float = 0.8
    gap_s: float = 0.5
    tail_s: float = 0.8
    range_scale: float = 1.0
    fault_size: float = 1.0  # the injected fault this many times its standard size
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def motion(self) -> Motion:
        """The motion declaration."""
        return MOTIONS[self.exercise]

    def hold(self) -> float:
        """Seconds held at the peak."""
        return self.motion.default_hold_s if self.hold_s is None else self.hold_s

    def duration(self) -> float:
        """Whole clip length in seconds."""
        return self.lead_s + self.reps * (self.rep_s + self.hold() + self.gap_s) - self.gap_s + self.tail_s


SAG = 0.3  # the "sag" fault: the hips sink by this share of the lift during the hold at the top


@dataclass(frozen=True)
class Moment:
    """What the plan says happens at time t."""

    u: float
    phase: str  # "rest" | "up" | "hold" | "down"
    rep: int | None  # 0-based rep (or hold) index
    fault: str | None


def moment(plan: Plan, t: float) -> Moment:
    """Progress, phase, rep and active fault at time t (cosine easing up and down)."""
    k = t - plan.lead_s
    hold = plan.hold()
    cycle = plan.rep_s + hold + plan.gap_s
    if k < 0 or k >= plan.reps * cycle - plan.gap_s:
        return Moment(0.0, "rest", None, None)
    rep = int(k // cycle)
    r = k - rep * cycle
    half = plan.rep_s / 2
    fault = plan.fault if rep in plan.fault_reps else None
    if r < half:
        u, phase = 0.5 - 0.5 * math.cos(math.pi * r / half), "up"
    elif r < half + hold:
        u, phase = 1.0, "hold"
        if fault == "early_release" and r > half + 0.4 * hold:
            u, phase = 0.15, "rest"  # the hold is given up early
        if fault == "sag":  # the hips sink through the hold and are lowered from there
            u = 1.0 - SAG * min(1.0, (r - half) / (0.5 * hold))
    elif r < plan.rep_s + hold:
        top = 1.0 - SAG if fault == "sag" else 1.0
        u, phase = top * (0.5 + 0.5 * math.cos(math.pi * (r - half - hold) / half)), "down"
    else:
        u, phase = 0.0, "rest"
    return Moment(u * plan.range_scale, phase, rep, fault if phase != "rest" or fault == "early_release" else None)
