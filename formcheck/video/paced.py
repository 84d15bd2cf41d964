"""Play a recording as if it were a camera: each frame is released at its own timestamp."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from formcheck.types import Frame


def paced(
    frames: Iterable[Frame],
    speed: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Frame]:
    """Yield frames no earlier than their timestamp (divided by `speed`) after the first one."""
    start: float | None = None
    for frame in frames:
        if start is None:
            start = clock() - frame.t / speed
        wait = start + frame.t / speed - clock()
        if wait > 0:
            sleep(wait)
        yield frame
