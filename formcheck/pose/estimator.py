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
from formcheck.pose import zoom
from formcheck.pose.census import Census
from formcheck.pose.finding import cover, found_again, made_up_inside
from formcheck.types import Frame, People, Pose

MIN_DETECTION = 0.5
MIN_TRACKING = 0.5
MAX_PEOPLE = 3  # people found at once when more than one is in view
MAX_LOOKS = MAX_PEOPLE + 2  # detections per search: bodies made up inside someone found are looked past
# How often to look for everyone in view while the tracked person is steady (every 6 s is 2-3 % of the pose stage's
# time on one person's real clips: benchmarks/pipeline.py); it also runs at once whenever tracking is lost.
CENSUS_EVERY_S = 6.0
# What this stage emits changes with how it finds people: caches of its output (benchmarks/poses_cache.py) carry it.
# Bump it with any change to finding people (formcheck/pose/finding.py, census.py, zoom.py). 6: people found one at a
# time, each found head covered, the same body found again (mirrored too) and bodies made up inside someone found looked
# past, several followed after a checked census, gaps while following several no census (stop 31; 2 to 5 were its
# drafts); 8: a person too small for the whole picture found in a part of it (formcheck/pose/zoom.py, built in stop
# 32 with 7 its draft, withdrawn, back in stop 33); 1: MediaPipe's own multi-person modes.
STAGE_VERSION = 8


