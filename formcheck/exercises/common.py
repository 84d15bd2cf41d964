"""Pieces shared by the exercise declarations."""

from __future__ import annotations

from formcheck.exercises.spec import Rule

SLOW_SOURCE = (
    "Home programmes for hip pain prescribe slow, controlled reps (about 2 s each way); a whole rep "
    "under {s:g} s is flagged as too fast."
)


def too_fast(prefix: str, signal: str, min_s: float) -> Rule:
    """The tempo rule every rep exercise has: a whole rep quicker than `min_s` is not controlled."""
    return Rule(
        id=f"{prefix}.tempo",
        description="rep too fast to be controlled",
        signal=signal,
        measure="duration_s",
        op=">=",
        threshold=min_s,
        views=(),
        cue="Slow down: lift and lower with control",
        source=SLOW_SOURCE.format(s=min_s),
    )
