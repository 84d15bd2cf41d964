"""All declared exercises by name. Each lives in one small declaration; thresholds cite their sources.

Angles are MediaPipe image-plane angles (see formcheck.kinematics.angles); on rendered people with
known joint centres MediaPipe reads the squat knee a few degrees straighter and the hip more open
than the true joint centres, so depth targets sit a few degrees under the clinical figure.
"""

from __future__ import annotations

from formcheck.errors import FormcheckError
from formcheck.exercises import floor, lying, standing
from formcheck.exercises.spec import Exercise

EXERCISES: dict[str, Exercise] = {
    e.name: e
    for e in (
        standing.SQUAT,
        lying.GLUTE_BRIDGE,
        lying.SINGLE_LEG_BRIDGE,
        standing.STANDING_HIP_ABDUCTION,
        lying.SIDE_LYING_HIP_ABDUCTION,
        lying.CLAMSHELL,
        standing.LUNGE,
        floor.KNEELING_HIP_FLEXOR_STRETCH,
        standing.STANDING_HIP_FLEXION,
        standing.STANDING_HIP_EXTENSION,
        floor.SEATED_FIGURE_FOUR,
        floor.QUADRUPED_HIP_CIRCLES,
        floor.QUADRUPED_HIP_EXTENSION,
        lying.SUPINE_DOUBLE_HIP_ROTATION,
        standing.WARRIOR_II,
        floor.PIGEON,
    )
}
ALIASES = {
    "bridge": "glute_bridge",
    "hip_abduction": "standing_hip_abduction",
    "knee_raise": "standing_hip_flexion",
    "figure_four": "seated_figure_four",
    "hip_circles": "quadruped_hip_circles",
    "warrior_ii": "warrior",
    "hip_flexor_stretch": "kneeling_hip_flexor_stretch",
    "lower_trunk_rotation": "supine_double_hip_rotation",
    "forward_lunge": "lunge",
    "donkey_kick": "quadruped_hip_extension",
}


def get(name: str) -> Exercise:
    """An exercise by name (dashes or underscores, a few aliases), or a FormcheckError listing the names."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    if key not in EXERCISES:
        raise FormcheckError(f"unknown exercise '{name}': choose one of {', '.join(EXERCISES)}")
    return EXERCISES[key]
