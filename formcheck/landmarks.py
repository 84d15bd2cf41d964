"""The 33 BlazePose landmarks by name, and the per-side joint names kinematics uses."""

from __future__ import annotations

from enum import IntEnum


class Landmark(IntEnum):
    """MediaPipe pose landmark indices, named."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


NAMES: tuple[str, ...] = tuple(lm.name.lower() for lm in Landmark)
SIDES: tuple[str, str] = ("left", "right")


def side_landmark(side: str, joint: str) -> Landmark:
    """`side_landmark("left", "knee")` → Landmark.LEFT_KNEE."""
    return Landmark[f"{side}_{joint}".upper()]


# Bones drawn as the skeleton (pairs of landmarks).
SKELETON: tuple[tuple[Landmark, Landmark], ...] = (
    *tuple(
        (side_landmark(s, a), side_landmark(s, b))
        for s in SIDES
        for a, b in (
            ("shoulder", "elbow"),
            ("elbow", "wrist"),
            ("shoulder", "hip"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("ankle", "heel"),
            ("heel", "foot_index"),
            ("ankle", "foot_index"),
        )
    ),
    (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
)
