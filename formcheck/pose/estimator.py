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
MAX_PEOPLE = 3  # people found at once when more than one is in view
# How often to count the people in view while the tracked person is steady (finding one person and looking once more
# costs ~2 tracked frames: every 6 s is ~1 % of the frames); it also runs at once whenever tracking is lost.
CENSUS_EVERY_S = 6.0
SINGLE_AFTER = 2  # censuses in a row that see one person before going back to tracking one
# What this stage emits changes with how it finds people: caches of its output (benchmarks/poses_cache.py) carry it.
# 3: people found one at a time, each found head covered (stop 31); 1: MediaPipe's own multi-person modes.
STAGE_VERSION = 3


class PoseEstimator:
    """MediaPipe Pose Landmarker in VIDEO mode (tracking across frames with real timestamps).

    Tracking one pose is the cheap case: the detector runs only when the person is lost. Every CENSUS_EVERY_S, and
    whenever the tracked person is lost, the people in view are counted (find_people); while more than one is in
    view, every one of them is found in every frame, so the session can follow the one doing the exercise
    (formcheck.session.people), not just the one the model found first.

    MediaPipe's own multi-person mode is not used for that: asked for three poses, the tracking landmarker returns the
    one it locked on to (its model card: "tracks only one person on scene if multiple present"), and one detection
    asked for three often returns only the most prominent person. A rendered therapist kneeling upright behind a
    patient lying in a clamshell was the only person it found, and the patient was never followed
    (benchmarks/stress.py, clamshell-second-kneeling on the fresh seeds).
    """

    def __init__(self, variant: str = "full", census_every_s: float | None = CENSUS_EVERY_S) -> None:
        self.variant = variant
        self._path = str(model_path(variant))
        self._single = self._create(vision.RunningMode.VIDEO, 1)
        self._census = self._create(vision.RunningMode.IMAGE, 1) if census_every_s else None
        self._census_every = census_every_s or 0.0
        self._next_census = 0.0
        self._alone_censuses = 0
        self._crowded_censuses = 0  # censuses in a row that found more than one person
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
        for landmarker in (self._single, self._census):
            if landmarker is not None:
                landmarker.close()

    def find_people(self, image: np.ndarray) -> tuple[Pose, ...]:
        """Everyone in view in one RGB frame, one detection at a time (up to MAX_PEOPLE).

        The pose detector finds a person by their head; each person found has their head covered before the
        detector looks again, so the next most prominent person is found, until nobody more is or the one found
        is someone already found (their hips where another's are)."""
        assert self._census is not None
        found: list[Pose] = []
        height, width = image.shape[:2]
        search = image
        for _ in range(MAX_PEOPLE):
            result = self._census.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(search)))
            if not result.pose_landmarks:
                break
            world = result.pose_world_landmarks[0] if result.pose_world_landmarks else []
            pose = _pose(result.pose_landmarks[0], world)
            pixels = pose.xyzv[:, :2] * (width, height)
            if any(_found_before(pixels, other.xyzv[:, :2] * (width, height)) for other in found):
                break
            found.append(pose)
            if search is image:
                search = image.copy()
            _cover_head(search, pixels)
        return tuple(found)

    def _count(self, t: float, poses: tuple[Pose, ...]) -> None:
        """Census: how many people are in view; switches between tracking one and finding all."""
        self._next_census = t + self._census_every
        if len(poses) > 1:
            self._alone_censuses = 0
            self._crowded_censuses += 1
            if self._crowded_censuses >= CONFIRM_FRAMES:
                self.people, self.multi = len(poses), True
            elif not self.multi:
                self._next_census = t  # look again on the next frame before following several
        else:
            self.people = len(poses)
            self._crowded_censuses = 0
            self._alone_censuses += 1
            if self._alone_censuses >= SINGLE_AFTER:
                self.multi = False

    def estimate(self, frame: Frame) -> People:
        """Everyone in view in this RGB frame (the first is the one found first) and the people last counted."""
        ms = max(round(frame.t * 1000), self._last_ms + 1)  # strictly increasing, as VIDEO mode needs
        self._last_ms = ms
        found: tuple[Pose, ...] | None = None
        if self._census is not None and (self.multi or frame.t >= self._next_census):
            start = time.perf_counter()
            found = self.find_people(frame.image)
            self.census_s += time.perf_counter() - start
            if frame.t >= self._next_census:
                self._count(frame.t, found)
        if self.multi and found is not None:
            poses = found
        else:
            image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame.image))
            result = self._single.detect_for_video(image, ms)
            poses = tuple(_pose(lms, world) for lms, world in zip(result.pose_landmarks, result.pose_world_landmarks,
                                                                   strict=False))  # fmt: skip
        if not poses and self._had_person and self._census is not None:
            self._next_census = frame.t  # tracking lost: look again at once on the next frame
        self._had_person = bool(poses)
        return People(poses, max(self.people, len(poses)))


