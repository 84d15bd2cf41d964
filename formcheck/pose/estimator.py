"""PoseEstimator: the only module that imports mediapipe. RGB frames in, the people in view out.

Frames arrive in RGB (the video sources convert once, on their decode thread), so this stage needs no
image library of its own.
"""

from __future__ import annotations

import time
from types import TracebackType

import mediapipe as mp
import numpy as np
from mediapipe.tasks.python import BaseOptions, vision

from formcheck.models.paths import model_path
from formcheck.types import Frame, People, Pose

MIN_DETECTION = 0.5
MIN_TRACKING = 0.5
MAX_PEOPLE = 3  # people tracked at once when more than one is in view
# How often to count the people in view while the tracked person is steady (a 3-person detection costs ~2
# tracked frames: every 6 s is ~1 % of the frames); it also runs at once whenever tracking is lost.
CENSUS_EVERY_S = 6.0
SINGLE_AFTER = 2  # censuses in a row that see one person before going back to tracking one


class PoseEstimator:
    """MediaPipe Pose Landmarker in VIDEO mode (tracking across frames with real timestamps).

    Tracking one pose is the cheap case: the detector runs only when the person is lost. A second,
    IMAGE-mode landmarker counts the people in view every CENSUS_EVERY_S and whenever the tracked person is
    lost; while it sees more than one, a third landmarker tracks up to three people so the session can
    follow the one doing the exercise (formcheck.people), not just the one found first.
    """

    def __init__(self, variant: str = "full", census_every_s: float | None = CENSUS_EVERY_S) -> None:
        self.variant = variant
        self._path = str(model_path(variant))
        self._single = self._create(vision.RunningMode.VIDEO, 1)
        self._census = self._create(vision.RunningMode.IMAGE, MAX_PEOPLE) if census_every_s else None
        self._multi: vision.PoseLandmarker | None = None
        self._census_every = census_every_s or 0.0
        self._next_census = 0.0
        self._alone_censuses = 0
        self.people = 1
        self.multi = False
        self._last_ms = -1
        self._had_person = False
        self.census_s = 0.0  # time spent counting people (the benchmark reports its share)

    def _create(self, mode: vision.RunningMode, num_poses: int) -> vision.PoseLandmarker:
        options = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=self._path),
            running_mode=mode,
            num_poses=num_poses,
            min_pose_detection_confidence=MIN_DETECTION,
            min_pose_presence_confidence=MIN_DETECTION,
            min_tracking_confidence=MIN_TRACKING,
        )
        return vision.PoseLandmarker.create_from_options(options)

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Release the models."""
        for landmarker in (self._single, self._census, self._multi):
            if landmarker is not None:
                landmarker.close()

    def _count(self, image: mp.Image) -> None:
        """Census: how many people are in view; switches between tracking one and several."""
        assert self._census is not None
        start = time.perf_counter()
        self.people = len(self._census.detect(image).pose_landmarks)
        self.census_s += time.perf_counter() - start
        if self.people > 1:
            self._alone_censuses = 0
            if self._multi is None:
                self._multi = self._create(vision.RunningMode.VIDEO, MAX_PEOPLE)
            self.multi = True
        else:
            self._alone_censuses += 1
            if self._alone_censuses >= SINGLE_AFTER:
                self.multi = False

    def estimate(self, frame: Frame) -> People:
        """Everyone tracked in this RGB frame (the first is the one found first) and the people last counted."""
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame.image))
        ms = max(round(frame.t * 1000), self._last_ms + 1)  # strictly increasing, as VIDEO mode needs
        self._last_ms = ms
        if self._census is not None and frame.t >= self._next_census:
            self._next_census = frame.t + self._census_every
            self._count(image)
        landmarker = self._multi if self.multi and self._multi is not None else self._single
        result = landmarker.detect_for_video(image, ms)
        poses = tuple(_pose(lms, world) for lms, world in zip(result.pose_landmarks, result.pose_world_landmarks,
                                                               strict=False))  # fmt: skip
        if not poses and self._had_person and self._census is not None:
            self._next_census = frame.t  # tracking lost: look again at once on the next frame
        self._had_person = bool(poses)
        return People(poses, max(self.people, len(poses)))


def _pose(landmarks: list, world: list) -> Pose:
    xyzv = np.array([[lm.x, lm.y, lm.z, lm.visibility or 0.0] for lm in landmarks], dtype=float)
    xyz = np.array([[lm.x, lm.y, lm.z] for lm in world], dtype=float) if world else None
    return Pose(xyzv, xyz) if xyz is not None and xyz.shape == (33, 3) else Pose(xyzv)
