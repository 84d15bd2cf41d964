"""Programme files (TOML): a therapist's exercises, dosage and per-rule thresholds for one patient.

[programme]
title = "Hip programme, week 3"
patient = "P-017"

[[exercise]]
name = "squat"
sets = 2
reps = 10

  [exercise.rules."squat.depth_limit"]   # after surgery: a depth limit instead of a target
  enabled = true
  threshold = 70
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.exercises.catalogue import EXERCISES, get
from formcheck.exercises.spec import Dosage, Exercise, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROGRAMME_KEYS = {"title": str, "patient": str, "notes": str}
# No home programme prescribes more (2-3 sets of 10-15 reps, holds of 20-60 s, a rep of 2-6 s, a minute or two of
# rest): a larger number is a typing slip.
MOST = {"sets": 20, "reps": 200, "hold_s": 600.0, "rest_s": 600.0, "rep_s": 60.0}
EXERCISE_KEYS = {"name": str, "sets": int, "reps": int, "hold_s": float, "sides": str, "rest_s": float, "rep_s": float,
                 "rules": dict}  # fmt: skip
RULE_KEYS = {"threshold": float, "enabled": bool, "severity": str, "cue": str}
SIDES = ("both", "each", "left", "right")


@dataclass(frozen=True)
class Item:
    """One prescribed exercise: the declaration with the programme's overrides, and what to do."""

    exercise: Exercise
    sets: int
    reps: int | None
    hold_s: float | None
    sides: str  # "both" | "each" | "left" | "right"
    rest_s: float
    rep_s: float | None = None  # seconds a rep should take: the tempo the programme prescribes


@dataclass(frozen=True)
class Programme:
    """A whole programme file."""

    path: Path
    title: str
    patient: str
    notes: str
    items: tuple[Item, ...]

    def item(self, name: str | None) -> Item:
        """The item for an exercise name, or the only item when no name is given."""
        if name:
            wanted = get(name).name
            for item in self.items:
                if item.exercise.name == wanted:
                    return item
            listed = ", ".join(i.exercise.name for i in self.items)
            raise FormcheckError(f"{self.path}: has no '{wanted}' (it prescribes {listed}); pick one of those")
        if len(self.items) == 1:
            return self.items[0]
        listed = ", ".join(i.exercise.name for i in self.items)
        raise FormcheckError(f"{self.path} prescribes several exercises ({listed}): say which with --exercise")


class _Lines:
    """Finds the line of a key inside the n-th [[exercise]] (and rule table), for error messages."""

    def __init__(self, text: str) -> None:
        self.where: dict[tuple[int, str, str], int] = {}
        exercise, rule = -1, ""
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.split("#", 1)[0].strip()
            if stripped == "[[exercise]]":
                exercise, rule = exercise + 1, ""
                self.where[(exercise, "", "")] = number
            elif stripped.startswith("[exercise.rules."):
                rule = stripped[len("[exercise.rules.") : -1].strip().strip('"')
                self.where[(exercise, rule, "")] = number
            elif stripped.startswith("["):
                exercise, rule = (-1, "") if stripped == "[programme]" else (exercise, rule)
            elif "=" in stripped:
                key = stripped.split("=", 1)[0].strip().strip('"')
                self.where.setdefault((exercise, rule, key), number)

    def line(self, exercise: int, rule: str = "", key: str = "") -> int:
        for probe in ((exercise, rule, key), (exercise, rule, ""), (exercise, "", "")):
            if probe in self.where:
                return self.where[probe]
        return 1


def _check_type(value: object, kind: type) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _fail(path: Path, line: int, message: str) -> FormcheckError:
    return FormcheckError(f"{path}:{line}: {message}")


def _rule_override(path: Path, lines: _Lines, i: int, exercise: Exercise, rule_id: str, raw: object) -> Rule:
    ids = [r.id for r in exercise.rules]
    if rule_id not in ids:
        known = ", ".join(ids)
        raise _fail(path, lines.line(i, rule_id), f"'{exercise.name}' has no rule '{rule_id}'; its rules: {known}")
    if not isinstance(raw, dict):
        raise _fail(path, lines.line(i, rule_id), f'rules."{rule_id}" must be a table of {", ".join(RULE_KEYS)}')
    rule = exercise.rule(rule_id)
    for key, value in raw.items():
        at = lines.line(i, rule_id, key)
        if key not in RULE_KEYS:
            raise _fail(path, at, f"rule '{rule_id}': unknown key '{key}'; allowed: {', '.join(RULE_KEYS)}")
        if not _check_type(value, RULE_KEYS[key]):
            raise _fail(path, at, f"rule '{rule_id}': '{key}' must be a {RULE_KEYS[key].__name__}, not {value!r}")
        if key == "severity" and value not in ("major", "minor"):
            raise _fail(path, at, f'rule \'{rule_id}\': severity must be "major" or "minor", not {value!r}')
    changes = dict(raw)
    if "threshold" in changes:
        changes["threshold"] = float(changes["threshold"])
        changes["source"] = f"{rule.source} Set to {changes['threshold']:g} by the programme {path.name}."
    return replace(rule, **changes)


