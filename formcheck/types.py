"""The few core value types that flow through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from formcheck.landmarks import NAMES


@dataclass(frozen=True)
class Frame:
    """One decoded image (BGR, uint8) with its timestamp in seconds and its index in the source."""

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
    """33 landmarks of one person: columns x, y (normalised to the image), z, visibility."""

    xyzv: np.ndarray  # shape (33, 4), float

    @staticmethod
    def missing() -> Pose:
        """A frame where no person was found (all NaN)."""
        return Pose(np.full((len(NAMES), 4), np.nan))


@dataclass
class PoseTrack:
    """Poses over time: times t (s), frame indices, landmarks (T, 33, 4), and the image size."""

    t: np.ndarray
    frame: np.ndarray
    xyzv: np.ndarray
    width: int
    height: int

    def __len__(self) -> int:
        return len(self.t)

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

    def value(self, name: str, side: str) -> float:
        """A signal's value on "left" or "right"."""
        left, right = self.signals[name]
        return left if side == "left" else right
