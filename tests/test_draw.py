"""Drawing on frames: text that stays legible over any background."""

from __future__ import annotations

import numpy as np
import pytest

from formcheck.draw.overlay import WHITE, text


@pytest.mark.parametrize("scale", [0.7, 1.2])  # a one-pixel stroke and a two-pixel one
def test_outlined_text_lines_up_with_its_outline(scale: float) -> None:
    # A cue over the video is drawn twice, a black outline and the colour over it. OpenCV's letter spacing depends
    # on the stroke: a one-pixel text over a three-pixel outline drifted off it along the line (unreadable cues).
    img = np.zeros((80, 700, 3), np.uint8)
    img[:] = (0, 0, 255)
    text(img, "Keep your chest up", (5, 50), scale, WHITE)
    white = np.flatnonzero((img > 200).all(axis=2).any(axis=0))
    dark = np.flatnonzero((img < 60).all(axis=2).any(axis=0))
    assert len(white) and dark.min() <= white.min() and white.max() <= dark.max(), (white.max(), dark.max())
    assert dark.max() - white.max() <= 4  # the outline ends with the text, not a word-width past it