def _item(path: Path, lines: _Lines, i: int, raw: object) -> Item:
    if not isinstance(raw, dict):
        raise _fail(path, lines.line(i), "each [[exercise]] must be a table")
    for key, value in raw.items():
        at = lines.line(i, "", key)
        if key not in EXERCISE_KEYS:
            raise _fail(path, at, f"exercise {i + 1}: unknown key '{key}'; allowed: {', '.join(EXERCISE_KEYS)}")
        if not _check_type(value, EXERCISE_KEYS[key]):
            raise _fail(path, at, f"exercise {i + 1}: '{key}' must be a {EXERCISE_KEYS[key].__name__}, not {value!r}")
    if "name" not in raw:
        raise _fail(path, lines.line(i), f"exercise {i + 1}: missing 'name' (one of {', '.join(EXERCISES)})")
    try:
        exercise = get(raw["name"])
    except FormcheckError as exc:
        raise _fail(path, lines.line(i, "", "name"), str(exc)) from exc
    for key in ("sets", "reps"):
        if key in raw and not 1 <= raw[key] <= MOST[key]:
            raise _fail(path, lines.line(i, "", key), f"exercise {i + 1}: '{key}' must be from 1 to {MOST[key]}")
    for key in ("hold_s", "rest_s", "rep_s"):
        if key in raw and not 0 < raw[key] <= MOST[key]:
            raise _fail(path, lines.line(i, "", key),
                        f"exercise {i + 1}: '{key}' must be more than 0 and at most {MOST[key]:g} seconds")  # fmt: skip
    sides = raw.get("sides", exercise.sides)
    if sides not in SIDES:
        raise _fail(path, lines.line(i, "", "sides"), f"exercise {i + 1}: 'sides' must be one of {', '.join(SIDES)}")
    if exercise.sides == "both" and sides in ("each", "left", "right"):
        both = f"'{exercise.name}' is done with both legs at once: sides = \"both\""
        raise _fail(path, lines.line(i, "", "sides"), both)
    if exercise.kind == "reps" and "hold_s" in raw and "reps" not in raw and exercise.dosage.hold_s is None:
        raise _fail(path, lines.line(i, "", "hold_s"), f"'{exercise.name}' is counted in reps: give 'reps'")
    overrides = {r.id: r for r in exercise.rules}
    for rule_id, rule_raw in raw.get("rules", {}).items():
        overrides[rule_id] = _rule_override(path, lines, i, exercise, rule_id, rule_raw)
    # Turning a check off turns off its other views too (squat.depth and squat.depth_front are one check).
    named = set(raw.get("rules", {}))
    off = {overrides[r].check_id for r in named if not overrides[r].enabled}
    for rule in exercise.rules:
        if rule.id not in named and rule.check_id in off:
            overrides[rule.id] = replace(rule, enabled=False)
    dosage = Dosage(
        sets=raw.get("sets", exercise.dosage.sets),
        reps=raw.get("reps", exercise.dosage.reps),
        hold_s=float(raw["hold_s"]) if "hold_s" in raw else exercise.dosage.hold_s,
        rest_s=float(raw.get("rest_s", exercise.dosage.rest_s)),
    )
    tailored = replace(exercise, dosage=dosage, rules=tuple(overrides[r.id] for r in exercise.rules))
    rep_s = float(raw["rep_s"]) if "rep_s" in raw else None
    return Item(tailored, dosage.sets, dosage.reps, dosage.hold_s, sides, dosage.rest_s, rep_s)


def load(path: Path) -> Programme:
    """Read and validate a programme file; errors name the line, the key and what is allowed."""
    if not path.is_file():
        raise FormcheckError(f"{path}: no such programme file")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise _fail(path, int(match.group(1)) if match else 1, f"not valid TOML: {exc}") from exc
    lines = _Lines(text)
    unknown = set(data) - {"programme", "exercise"}
    if unknown:
        key = sorted(unknown)[0]
        raise _fail(path, lines.line(-1, "", key), f"unknown top-level key '{key}'; allowed: [programme], [[exercise]]")
    head = data.get("programme", {})
    for key, value in head.items():
        if key not in PROGRAMME_KEYS or not isinstance(value, str):
            allowed = ", ".join(PROGRAMME_KEYS)
            raise _fail(path, lines.line(-1, "", key), f"[programme]: '{key}' must be one of {allowed} (text)")
    raw_items = data.get("exercise", [])
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(path, 1, "no exercises: add at least one [[exercise]] table with a name")
    items = tuple(_item(path, lines, i, raw) for i, raw in enumerate(raw_items))
    return Programme(path, head.get("title", path.stem), head.get("patient", ""), head.get("notes", ""), items)


def describe(programme: Programme) -> list[str]:
    """What `formcheck programme check` prints for a valid file."""
    from formcheck.exercises.describe import dosage_text

    who = f" (patient {programme.patient})" if programme.patient else ""
    out = [f"{programme.path}: valid: {programme.title}{who}"]
    for item in programme.items:
        changed = [r.id for r in item.exercise.rules if r.source.endswith(f"by the programme {programme.path.name}.")]
        extra = f"; thresholds set: {', '.join(changed)}" if changed else ""
        tempo = f", {item.rep_s:g} s a rep" if item.rep_s else ""
        out.append(f"  {item.exercise.name}: {dosage_text(item.exercise)}{tempo}, sides {item.sides}{extra}")
    return out
