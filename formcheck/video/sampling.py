"""How many frames a second the analysis looks at."""

from __future__ import annotations

# Counting and joint angles need no more than 30 samples a second: the fastest movement the programme asks
# for (a 0.7 s rep) still gets 20 samples, and the smoothing keeps nothing above ~3 Hz. A 60 fps phone clip
# is therefore analysed at 30 frames a second (every other frame, with its exact timestamp), which halves
# the model's work; `--every-frame` analyses all of them.
DEFAULT_MAX_FPS = 30.0
