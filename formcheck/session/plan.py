"""What a session asks for: the steps (exercise, sets, reps or holds, sides, rest), from an exercise or a programme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.exercises.spec import Exercise
from formcheck.programme import Programme
from formcheck.summary import ProgrammeInfo


@dataclass(frozen=True)
class Step:
    """One prescribed exercise of the session."""

    exercise: Exercise
    sets: int
    target: int  # reps per side per set (holds: holds per side per set)
    hold_s: float | None
    sides: tuple[str, ...]  # ("both",), ("left", "right") or one side
    rest_s: float
    rep_s: float | None = None  # seconds a rep should take (the programme's tempo), when prescribed


def steps_for(exercise: Exercise | None, programme: Programme | None) -> list[Step]:
    """The session's steps: every item of a programme, or one exercise with its default dosage."""

    def sides(ex: Exercise, mode: str) -> tuple[str, ...]:
        if ex.sides == "both":
            return ("both",)
        return ("left", "right") if mode in ("each", "both") else (mode,)

    if programme is not None:
        items = programme.items if exercise is None else (programme.item(exercise.name),)
        return [Step(i.exercise, i.sets, i.reps or 1, i.hold_s, sides(i.exercise, i.sides), i.rest_s, i.rep_s)
                for i in items]  # fmt: skip
    assert exercise is not None
    d = exercise.dosage
    return [Step(exercise, d.sets, d.reps or 1, d.hold_s, sides(exercise, exercise.sides), d.rest_s)]


@dataclass(frozen=True)
class Plan:
    """The steps of a session and the programme they came from."""

    steps: list[Step]
    programme: ProgrammeInfo | None
    patient: str  # the programme's patient, when it names one


def plan_for(exercise: str, programme: Path | None, one: bool = False) -> Plan:
    """The plan from --exercise and/or --programme; `one` (analyze) needs a single exercise."""
    from formcheck.exercises.catalogue import get
    from formcheck.programme import load

    if programme is None:
        if not exercise:
            raise FormcheckError("say which exercise: --exercise NAME (see `formcheck exercises`)"
                                 + ("" if one else " or --programme FILE"))  # fmt: skip
        return Plan(steps_for(get(exercise), None), None, "")
    plan = load(programme)
    if one:
        item = plan.item(exercise or None)
        steps = steps_for(item.exercise, plan)
    else:
        steps = steps_for(get(exercise) if exercise else None, plan)
    return Plan(steps, ProgrammeInfo(str(plan.path), plan.title, plan.patient), plan.patient)
