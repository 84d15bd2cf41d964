"""The shipped sample clips, and random scene variety for the accuracy benchmark."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from formcheck.synth.body import Shape
from formcheck.synth.clip import Scene, render_clip
from formcheck.synth.motions import Plan
from formcheck.synth.render import Look, Renderer

# name → (plan, scene); every clip ≤ 10 s at 640×480, 15 fps.
SAMPLES: dict[str, tuple[Plan, Scene]] = {
    "squat_side.mp4": (
        Plan("squat", reps=3, rep_s=2.4),
        Scene(seed=1, shape=Shape(gender=0.2, weight=0.5, height=0.45), look=Look(shirt=(0.15, 0.35, 0.7))),
    ),
    "squat_side_trunk_lean.mp4": (
        Plan("squat", reps=3, rep_s=2.4, fault="trunk_lean", fault_reps=(1,)),
        Scene(
            seed=2,
            shape=Shape(gender=0.9, weight=0.65, age=0.3),
            look=Look(shirt=(0.7, 0.2, 0.2), wall=(0.7, 0.75, 0.8), long_trousers=False),
        ),
    ),
    "bridge_side.mp4": (
        Plan("glute_bridge", reps=2, rep_s=2.6, hold_s=1.2),
        Scene(seed=3, shape=Shape(gender=0.7, weight=0.4), look=Look(shirt=(0.2, 0.6, 0.3), floor=(0.35, 0.3, 0.3))),
    ),
    "standing_abduction_front.mp4": (
        Plan("standing_hip_abduction", reps=3, rep_s=2.2, side="left"),
        Scene(seed=4, shape=Shape(gender=0.1, age=0.5, weight=0.6), look=Look(shirt=(0.6, 0.5, 0.1))),
    ),
    "clamshell_front.mp4": (
        Plan("clamshell", reps=3, rep_s=2.0, hold_s=0.4, side="left"),
        Scene(seed=5, shape=Shape(gender=0.3), look=Look(shirt=(0.5, 0.2, 0.6), floor=(0.3, 0.4, 0.5))),
    ),
    "lunge_side.mp4": (
        Plan("lunge", reps=2, rep_s=3.0, side="left"),
        Scene(
            seed=7,
            shape=Shape(gender=0.3, height=0.5),
            look=Look(shirt=(0.75, 0.25, 0.2), trousers=(0.55, 0.55, 0.6), long_trousers=False, wall=(0.85, 0.85, 0.8)),
        ),
    ),
    "kneeling_stretch_side.mp4": (
        Plan("kneeling_hip_flexor_stretch", reps=1, rep_s=2.0, hold_s=6.0, side="left"),
        Scene(seed=8, shape=Shape(gender=0.6, weight=0.45), look=Look(shirt=(0.2, 0.5, 0.55), floor=(0.4, 0.35, 0.3))),
    ),
}


def random_scene(seed: int, view_offset: float = 0.0) -> Scene:
    """Body shape, clothes, room, light, camera distance/height, noise and blur drawn at random."""
    rng = np.random.default_rng(seed)

    def colour(lo: float = 0.05, hi: float = 0.95) -> tuple[float, float, float]:
        r, g, b = rng.uniform(lo, hi, 3)
        return (float(r), float(g), float(b))

    skin = [(0.95, 0.80, 0.69), (0.87, 0.68, 0.56), (0.62, 0.45, 0.34), (0.40, 0.27, 0.19)][int(rng.integers(4))]
    shape = Shape(gender=float(rng.uniform(0, 1)), age=float(rng.uniform(0, 0.7)), muscle=float(rng.uniform(0.3, 0.7)),
                  weight=float(rng.uniform(0.25, 0.8)), height=float(rng.uniform(0.35, 0.65)))  # fmt: skip
    look = Look(skin=skin, shirt=colour(), trousers=colour(0.05, 0.6), shoes=colour(0.3, 1.0), hair=colour(0.02, 0.4),
                long_trousers=bool(rng.integers(2)), wall=colour(0.45, 0.95), floor=colour(0.2, 0.7),
                light=float(rng.uniform(2.0, 4.5)))  # fmt: skip
    return Scene(azimuth_offset=view_offset + float(rng.uniform(-5, 5)), elevation=None,
                 distance_scale=float(rng.uniform(0.9, 1.35)), fov_deg=float(rng.uniform(48, 62)),
                 noise_sigma=float(rng.uniform(0.0, 5.0)), blur=float(rng.choice([0.0, 0.0, 0.25])),
                 seed=seed, shape=shape, look=look)  # fmt: skip


def render_samples(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Render the sample clips (and their truth) into `folder` with one renderer."""
    folder.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(640, 480)
    out = []
    try:
        for name in names or list(SAMPLES):
            plan, scene = SAMPLES[name]
            render_clip(plan, scene, folder / name, renderer)
            out.append(folder / name)
    finally:
        renderer.close()
    return out
