"""The live screen, drawn at the size it is shown (window or recording), legible from the mat.

The rep count and the current cue are drawn 1/12 of the canvas tall, so a patient 2–3 m from a laptop can
read them; the rest at 1/30: skeleton and key angles, counts per side against the target, the hold timer,
the phase, setup guidance, countdown, side-switch and rest prompts, set and programme progress, frame rate.
"""

from __future__ import annotations

import cv2
import numpy as np

from formcheck.draw.overlay import AMBER, GREEN, RED, WHITE, draw_angles, draw_skeleton, text
from formcheck.engine.records import Cue
from formcheck.session.view import CoachView
from formcheck.types import FrameKinematics

_FONT = cv2.FONT_HERSHEY_SIMPLEX
BIG = 1 / 12  # text height of the count and the cue, as a share of the canvas height
SMALL = 1 / 30
_CAP_PX = 22.0  # cap height of HERSHEY_SIMPLEX at scale 1


def _scale(canvas_h: int, share: float) -> float:
    return canvas_h * share / _CAP_PX


def _shade(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, alpha: float = 0.6) -> None:
    roi = img[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    roi[:] = (roi * (1 - alpha)).astype(img.dtype)


def _width(message: str, scale: float) -> int:
    return cv2.getTextSize(message, _FONT, scale, max(1, round(scale * 1.4)))[0][0]


def wrap(message: str, scale: float, width: int) -> list[str]:
    """Words into lines no wider than `width` pixels at `scale`."""
    lines: list[str] = []
    for word in message.split():
        if lines and _width(f"{lines[-1]} {word}", scale) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _counts(view: CoachView) -> str:
    result = view.result
    parts = []
    for side in view.done:
        label = "" if side == "both" else side[0].upper() + " "
        if view.exercise.kind == "reps":
            parts.append(f"{label}{view.done[side]}/{view.target}")
        else:
            held = result.hold_s.get(side, 0.0) if result else 0.0
            goal = f"/{view.hold_s:.0f}s" if view.hold_s else "s"
            parts.append(f"{label}{held:.0f}{goal}")
    return "  ".join(parts)


def _panel(img: np.ndarray, view: CoachView, fk: FrameKinematics | None) -> None:
    h, w = img.shape[:2]
    small, big = _scale(h, SMALL), _scale(h, BIG)
    gap = int(h * SMALL * 0.6)
    y = gap + int(h * SMALL)
    progress = f"  ({view.step + 1}/{view.steps})" if view.steps > 1 else ""
    lines = [(f"{view.exercise.title}{progress}", small, WHITE)]
    lines.append((_counts(view), big, GREEN))
    phase = view.result.phase if view.result else view.stage
    lines.append((f"Set {view.set_no}/{view.sets}  {phase}", small, WHITE))
    if view.side != "both" and view.stage in ("active", "switch", "countdown"):
        lines.append((f"Work your {view.side} leg", small, AMBER))
    placed = []
    for message, scale, color in lines:
        if scale == big:
            y += int(h * BIG) - int(h * SMALL) + gap
        placed.append((message, scale, color, y))
        y += int(h * SMALL) + gap
    width = max(_width(m, s) for m, s, _ in lines)
    _shade(img, 0, 0, width + 3 * gap, placed[-1][3] + 2 * gap)
    for message, scale, color, baseline in placed:
        text(img, message, (gap, baseline), scale, color, outline=False)
    if fk is not None:
        info = f"view: {fk.view}"
        text(img, info, (w - _width(info, small) - gap, h - int(h * BIG * 2.8)), small, WHITE)


def _bottom(img: np.ndarray, message: str, color: tuple[int, int, int]) -> None:
    h, w = img.shape[:2]
    big = _scale(h, BIG)
    gap = int(h * SMALL * 0.6)
    lines = wrap(message, big, w - 2 * gap)[:2]
    line_h = int(h * BIG) + gap
    top = h - len(lines) * line_h - gap
    _shade(img, 0, top, w, h)
    for i, line in enumerate(lines):
        text(img, line, (gap, top + (i + 1) * line_h - gap // 2), big, color, outline=False)


def _prompt(img: np.ndarray, view: CoachView) -> None:
    h, w = img.shape[:2]
    huge = view.stage == "countdown" and view.prompt.isdigit()
    scale = _scale(h, 1 / 4 if huge else BIG)
    color = RED if view.stage == "stopped" else (GREEN if view.stage in ("done", "countdown") else WHITE)
    lines = wrap(view.prompt, scale, int(w * 0.9))[:2]
    line_h = int(h / 4 if huge else h * BIG * 1.4)
    y = h // 2 - (len(lines) - 1) * line_h // 2
    for line in lines:
        x = max(5, (w - _width(line, scale)) // 2)
        _shade(img, x - line_h // 4, y - line_h, x + _width(line, scale) + line_h // 4, y + line_h // 4)
        text(img, line, (x, y), scale, color, outline=False)
        y += line_h


def draw_live(img: np.ndarray, xyzv: np.ndarray, fk: FrameKinematics | None, view: CoachView | None,
              cue: Cue | None, fps: float, notices: list[str]) -> None:  # fmt: skip
    """Draw the whole live overlay onto the canvas (the camera frame at the size it is shown), in place."""
    h, w = img.shape[:2]
    small = _scale(h, SMALL)
    draw_skeleton(img, xyzv)
    if view is None:
        _bottom(img, "Getting ready", WHITE)
        return
    if fk is not None:
        side = view.result.work_side if view.result else view.side
        draw_angles(img, xyzv, fk, view.exercise, side)
    _panel(img, view, fk)
    gap = int(h * SMALL * 0.6)
    for i, notice in enumerate([*notices, f"{fps:4.1f} fps"]):
        text(img, notice, (w - _width(notice, small) - gap, (i + 1) * (int(h * SMALL) + gap)), small, AMBER)
    if view.prompt:
        _prompt(img, view)
    if view.setup and view.stage in ("setup", "countdown"):
        _bottom(img, view.setup, AMBER)
    elif cue is not None:
        _bottom(img, cue.text, {"praise": GREEN, "setup": AMBER, "info": WHITE}.get(cue.kind, RED))