# A person found twice: shoulders and hips, point for point, closer on average than this share of the torso. (Their
# hip centres alone are not enough: a therapist kneeling just behind a patient's pelvis has their hips where the
# patient's are at the top of a bridge.)
SAME_PERSON_TORSO = 0.3
TORSO_POINTS = [11, 12, 23, 24]
# ... or a body made up inside someone found: with a lone person's head covered, the detector can find "a person"
# in their own limbs (a real bridge with a ball between the knees gave such in a third of its frames), with the made-up
# head on the body. Someone whose head (its landmarks' centre) lies inside the box of a found person's shoulders,
# elbows, wrists, hips, knees and ankles is taken for that: 4 of that bridge's 150 frames looked at still show one. A
# therapist kneeling behind a lying patient has their head above the patient and the patient's head beyond theirs.
BODY_POINTS = [11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]
# Several people are followed only once the census has found more than one in this many frames in a row (a body
# made up for a frame or two is not a second person).
CONFIRM_FRAMES = 3

# The head covered before looking again: a square this many times the head's landmark spread (nose, eyes, ears,
# mouth) around their centre, never under half the shoulders' width (a head seen from behind or far away).
HEAD_COVER = 1.2


def _found_before(new: np.ndarray, other: np.ndarray) -> bool:
    """Image landmarks (33, 2) in pixels: is `new` someone already found as `other`, or made up inside them?"""
    torso = float(np.linalg.norm(new[[11, 12]].mean(axis=0) - new[[23, 24]].mean(axis=0)))
    apart = float(np.linalg.norm(new[TORSO_POINTS] - other[TORSO_POINTS], axis=1).mean())
    if apart < SAME_PERSON_TORSO * max(torso, 1.0):
        return True
    head, body = new[0:11].mean(axis=0), other[BODY_POINTS]
    return bool(np.all(head >= body.min(axis=0)) and np.all(head <= body.max(axis=0)))


def _cover_head(image: np.ndarray, pixels: np.ndarray) -> None:
    """Paint over a found person's head (in place) with the picture's mean colour."""
    head, shoulders = pixels[0:11], pixels[[11, 12]]
    centre = head.mean(axis=0)
    spread = float(np.ptp(head, axis=0).max())
    half = HEAD_COVER * max(spread, 0.5 * float(np.linalg.norm(shoulders[0] - shoulders[1])), 8.0)
    height, width = image.shape[:2]
    x0, x1 = int(max(0, centre[0] - half)), int(min(width, centre[0] + half))
    y0, y1 = int(max(0, centre[1] - half)), int(min(height, centre[1] + half))
    if x0 < x1 and y0 < y1:
        image[y0:y1, x0:x1] = image.reshape(-1, image.shape[-1]).mean(axis=0).astype(image.dtype)


def _pose(landmarks: list, world: list) -> Pose:
    xyzv = np.array([[lm.x, lm.y, lm.z, lm.visibility or 0.0] for lm in landmarks], dtype=float)
    xyz = np.array([[lm.x, lm.y, lm.z] for lm in world], dtype=float) if world else None
    return Pose(xyzv, xyz) if xyz is not None and xyz.shape == (33, 3) else Pose(xyzv)
