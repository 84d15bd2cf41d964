"""Capture keeps only the newest frame; a slow consumer drops stale frames; pacing follows timestamps."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

from formcheck.errors import FormcheckError
from formcheck.pipeline.grabber import FrameGrabber
from formcheck.types import Frame
from formcheck.video.paced import paced

IMAGE = np.zeros((4, 4, 3), np.uint8)


def frames(n: int, fps: float = 30.0) -> Iterator[Frame]:
    return (Frame(IMAGE, i / fps, i) for i in range(n))


def test_slow_consumer_gets_newest_frames_and_stale_ones_are_counted_dropped() -> None:
    grabber = FrameGrabber(paced(frames(30, fps=100.0))).start()
    got = []
    while True:
        item = grabber.latest(timeout=1.0)
        if item is None:
            break
        got.append(item.frame.index)
        time.sleep(0.05)  # a consumer five times slower than the source
    assert got == sorted(got) and got[-1] == 29  # in order, and the last frame is never lost
    assert len(got) < 15
    assert grabber.dropped == 30 - len(got) and grabber.captured == 30


def test_error_in_source_is_kept_for_the_session() -> None:
    def failing() -> Iterator[Frame]:
        yield from frames(3)
        raise FormcheckError("camera 0 stopped sending frames (unplugged?)")

    grabber = FrameGrabber(failing()).start()
    while grabber.latest(timeout=1.0) is not None:
        pass
    assert grabber.ended and grabber.error is not None and "unplugged" in str(grabber.error)


def test_paced_releases_frames_at_their_timestamps() -> None:
    clock = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        clock[0] += s

    out = [f.index for f in paced(frames(4, fps=10.0), clock=lambda: clock[0], sleep=sleep)]
    assert out == [0, 1, 2, 3]
    assert np.allclose(slept, [0.1, 0.1, 0.1])
    assert abs(clock[0] - 0.3) < 1e-9
