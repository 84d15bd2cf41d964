"""Where pose models live and how a missing one is reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, get_args

from formcheck.errors import FormcheckError

Variant = Literal["lite", "full", "heavy"]
VARIANTS: tuple[str, ...] = get_args(Variant)
# Live sessions use the full model: on the labelled real clips it counts 46 of 47 exactly where the lite model counts
# 40 (benchmarks/counting.py --real [--model lite]; 45 and 39 when this was chosen), and it keeps up with a 30 fps
# webcam at 640×480 and 1280×720 on two cores (benchmarks/live.py: 30 fps, no frame dropped). `--model lite`
# remains for slower machines.
LIVE_MODEL: Variant = "full"


def models_dir() -> Path:
    """The models folder: $FORMCHECK_MODELS_DIR, else the checkout's models/, else the user data dir."""
    env = os.environ.get("FORMCHECK_MODELS_DIR")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "formcheck" / "models"


def model_path(variant: str) -> Path:
    """Path of an installed model bundle, or a FormcheckError naming the install command."""
    check_variant(variant)
    path = models_dir() / f"pose_landmarker_{variant}.task"
    if not path.is_file():
        raise FormcheckError(
            f"pose model '{variant}' is not installed ({path} missing): "
            f"run `formcheck models install --variant {variant}`"
        )
    return path


def check_variant(variant: str) -> None:
    """Reject an unknown model variant with the valid ones listed."""
    if variant not in VARIANTS:
        raise FormcheckError(f"unknown model variant '{variant}': choose one of {', '.join(VARIANTS)}")
