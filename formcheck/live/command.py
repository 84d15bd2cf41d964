"""What `formcheck live` does with its options before and after the session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from formcheck.io.results import read_json, write_json
from formcheck.live.run import LiveOptions, LiveOutcome, default_out
from formcheck.models.paths import LIVE_MODEL, check_variant, model_path
from formcheck.session.plan import plan_for
from formcheck.summary import SessionSummary


@dataclass(frozen=True)
class LiveArgs:
    """The command's options."""

    exercise: str = ""
    programme: Path | None = None
    camera: int = 0
    model: str = LIVE_MODEL
    voice: bool | None = None
    out: Path | None = None
    source: Path | None = None
    headless: bool = False
    record: Path | None = None
    patient: str = ""
    pain_before: int | None = None
    speed: float = 1.0
    every_frame: bool = False
    countdown_s: float = 3.0


def start_live(args: LiveArgs) -> LiveOptions:
    """Check everything that can be checked before the camera opens."""
    plan = plan_for(args.exercise, args.programme)
    check_variant(args.model)
    model_path(args.model)  # a missing model is reported before the camera opens
    speak = args.voice if args.voice is not None else (not args.headless and shutil.which("espeak-ng") is not None)
    head = SessionSummary(kind="live", patient=args.patient or plan.patient, programme=plan.programme,
                          pain_before=args.pain_before)  # fmt: skip
    return LiveOptions(steps=plan.steps, out=args.out or default_out(), source=args.source, camera=args.camera,
                       model=args.model, voice=speak, headless=args.headless, record=args.record, speed=args.speed,
                       every_frame=args.every_frame,
                       countdown_s=args.countdown_s, head=head)  # fmt: skip


def finish_live(outcome: LiveOutcome, pain_after: int | None) -> LiveOutcome:
    """Record the pain after the session in its summary."""
    if pain_after is None:
        return outcome
    path = outcome.folder / "summary.json"
    data = read_json(path)
    if isinstance(data, dict):
        data["pain_after"] = pain_after
        write_json(path, data)
    return replace(outcome, summary=replace(outcome.summary, pain_after=pain_after))
