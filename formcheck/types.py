"""The few core value types that flow through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from formcheck.landmarks import NAMES


@dataclass(frozen=True)
class Frame:
    """One decoded image (RGB, uint8) with its timestamp in seconds and its index in the source."""

    image: np.ndarray
    t: float
    index: int


@dataclass(frozen=True)
class VideoInfo:
    """What a source is: pixel size after rotation, nominal fps, frame count estimate."""

    width: int
    height: int
    fps: float
    frame_count: int
    source: str = ""


@dataclass(frozen=True)
class Pose:
    """33 landmarks of one person: x, y (normalised to the image), z, visibility; and the model's 3-D world
    landmarks (metres, origin between the hips), NaN when the source had none (an old landmarks CSV)."""

    xyzv: np.ndarray  # shape (33, 4), float
    world: np.ndarray = field(default_factory=lambda: np.full((len(NAMES), 3), np.nan))  # shape (33, 3)

    @staticmethod
    def missing() -> Pose:
        """A frame where no person was found (all NaN)."""
        return Pose(np.full((len(NAMES), 4), np.nan))

    @property
    def found(self) -> bool:
        """Whether any landmark is present."""
        return bool(np.isfinite(self.xyzv[:, 0]).any())


@dataclass(frozen=True)
class People:
    """What the pose stage found in one frame: every person it tracks (the first is the one it found
    first), and how many people its last census counted in view."""

    poses: tuple[Pose, ...]
    counted: int

    @property
    def first(self) -> Pose:
        """The person found first, or a missing pose."""
        return self.poses[0] if self.poses else Pose.missing()


@dataclass
class PoseTrack:
    """Poses over time: times t (s), frame indices, landmarks (T, 33, 4), and the image size."""

    t: np.ndarray
    frame: np.ndarray
    xyzv: np.ndarray
    width: int
    height: int
    world: np.ndarray | None = None  # (T, 33, 3) world landmarks in metres, when recorded
    fps: float = 30.0
    not_finite: int = 0  # values read as inf or NaN text and treated as missing

    def __len__(self) -> int:
        return len(self.t)

    def pose(self, i: int) -> Pose:
        """Frame i as a Pose."""
        world = self.world[i] if self.world is not None else np.full((len(NAMES), 3), np.nan)
        return Pose(self.xyzv[i], world)

    @property
    def has_pose(self) -> np.ndarray:
        """Per frame: whether any landmark was found."""
        return ~np.all(np.isnan(self.xyzv[:, :, 0]), axis=1)


@dataclass(frozen=True)
class FrameKinematics:
    """What the engine sees for one frame: named signals per side and the camera view."""

    t: float
    index: int
    signals: dict[str, tuple[float, float]]  # name → (left, right); NaN where not measurable
    view: str  # "side" | "front" | "oblique" | "none"
    facing: str  # side of the body nearer the camera: "left" | "right" | ""
    posture: str  # "upright" | "horizontal" | "quadruped" | "none"
    assessable: bool
    segment: int  # increments at a camera cut or a long gap
    visible: frozenset[str] = field(default_factory=frozenset)  # landmark names seen reliably
    landmarks: np.ndarray | None = None  # (33, 4) the smoothed landmarks the signals came from

    def value(self, name: str, side: str) -> float:
        """A signal's value on "left" or "right"."""
        left, right = self.signals[name]
        return left if side == "left" else right
