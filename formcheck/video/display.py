"""Where live frames go: a window with key handling, or nowhere (headless); either may also record them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import cv2
import numpy as np

from formcheck.errors import FormcheckError
from formcheck.video.writer import H264Writer

WINDOW = "formcheck"


class Display:
    """Shows frames in a window (unless headless) and records them (when given a path); returns key presses."""

    def __init__(self, headless: bool, record: Path | None, width: int, height: int, fps: float) -> None:
        self.headless = headless
        self.check(headless)
        if not headless:
            cv2.namedWindow(WINDOW, cv2.WINDOW_NORMAL)
        self._writer = H264Writer(record, width, height, fps, fragmented=True) if record is not None else None
        self.fps = fps
        self._written = 0

    @staticmethod
    def check(headless: bool) -> None:
        """Fail early, before the camera and model start, when there is no screen for the window."""
        screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if not headless and sys.platform.startswith("linux") and not screen:
            raise FormcheckError("no screen to show the window on: use --headless (with --record FILE to keep it)")

    def show(self, image: np.ndarray, t: float) -> str:
        """Show (and record) the frame of time `t` s; returns the key pressed ("" when none)."""
        if self._writer is not None:
            # Frames dropped while the model was busy are filled by repeating this one: the file keeps real time.
            repeat = max(1, round(t * self.fps) + 1 - self._written)
            for _ in range(repeat):
                self._writer.write(image)
            self._written += repeat
        if self.headless:
            return ""
        cv2.imshow(WINDOW, image)
        key = cv2.waitKey(1) & 0xFF
        if key == 255:
            return "" if cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) >= 1 else "q"  # window closed
        return "space" if key == 32 else ("q" if key == 27 else chr(key).lower())

    def close(self) -> None:
        """Finish the recording and close the window."""
        if self._writer is not None:
            self._writer.close()
        if not self.headless:
            cv2.destroyAllWindows()
