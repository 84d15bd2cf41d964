"""A webcam as a frame source: the same iterator of RGB Frames as a file, timestamps from the monotonic clock."""

from __future__ import annotations

import time
from collections.abc import Iterator

import cv2

from formcheck.errors import FormcheckError
from formcheck.types import Frame, VideoInfo

LOST_AFTER_S = 1.0  # no frame for this long after frames were flowing: the camera is gone


class SourceLost(FormcheckError):
    """The source stopped mid-session (camera unplugged); what was recorded is kept."""

    exit_code = 3


class CameraSource:
    """Opens webcam `index`; raises a clear error when there is none or it is busy."""

    def __init__(self, index: int, width: int = 1280, height: int = 720, fps: float = 30.0) -> None:
        self.index = index
        self._cap = cv2.VideoCapture(index)
        if not self._cap.isOpened():
            raise FormcheckError(
                f"no camera {index} found: plug one in, try another --camera number, or use --source FILE"
            )
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._cap.set(cv2.CAP_PROP_FPS, fps)
        ok, first = self._cap.read()
        if not ok or first is None:
            self._cap.release()
            raise FormcheckError(
                f"camera {index} is there but sends no picture: another program may be using it; close it and retry"
            )
        reported = self._cap.get(cv2.CAP_PROP_FPS)
        self.info = VideoInfo(
            width=int(first.shape[1]),
            height=int(first.shape[0]),
            fps=float(reported) if 0 < reported < 1000 else fps,
            frame_count=0,
            source=f"camera {index}",
        )

    def __iter__(self) -> Iterator[Frame]:
        # The frame read on opening only told the picture's size: by now (the model loaded, the session set up) it is
        # stale, and stamping it 0 s would put an old picture at the session's start. Frames come from here on.
        start = time.monotonic()
        index, frame = 0, None
        last_ok = start
        try:
            while True:
                if frame is not None:
                    yield Frame(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB, dst=frame), time.monotonic() - start, index)
                    index += 1
                    last_ok = time.monotonic()
                ok, frame = self._cap.read()
                if not ok:
                    frame = None
                    if time.monotonic() - last_ok > LOST_AFTER_S:
                        raise SourceLost(
                            f"camera {self.index} stopped sending frames (unplugged?); "
                            "the session so far is saved: plug it back in and start again"
                        )
                    time.sleep(0.01)
        finally:
            self._cap.release()
