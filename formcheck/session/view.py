"""What the session shows for one frame and what it logs: plain data for the overlay, the window and the files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formcheck.engine.records import Cue, FrameResult
from formcheck.exercises.spec import Exercise


@dataclass(frozen=True)
class CoachView:
    """Everything the overlay shows about the session, for one frame."""

    stage: str  # "setup" | "countdown" | "active" | "switch" | "rest" | "paused" | "done" | "stopped"
    step: int  # 0-based
    steps: int
    exercise: Exercise
    set_no: int  # 1-based
    sets: int
    side: str  # the side to work now ("both" for bilateral)
    done: dict[str, int]  # valid reps (or completed holds) this set, per side
    target: int
    hold_s: float | None
    seconds_left: float  # countdown or rest
    prompt: str  # the big message, if any
    setup: str  # setup guidance
    result: FrameResult | None = None
    cues: tuple[Cue, ...] = ()  # the session's own prompts this frame (setup, go, switch, rest, done)


@dataclass
class Event:
    """Something that happened, for events.jsonl."""

    t: float
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
