"""What `formcheck analyze` does with its options: the plan, the context and the run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from formcheck.analyze import Analysis, Request, analyze_landmarks, analyze_video
from formcheck.errors import FormcheckError
from formcheck.models.choice import AUTO, check_choice, resolve
from formcheck.pain import check_pain
from formcheck.session.plan import plan_for
from formcheck.summary import SessionSummary


@dataclass(frozen=True)
class AnalyzeArgs:
    """The command's options."""

    video: Path | None
    exercise: str = ""
    out: Path | None = None
    model: str = AUTO  # by exercise (formcheck.models.choice)
    annotate: bool = False
    landmarks: Path | None = None
    programme: Path | None = None
    patient: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    every_frame: bool = False
    replace: bool = False
    size: str = ""  # WIDTHxHEIGHT of the image a landmarks CSV was measured in


def parse_size(text: str) -> tuple[int, int] | None:
    """ "1280x720" → (1280, 720); "" → None; anything else is an error naming the form."""
    if not text:
        return None
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise FormcheckError(f"--size must be WIDTHxHEIGHT in pixels (e.g. 1280x720), not {text!r}")
    return int(parts[0]), int(parts[1])


def run_analyze(
    args: AnalyzeArgs, progress: Callable[[int, int], None] | None = None, warn: Callable[[str], None] | None = None
) -> Analysis:
    """Check the options, then analyse the video (or replay the landmarks); `warn` is told of a model fallback."""
    plan = plan_for(args.exercise, args.programme, one=True)
    check_choice(args.model)
    head = SessionSummary(kind="analyze", patient=args.patient or plan.patient, programme=plan.programme,
                          pain_before=check_pain(args.pain_before), pain_after=check_pain(args.pain_after))  # fmt: skip
    if args.landmarks is not None and args.video is not None:
        raise FormcheckError(f"give a VIDEO ({args.video}) or --landmarks FILE.csv ({args.landmarks}), not both")
    if args.landmarks is not None:
        out = args.out or args.landmarks.parent / f"{args.landmarks.stem}_analysis"
        request = Request(plan.steps[0], out, replace=args.replace, head=head)
        return analyze_landmarks(args.landmarks, request, parse_size(args.size))
    if args.video is None:
        raise FormcheckError("give a VIDEO file, or --landmarks FILE.csv to replay saved landmarks")
    from formcheck.models.paths import model_path

    model, note = resolve(args.model, plan.steps[0].exercise)
    model_path(model)  # a missing model is reported before the video is opened
    if note and warn is not None:
        warn(f"note: {note}")
    out = args.out or Path("out") / args.video.stem
    request = Request(plan.steps[0], out, model=model, annotate=args.annotate, every_frame=args.every_frame,
                      replace=args.replace, head=head, progress=progress)  # fmt: skip
    return analyze_video(args.video, request)