class PoseEstimator:
    """MediaPipe Pose Landmarker: one person tracked in VIDEO mode (real timestamps), everyone found while several are
    in view (formcheck.pose.census decides when).

    Tracking one pose is the cheap case: the detector runs only when the person is lost. While more than one person
    is in view, every one of them is found in every frame (find_people), so the session can follow the one doing the
    exercise (formcheck.session.people), not just the one the model found first.

    MediaPipe's own multi-person modes are not used for that: asked for three poses, the tracking landmarker returns
    the one it locked on to (its model card: "tracks only one person on scene if multiple present"), and one
    detection asked for three often returns only the most prominent person. A rendered therapist kneeling upright
    behind a patient lying in a clamshell was the only person it found, and the patient was never followed
    (benchmarks/stress.py, clamshell-second-kneeling on the fresh seeds).
    """

    def __init__(self, variant: str = "full", census_every_s: float | None = CENSUS_EVERY_S,
                 look_closer: bool = True) -> None:  # fmt: skip
        self.variant = variant
        self.look_closer = look_closer  # look for someone too small for the whole picture in part of it (pose.zoom)
        self._path = str(model_path(variant))
        self._single = self._create(vision.RunningMode.VIDEO, 1)
        self._finder: vision.PoseLandmarker | None = None  # IMAGE mode, one person a detection; made on first use
        self.census = Census(census_every_s)
        self._last_ms = -1
        self._had_person = False
        self.census_s = 0.0  # time spent looking for everyone while tracking one (the benchmark reports its share)
        self.multi_s = 0.0  # time spent finding everyone in frames with several people
        self.zoom_s = 0.0  # time spent looking for someone too small for the whole picture, in a part of it
        self._region: tuple[int, int, int, int] | None = None  # where a person too small is followed (pose.zoom)
        self._search_at = 0.0  # when to look in the middle of the picture next, while nobody is found
        self._recheck_at = 0.0  # when to look at the whole picture next, while following someone in a region

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
        for landmarker in (self._single, self._finder):
            if landmarker is not None:
                landmarker.close()

    @property
    def multi(self) -> bool:
        """Following several people (everyone found in every frame)."""
        return self.census.multi

    def find_people(self, image: np.ndarray) -> tuple[Pose, ...]:
        """Everyone in view in one RGB frame, one detection at a time (up to MAX_PEOPLE).

        The pose detector finds a person by their head: each person found has their head covered
        (formcheck.pose.finding) before the detector looks again, until nobody more is found or the one found is
        someone found before; a body made up inside someone found is covered and looked past."""
        if self._finder is None:
            self._finder = self._create(vision.RunningMode.IMAGE, 1)
        found: list[np.ndarray] = []
        poses: list[Pose] = []
        height, width = image.shape[:2]
        search, fill = image, None
        for _ in range(MAX_LOOKS):
            result = self._finder.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(search)))
            if not result.pose_landmarks:
                break
            world = result.pose_world_landmarks[0] if result.pose_world_landmarks else []
            pose = _pose(result.pose_landmarks[0], world)
            points = pose.xyzv[:, :2] * (width, height)
            if any(found_again(points, other) for other in found):
                break
            if fill is None:
                search, fill = image.copy(), image[::8, ::8].reshape(-1, image.shape[-1]).mean(axis=0)
            cover(search, points, fill.astype(image.dtype))
            if any(made_up_inside(points, other) for other in found):
                continue
            found.append(points)
            poses.append(pose)
            if len(poses) == MAX_PEOPLE:
                break
        return tuple(poses)

    def estimate(self, frame: Frame) -> People:
        """The people in this RGB frame (the one tracked, or everyone while several are in view; the first is the one
        found first) and the number last counted."""
        ms = max(round(frame.t * 1000), self._last_ms + 1)  # strictly increasing, as VIDEO mode needs
        self._last_ms = ms
        found: tuple[Pose, ...] | None = None
        if self.census.due(frame.t):
            start, multi = time.perf_counter(), self.census.multi
            found = self.find_people(frame.image)
            if multi:
                self.multi_s += time.perf_counter() - start
            else:
                self.census_s += time.perf_counter() - start
            self.census.seen(frame.t, len(found))
        poses = found if self.census.multi and found is not None else self._track(frame, ms)
        if not poses and self._had_person:
            self.census.lost(frame.t)  # look for everyone at once on the next frame
        self._had_person = bool(poses)
        return People(poses, max(self.census.people, len(poses)))

    def _track(self, frame: Frame, ms: int) -> tuple[Pose, ...]:
        """The one person: tracked in the whole picture, or, too small there, found in a part of it (pose.zoom)."""
        t, following = frame.t, self._region is not None
        whole = not following or t >= self._recheck_at
        if whole:
            poses = self._whole(frame, ms)
            if poses or not self.look_closer or (not following and t < self._search_at):
                self._region = None
                return poses
            self._recheck_at = t + zoom.RECHECK_S
        start = time.perf_counter()
        height, width = frame.image.shape[:2]
        if not following:
            self._search_at = t + zoom.ZOOM_SEARCH_S
        pose = self._find_in(frame.image, self._region or zoom.middle(width, height))
        self.zoom_s += time.perf_counter() - start
        if pose is not None:
            self._region = zoom.around(*zoom.centre(pose.xyzv, width, height), width, height)
            return (pose,)
        self._region = None  # lost in the region: the whole picture, if it was not looked at in this frame
        return () if whole else self._whole(frame, ms)

    def _whole(self, frame: Frame, ms: int) -> tuple[Pose, ...]:
        """The person tracked in the whole picture (VIDEO mode)."""
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame.image))
        result = self._single.detect_for_video(image, ms)
        return tuple(_pose(lms, world) for lms, world in zip(result.pose_landmarks, result.pose_world_landmarks,
                                                             strict=False))  # fmt: skip

    def _find_in(self, image: np.ndarray, region: tuple[int, int, int, int]) -> Pose | None:
        """One person found in a region of the picture, their landmarks on the whole picture (None: nobody)."""
        if self._finder is None:
            self._finder = self._create(vision.RunningMode.IMAGE, 1)
        x0, y0, x1, y1 = region
        crop = np.ascontiguousarray(image[y0:y1, x0:x1])
        result = self._finder.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=crop))
        if not result.pose_landmarks:
            return None
        world = result.pose_world_landmarks[0] if result.pose_world_landmarks else []
        pose = _pose(result.pose_landmarks[0], world)
        height, width = image.shape[:2]
        return Pose(zoom.to_picture(pose.xyzv, region, width, height), pose.world)


def _pose(landmarks: list, world: list) -> Pose:
    xyzv = np.array([[lm.x, lm.y, lm.z, lm.visibility or 0.0] for lm in landmarks], dtype=float)
    xyz = np.array([[lm.x, lm.y, lm.z] for lm in world], dtype=float) if world else None
    return Pose(xyzv, xyz) if xyz is not None and xyz.shape == (33, 3) else Pose(xyzv)
