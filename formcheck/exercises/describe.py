"""Exercises as plain data for `formcheck exercises` (JSON) and as readable text."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from formcheck.exercises.spec import Exercise, HoldMotion, Rule
from formcheck.summary import RuleInfo


def rule_info(r: Rule) -> RuleInfo:
    """A rule as plain data, as applied (for summary.json and the report)."""
    return RuleInfo(id=r.id, description=r.description, signal=r.signal, measure=r.measure, op=r.op,
                    threshold=r.threshold, views=list(r.views), severity=r.severity, enabled=r.enabled, cue=r.cue,
                    source=r.source, experimental=r.experimental, side=r.side)  # fmt: skip


def as_dict(exercise: Exercise) -> dict[str, Any]:
    """Name, view, posture, motion, dosage and rules of one exercise."""
    motion = asdict(exercise.motion)
    motion["kind"] = exercise.kind
    return {
        "name": exercise.name,
        "title": exercise.title,
        "view": exercise.view,
        "counting_views": list(exercise.counting_views),
        "posture": list(exercise.posture),
        "needs": list(exercise.needs),
        "sides": exercise.sides,
        "motion": motion,
        "dosage": asdict(exercise.dosage),
        "rules": [asdict(rule_info(r)) for r in exercise.rules],
    }


def dosage_text(exercise: Exercise) -> str:
    """e.g. "2 × 10 reps per side" or "hold 30 s per side"."""
    per = "per side" if exercise.sides == "each" else "both legs"
    d = exercise.dosage
    if isinstance(exercise.motion, HoldMotion) or d.reps is None:
        holds = f"{d.reps} holds of" if isinstance(exercise.motion, HoldMotion) and d.reps else "hold"
        return f"{d.sets} × {holds} {d.hold_s:g} s {per}"
    hold = f", hold {d.hold_s:g} s at the top" if d.hold_s else ""
    return f"{d.sets} × {d.reps} reps {per}{hold}"


def line(exercise: Exercise) -> str:
    """One line for the list."""
    rules = len(exercise.rules)
    return f"{exercise.name:28s} {exercise.view:5s} {exercise.kind:5s} {dosage_text(exercise):40s} {rules} rules"


def details(exercise: Exercise) -> list[str]:
    """Several lines for `exercises show`."""
    views = ", ".join(exercise.counting_views)
    out = [
        f"{exercise.title} ({exercise.name})",
        f"  film from: {exercise.view} (counts from: {views}); posture: {' or '.join(exercise.posture)}",
        f"  dosage: {dosage_text(exercise)}",
        f"  motion: {exercise.kind} on {exercise.motion.signal}",
        "  rules:",
    ]
    for r in exercise.rules:
        state = " (experimental: off unless a programme enables it; never decides validity)" if r.experimental else (
            "" if r.enabled else " (off unless a programme enables it)")  # fmt: skip
        seen = ", ".join(r.views) if r.views else "any view"
        out.append(
            f"    {r.id}: {r.description}; {r.measure} {r.signal} {r.op} {r.threshold:g} [{r.severity}, {seen}]{state}"
        )
        out.append(f'      cue: "{r.cue}"')
        out.append(f"      source: {r.source}")
    return out
