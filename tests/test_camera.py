"""The webcam source's frame order, on a stand-in for the capture device (no camera on the test machines)."""

from __future__ import annotations

import numpy as np
import pytest

import formcheck.video.camera as camera


class NumberedCapture:
    """A capture device whose n-th picture is filled with n."""

    def __init__(self, index: int) -> None:
        self.reads = 0

    def isOpened(self) -> bool:  # OpenCV's name
        return True

    def set(self, prop: int, value: float) -> bool:
        return True

    def get(self, prop: int) -> float:
        return 30.0

    def read(self) -> tuple[bool, np.ndarray]:
        self.reads += 1
        return True, np.full((4, 6, 3), self.reads, np.uint8)

    def release(self) -> None:
        pass


def test_the_picture_read_on_opening_is_not_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The picture read when the camera opens tells its size; by the time frames are read (the model loaded, the
    session set up) it is stale, so the first frame handed out is a fresh one (it was that stale picture, at 0 s)."""
    monkeypatch.setattr(camera.cv2, "VideoCapture", NumberedCapture)
    source = camera.CameraSource(0)
    assert (source.info.width, source.info.height) == (6, 4)
    frames = iter(source)
    first, second = next(frames), next(frames)
    assert int(first.image[0, 0, 0]) == 2 and int(second.image[0, 0, 0]) == 3
    assert first.index == 0 and 0.0 <= first.t <= second.t
