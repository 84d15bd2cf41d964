"""What the engine produces: reps, holds, cues, and its per-frame result."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RepRecord:
    """One attempted repetition."""

    side: str
    number: int  # 1-based among attempts on this side
    start_s: float
    peak_s: float
    end_s: float
    range_deg: float
    peak: dict[str, float]  # key signals at the peak frame
    faults: tuple[str, ...]
    not_assessed: tuple[str, ...]
    valid: bool
    view: str
    top_hold_s: float = 0.0
    partial: str = ""  # "start" | "end": cut by the recording's start or end, counted by the edge rule
    looks_value: float | None = None  # how it looked at its turning point (formcheck.engine.looks; None: not judged)

    @property
    def duration_s(self) -> float:
        """Start to end."""
        return self.end_s - self.start_s


@dataclass(frozen=True)
class HoldRecord:
    """One hold: time spent inside the posture band."""

    side: str
    number: int
    start_s: float
    end_s: float
    held_s: float
    target_s: float | None
    mean: dict[str, float]
    faults: tuple[str, ...]
    not_assessed: tuple[str, ...]
    view: str

    @property
    def completed(self) -> bool:
        """Held at least the target (or any hold when there is no target)."""
        return self.target_s is None or self.held_s >= self.target_s - 0.05


@dataclass(frozen=True)
class Cue:
    """Something to tell the person now."""

    rule_id: str
    text: str
    t: float
    kind: str = "fault"  # "fault" | "praise" | "setup" | "prompt" | "info"


@dataclass(frozen=True)
class FrameResult:
    """The engine's state after one frame: what the overlay and the live session show."""

    t: float
    index: int
    ready: bool  # setup passed: counting is on
    setup_message: str
    phase: str  # "setup" | "rest" | "rep" | "hold" | "not assessable"
    view: str
    work_side: str
    reps: dict[str, int]  # valid reps per side
    attempted: dict[str, int]
    hold_s: dict[str, float]  # current hold time per side
    cues: tuple[Cue, ...] = ()
    finished: tuple[RepRecord | HoldRecord, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Cycle:
    """A repetition the cycle counter found: when it left rest, turned, and was back; its excursion; whether it was
    cut by the recording's start or end (formcheck.engine.cycles)."""

    start_s: float
    peak_s: float
    end_s: float
    range_deg: float  # the larger of the two sides' excursions (the one side of a partial rep)
    peak_value: float  # the oriented signal at the turning point
    partial: str = ""  # "start" | "end" | ""


@dataclass(frozen=True)
class SignalPoint:
    """One sample of the counted signal: its time and value."""

    t: float
    v: float
