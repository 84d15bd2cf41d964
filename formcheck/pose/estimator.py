"""PoseEstimator: the only module that imports mediapipe. Frames in, 33 landmarks out."""

from __future__ import annotations

from types import TracebackType

import cv2
import mediapipe as mp
import numpy as np
from mediapipe.tasks.python import BaseOptions, vision

from formcheck.models.paths import model_path
from formcheck.types import Frame, Pose

MIN_DETECTION = 0.5
MIN_TRACKING = 0.5


CENSUS_EVERY_S = 2.0  # how often to look for other people (a full 3-person detection costs ~2 tracked frames)


class PoseEstimator:
    """MediaPipe Pose Landmarker in VIDEO mode (tracking across frames with real timestamps).

    Tracking one pose keeps following the person already found (the ROI follows them), which is
    what "track the one who was there first" needs; a second, IMAGE-mode landmarker counts the
    people in view every two seconds so a second person is reported without doubling the per-frame cost.
    """

    def __init__(self, variant: str = "full", census_every_s: float | None = CENSUS_EVERY_S) -> None:
        self.variant = variant
        path = model_path(variant)
        self._landmarker = vision.PoseLandmarker.create_from_options(self._options(path, vision.RunningMode.VIDEO, 1))
        self._census = (
            vision.PoseLandmarker.create_from_options(self._options(path, vision.RunningMode.IMAGE, 3))
            if census_every_s
            else None
        )
        self._census_every = census_every_s or 0.0
        self._next_census = 0.0
        self.people = 1
        self._last_ms = -1

    @staticmethod
    def _options(path: object, mode: vision.RunningMode, num_poses: int) -> vision.PoseLandmarkerOptions:
        return vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(path)),
            running_mode=mode,
            num_poses=num_poses,
            min_pose_detection_confidence=MIN_DETECTION,
            min_pose_presence_confidence=MIN_DETECTION,
            min_tracking_confidence=MIN_TRACKING,
        )

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Release the model."""
        self._landmarker.close()
        if self._census is not None:
            self._census.close()

    def estimate(self, frame: Frame) -> tuple[Pose, int]:
        """The followed person's pose in this frame, and how many people were last counted in view."""
        rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
        ms = max(round(frame.t * 1000), self._last_ms + 1)  # strictly increasing, as VIDEO mode needs
        self._last_ms = ms
        result = self._landmarker.detect_for_video(image, ms)
        if self._census is not None and frame.t >= self._next_census:
            self._next_census = frame.t + self._census_every
            self.people = len(self._census.detect(image).pose_landmarks)
        if not result.pose_landmarks:
            return Pose.missing(), self.people
        person = result.pose_landmarks[0]
        xyzv = np.array([[lm.x, lm.y, lm.z, lm.visibility or 0.0] for lm in person], dtype=float)
        return Pose(xyzv), max(self.people, 1)
