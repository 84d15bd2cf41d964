"""The JSON form of the typed results (summary.json, reps.json), validated on the way in."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.errors import FormcheckError
from formcheck.summary import ExerciseSummary, SessionSummary

_SESSION = TypeAdapter(SessionSummary)
_EXERCISE = TypeAdapter(ExerciseSummary)
_REP = TypeAdapter(RepRecord)
_HOLD = TypeAdapter(HoldRecord)

Json = dict[str, Any]


def summary_to_json(session: SessionSummary | None, exercise: ExerciseSummary | None) -> Json:
    """summary.json content: the exercise's fields, the session's, or both in one object (one exercise)."""
    out: Json = _EXERCISE.dump_python(exercise, mode="json") if exercise is not None else {}
    if session is not None:
        out.update(_SESSION.dump_python(session, mode="json"))
    return out


def session_from_json(data: object, where: Path) -> SessionSummary:
    """The session fields of a summary.json (any schema this version knows)."""
    _check_schema(data, where)
    try:
        return _SESSION.validate_python(data)
    except ValidationError as exc:
        raise FormcheckError(f"{where}: not a formcheck summary ({_first_error(exc)})") from exc


def exercise_from_json(data: object, where: Path) -> ExerciseSummary | None:
    """The exercise fields of a summary.json, or None when it has none (a live session stopped before)."""
    _check_schema(data, where)
    if not isinstance(data, dict) or "exercise" not in data:
        return None
    try:
        return _EXERCISE.validate_python(data)
    except ValidationError as exc:
        raise FormcheckError(f"{where}: not a formcheck summary ({_first_error(exc)})") from exc


def record_to_json(record: RepRecord | HoldRecord, set_no: int | None = None) -> Json:
    """One reps.json entry, with the derived fields a reader wants (kind, duration, tempo, completed)."""
    d = asdict(record)
    d["faults"], d["not_assessed"] = list(record.faults), list(record.not_assessed)
    if isinstance(record, RepRecord):
        d.update(kind="rep", duration_s=round(record.duration_s, 3),
                 tempo={"up_s": round(record.peak_s - record.start_s, 3),
                        "down_s": round(record.end_s - record.peak_s, 3)})  # fmt: skip
    else:
        d.update(kind="hold", completed=record.completed)
    if set_no is not None:
        d["set"] = set_no
    return d


def record_from_json(data: object, where: Path) -> RepRecord | HoldRecord:
    """One reps.json entry back as a record."""
    kind = data.get("kind") if isinstance(data, dict) else None
    try:
        return _HOLD.validate_python(data) if kind == "hold" else _REP.validate_python(data)
    except ValidationError as exc:
        raise FormcheckError(f"{where}: a record is not readable ({_first_error(exc)})") from exc


def _check_schema(data: object, where: Path) -> None:
    from formcheck.summary import SCHEMA

    if not isinstance(data, dict):
        raise FormcheckError(f"{where}: not a formcheck summary (expected a JSON object)")
    schema = data.get("schema", 1)
    if not isinstance(schema, int) or schema > SCHEMA:
        raise FormcheckError(f"{where}: written by a newer formcheck (schema {schema}); upgrade to read it")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
