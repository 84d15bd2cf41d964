"""Drawing on frames: skeleton, key angles by their joints, counts, phase and the current cue."""

from __future__ import annotations

import math

import cv2
import numpy as np

from formcheck.engine.records import FrameResult
from formcheck.exercises.spec import Exercise
from formcheck.landmarks import SKELETON, side_landmark
from formcheck.types import FrameKinematics

_JOINT_OF = {
    "knee_flexion": "knee", "hip_flexion": "hip", "hip_abduction": "hip", "trunk_lean": "shoulder",
    "pelvis_rise": "hip", "trunk_lean_toward": "shoulder", "heel_lift": "heel", "shin_lean": "ankle",
}  # fmt: skip
# RGB: frames travel in RGB from the decoder to the encoder (the window converts once, for display).
WHITE, BLACK, GREEN, AMBER, RED = (255, 255, 255), (0, 0, 0), (80, 200, 80), (255, 190, 0), (230, 60, 60)
_FONT = cv2.FONT_HERSHEY_SIMPLEX


def text(img: np.ndarray, message: str, org: tuple[int, int], scale: float, color: tuple[int, int, int],
         outline: bool = True) -> None:  # fmt: skip
    """Anti-aliased text, outlined in black unless it sits on a dark panel."""
    thick = max(1, round(scale * 1.4))
    if outline:  # legible over any background; not needed on the dark panel
        _outline(img, message, org, scale, thick)
    cv2.putText(img, message, org, _FONT, scale, color, thick, cv2.LINE_AA)


def _outline(img: np.ndarray, message: str, org: tuple[int, int], scale: float, thick: int) -> None:
    """The text's own strokes, grown by `thick` pixels all round, darkened into the image under it.

    Not a thicker stroke of the same text: OpenCV spaces a one-pixel stroke's letters closer than a thicker one's
    (an 18-letter cue at scale 0.7: 179 against 191 px), so the text drifted off its outline, and it draws every
    stroke from 2 px up alike. Eight shifted copies in black were right but cost ten times a plain text."""
    (w, h), base = cv2.getTextSize(message, _FONT, scale, thick)
    pad = 2 * thick + 2
    x0, y0 = max(0, org[0] - pad), max(0, org[1] - h - pad)
    x1, y1 = min(img.shape[1], org[0] + w + pad), min(img.shape[0], org[1] + base + pad)
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.putText(mask, message, (org[0] - x0, org[1] - y0), _FONT, scale, 255, thick, cv2.LINE_AA)
    grown = cv2.dilate(mask, np.ones((2 * thick + 1, 2 * thick + 1), np.uint8))
    roi = img[y0:y1, x0:x1]
    keep = cv2.cvtColor(255 - grown, cv2.COLOR_GRAY2RGB)
    cv2.multiply(roi, keep, dst=roi, scale=1.0 / 255.0)


def draw_skeleton(img: np.ndarray, xyzv: np.ndarray, min_visibility: float = 0.3) -> None:
    """Bones and joints of one pose (normalised landmarks) onto an RGB image, in place."""
    h, w = img.shape[:2]
    pts = xyzv[:, :2] * (w, h)
    ok = np.isfinite(pts).all(axis=1) & (np.nan_to_num(xyzv[:, 3]) >= min_visibility)
    thick = max(2, w // 320)
    for a, b in SKELETON:
        if ok[a] and ok[b]:
            color = AMBER if "LEFT" in a.name else GREEN
            p, q = tuple(int(v) for v in pts[a]), tuple(int(v) for v in pts[b])
            cv2.line(img, p, q, color, thick, cv2.LINE_AA)
    for i in np.flatnonzero(ok[11:]) + 11:
        cv2.circle(img, (int(pts[i, 0]), int(pts[i, 1])), thick + 1, WHITE, -1, cv2.LINE_AA)


def draw_angles(img: np.ndarray, xyzv: np.ndarray, fk: FrameKinematics, exercise: Exercise, side: str) -> None:
    """The exercise's key angles next to their joints."""
    h, w = img.shape[:2]
    names = [exercise.motion.signal] + [r.signal for r in exercise.rules if r.measure in ("max", "min", "abs_max")]
    sides = ("left", "right") if side not in ("left", "right") else (side,)
    if side not in ("left", "right") and fk.view == "side" and fk.facing in ("left", "right"):
        sides = (fk.facing,)
    scale = max(0.55, w / 1200)
    shown: set[tuple[str, str]] = set()
    for name in dict.fromkeys(names):
        joint = _JOINT_OF.get(name)
        if joint is None or name not in fk.signals:
            continue
        for s in sides:
            value = fk.value(name, s)
            lm = side_landmark(s, joint)
            x, y = xyzv[lm, 0] * w, xyzv[lm, 1] * h
            if not (math.isfinite(value) and math.isfinite(x) and math.isfinite(y)) or (joint, s) in shown:
                continue
            shown.add((joint, s))
            text(img, f"{value:.0f}", (int(x) + 8, int(y) - 6), scale, WHITE)


def draw_panel(
    img: np.ndarray, exercise: Exercise, result: FrameResult, target: int | None, fps: float | None = None
) -> None:
    """Top-left panel: exercise, reps per side against the target, hold timer, phase; cue at the bottom."""
    h, w = img.shape[:2]
    scale = max(0.7, w / 1100)
    line = int(34 * scale)
    panel = img[: int(line * 4.3), : int(w * 0.42)]  # darkened to 40 %: the frame shows through
    cv2.addWeighted(panel, 0.4, panel, 0.0, 0, dst=panel)
    text(img, exercise.title, (10, line), scale, WHITE, outline=False)
    if exercise.kind == "reps":
        counts = "  ".join(
            f"{s[0].upper() if s != 'both' else ''}{' ' if s != 'both' else ''}{result.reps[s]}"
            f"{'/' + str(target) if target else ''}"
            for s in result.reps
        )
        text(img, f"Reps {counts.strip()}", (10, 2 * line), scale, GREEN, outline=False)
    else:
        held = "  ".join(f"{s[0].upper()} {v:4.1f}s" for s, v in result.hold_s.items())
        text(img, f"Hold {held}", (10, 2 * line), scale, GREEN, outline=False)
    phase = result.phase + (f" ({result.work_side})" if result.work_side in ("left", "right") else "")
    text(img, f"{phase}  view: {result.view}", (10, 3 * line), scale * 0.8, WHITE, outline=False)
    if fps is not None:
        text(img, f"{fps:4.1f} fps", (10, 4 * line), scale * 0.7, WHITE, outline=False)
    message = result.setup_message or next((c.text for c in result.cues), "")
    if message:
        color = AMBER if result.setup_message else (GREEN if result.cues[0].kind == "praise" else RED)
        text(img, message, (10, h - int(0.6 * line)), scale, color)
