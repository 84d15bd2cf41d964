"""PoseEstimator: the only module that imports mediapipe. Frames in, 33 landmarks out."""

from __future__ import annotations

from types import TracebackType

import cv2
import mediapipe as mp
import numpy as np
from mediapipe.tasks.python import BaseOptions, vision

from formcheck.landmarks import NAMES
from formcheck.models.paths import model_path
from formcheck.types import Frame, Pose

MIN_DETECTION = 0.5
MIN_TRACKING = 0.5


class PoseEstimator:
    """MediaPipe Pose Landmarker in VIDEO mode (tracking across frames with real timestamps)."""

    def __init__(self, variant: str = "full", num_poses: int = 1) -> None:
        self.variant = variant
        path = model_path(variant)
        options = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(path)),
            running_mode=vision.RunningMode.VIDEO,
            num_poses=num_poses,
            min_pose_detection_confidence=MIN_DETECTION,
            min_pose_presence_confidence=MIN_DETECTION,
            min_tracking_confidence=MIN_TRACKING,
        )
        self._landmarker = vision.PoseLandmarker.create_from_options(options)
        self._last_ms = -1
        self._anchor: np.ndarray | None = None  # hip centre of the person being followed

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Release the model."""
        self._landmarker.close()

    def estimate(self, frame: Frame) -> tuple[Pose, int]:
        """The followed person's pose in this frame, and how many people were found."""
        rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
        ms = max(round(frame.t * 1000), self._last_ms + 1)  # strictly increasing, as VIDEO mode needs
        self._last_ms = ms
        result = self._landmarker.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), ms)
        people = [
            np.array([[lm.x, lm.y, lm.z, lm.visibility or 0.0] for lm in person], dtype=float)
            for person in result.pose_landmarks
        ]
        if not people:
            return Pose.missing(), 0
        chosen = self._follow(people)
        return Pose(chosen), len(people)

    def _follow(self, people: list[np.ndarray]) -> np.ndarray:
        """Keep following the person who was there first (nearest to where they last were)."""
        hips = [p[[NAMES.index("left_hip"), NAMES.index("right_hip")], :2].mean(axis=0) for p in people]
        if self._anchor is None:
            # First sighting: the largest person (nearest the camera) is the one exercising.
            sizes = [np.ptp(p[:, 1]) for p in people]
            i = int(np.argmax(sizes))
        else:
            i = int(np.argmin([np.linalg.norm(h - self._anchor) for h in hips]))
        self._anchor = hips[i]
        return people[i]
