"""The live screen: skeleton and key angles, counts per side against the target, hold timer, phase, the cue,
setup guidance, countdown, side-switch and rest prompts, set and programme progress, frames per second."""

from __future__ import annotations

import cv2
import numpy as np

from formcheck.draw.overlay import AMBER, GREEN, RED, WHITE, draw_angles, draw_skeleton, text
from formcheck.engine.records import Cue
from formcheck.live.coach import CoachView
from formcheck.types import FrameKinematics

_FONT = cv2.FONT_HERSHEY_SIMPLEX


def _shade(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, alpha: float = 0.6) -> None:
    roi = img[y0:y1, x0:x1]
    roi[:] = (roi * (1 - alpha)).astype(img.dtype)


def _centered(img: np.ndarray, message: str, scale: float, color: tuple[int, int, int], y: int) -> None:
    thick = max(2, round(scale * 2))
    (tw, th), _ = cv2.getTextSize(message, _FONT, scale, thick)
    x = max(5, (img.shape[1] - tw) // 2)
    _shade(img, max(0, x - 12), max(0, y - th - 14), min(img.shape[1], x + tw + 12), min(img.shape[0], y + 14))
    text(img, message, (x, y), scale, color)


def _counts(view: CoachView) -> str:
    result = view.result
    parts = []
    for side in view.done:
        label = "" if side == "both" else side[0].upper() + " "
        mark = ">" if side == view.side and side != "both" else " "
        if view.exercise.kind == "reps":
            parts.append(f"{mark}{label}{view.done[side]}/{view.target}")
        else:
            held = result.hold_s.get(side, 0.0) if result else 0.0
            goal = f"/{view.hold_s:.0f}s" if view.hold_s else "s"
            holds = f" ({view.done[side]}/{view.target})" if view.target > 1 else ""
            parts.append(f"{mark}{label}{held:4.1f}{goal}{holds}")
    return ("Reps " if view.exercise.kind == "reps" else "Hold ") + " ".join(parts).strip()


def draw_live(
    img: np.ndarray, xyzv: np.ndarray, fk: FrameKinematics, view: CoachView, cue: Cue | None, fps: float,
    notices: list[str],
) -> None:  # fmt: skip
    """Draw the whole live overlay onto the frame the pose came from, in place."""
    h, w = img.shape[:2]
    scale = max(0.55, w / 1200)
    line = int(32 * scale)
    draw_skeleton(img, xyzv)
    side = view.result.work_side if view.result else view.side
    draw_angles(img, xyzv, fk, view.exercise, side)
    _shade(img, 0, 0, min(w, int(w * 0.5)), int(line * 5.4))
    progress = f"  ({view.step + 1}/{view.steps})" if view.steps > 1 else ""
    text(img, f"{view.exercise.title}{progress}", (10, line), scale, WHITE, outline=False)
    text(img, _counts(view), (10, 2 * line), scale, GREEN, outline=False)
    phase = view.result.phase if view.result else view.stage
    worked = f" ({view.result.work_side})" if view.result and view.result.work_side in ("left", "right") else ""
    text(img, f"Set {view.set_no}/{view.sets}   {phase}{worked}", (10, 3 * line), scale * 0.8, WHITE, outline=False)
    text(img, f"view: {fk.view}   {fps:4.1f} fps", (10, 4 * line), scale * 0.7, WHITE, outline=False)
    if view.side != "both" and view.stage in ("active", "switch", "countdown"):
        text(img, f"Work your {view.side} leg", (10, 5 * line), scale * 0.7, AMBER, outline=False)
    for i, notice in enumerate(notices):
        (tw, _), _ = cv2.getTextSize(notice, _FONT, scale * 0.7, 2)
        text(img, notice, (max(5, w - tw - 10), (i + 1) * line), scale * 0.7, AMBER)
    if view.prompt:
        big = view.stage == "countdown" and view.prompt.isdigit()
        color = RED if view.stage == "stopped" else (GREEN if view.stage in ("done", "countdown") else WHITE)
        _centered(img, view.prompt, scale * (3.5 if big else 1.3), color, h // 2)
    message, color = "", WHITE
    if view.setup and view.stage in ("setup", "countdown"):
        message, color = view.setup, AMBER
    elif cue is not None:
        message = cue.text
        color = {"praise": GREEN, "setup": AMBER, "info": WHITE}.get(cue.kind, RED)
    if message:
        _shade(img, 0, h - int(1.5 * line), w, h)
        text(img, message, (10, h - int(0.5 * line)), scale, color, outline=False)
