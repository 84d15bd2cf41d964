"""Which pose model a recording is analysed with when none is asked for ("auto"): chosen per kind of exercise.

Measured with `benchmarks/counting.py [--real] [--rendered [--fresh]] --model full|heavy` (stop 29, README "Which
pose model"). The heavy model places the legs of a person holding a floor posture better: the pigeon seen at 30°
from the front or behind and the half-kneeling stretch at 30°, where the full model reads the folded front knee at
50-85° (the held posture starts at 80°) or puts the fold on the wrong leg. Timed holds on the renders: 14 of 17 with
heavy against 11 on the development seeds, 12 against 10 on the fresh seeds; on the real hold clips 4 of 5 with
both. For reps it is no better: real clips 44 of 47 against 46 (the counting constants were checked on the full
model's output), renders 60 and 57 of 65 against 61 and 58. So holds are analysed with heavy, reps with full. A hold
is a still posture timed over 20-30 s, where the heavy model's cost (2.7 times the full one's on a 720p clip here)
buys the most and real time is not needed; `live` keeps the full model (formcheck.models.paths.LIVE_MODEL), which
keeps up with a webcam.
"""

from __future__ import annotations

from formcheck.errors import FormcheckError
from formcheck.exercises.spec import Exercise, HoldMotion
from formcheck.models.paths import VARIANTS, Variant, model_path

AUTO = "auto"
CHOICES: tuple[str, ...] = (AUTO, *VARIANTS)
HOLD_MODEL: Variant = "heavy"
REP_MODEL: Variant = "full"


def check_choice(model: str) -> None:
    """Reject an unknown --model value with the valid ones listed."""
    if model not in CHOICES:
        raise FormcheckError(f"unknown model variant '{model}': choose one of {', '.join(CHOICES)}")


def installed(variant: str) -> bool:
    """Whether the model's bundle is in the models folder."""
    try:
        model_path(variant)
    except FormcheckError:
        return False
    return True


def resolve(model: str, exercise: Exercise) -> tuple[str, str]:
    """The model to run for `exercise` and a note for the user ("" when none).

    An explicit choice is kept as given (a missing model is then reported by formcheck.models.paths.model_path). For
    "auto" a hold takes HOLD_MODEL if it is installed, otherwise REP_MODEL with a note saying how to install it.
    """
    if model != AUTO:
        return model, ""
    if not isinstance(exercise.motion, HoldMotion):
        return REP_MODEL, ""
    if installed(HOLD_MODEL):
        return HOLD_MODEL, ""
    return REP_MODEL, (
        f"timing the hold with the {REP_MODEL} pose model: the {HOLD_MODEL} one, which times floor holds better, is "
        f"not installed (`formcheck models install --variant {HOLD_MODEL}`)"
    )
