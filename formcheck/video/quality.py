"""Picture checks that need pixels: is the frame too dark for the pose model?"""

from __future__ import annotations

import numpy as np

# Mean 8-bit brightness below which the frame is called too dark. Provisional: MediaPipe still finds a
# well-lit rendered person at a mean of ~90 and loses people in room shots under ~30; 40 warns before that.
DARK_BELOW = 40.0


def brightness(image: np.ndarray) -> float:
    """Mean brightness (0–255) of a BGR frame, sampled on a coarse grid (cheap enough for every frame)."""
    return float(image[::8, ::8].mean())


def too_dark(image: np.ndarray) -> bool:
    """Whether the frame is too dark to find a person reliably."""
    return brightness(image) < DARK_BELOW
