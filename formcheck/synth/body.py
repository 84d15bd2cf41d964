"""A shaped MakeHuman body: morphed mesh, skeleton joints fitted to it, and skin weights."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from formcheck.synth import assets

RENDER_GROUPS = ("body", "helper-l-eye", "helper-r-eye")


@dataclass(frozen=True)
class Shape:
    """MakeHuman macro parameters in [0, 1] (0.5 is average; gender 0 female, 1 male; age 0 young, 1 old)."""

    gender: float = 0.5
    age: float = 0.0
    muscle: float = 0.5
    weight: float = 0.5
    height: float = 0.5


def _pair(value: float, low: str, mid: str, high: str) -> list[tuple[str, float]]:
    if value < 0.5:
        return [(low, 1 - 2 * value), (mid, 2 * value)]
    return [(mid, 2 - 2 * value), (high, 2 * value - 1)]


def macro_offsets(shape: Shape, n_verts: int) -> np.ndarray:
    """Sum of MakeHuman macro targets for a shape (the scheme MakeHuman's modifiers use)."""
    genders = [("female", 1 - shape.gender), ("male", shape.gender)]
    ages = [("young", 1 - shape.age), ("old", shape.age)]
    muscles = _pair(shape.muscle, "minmuscle", "averagemuscle", "maxmuscle")
    weights = _pair(shape.weight, "minweight", "averageweight", "maxweight")
    offsets = np.zeros((n_verts, 3))
    for (g, wg), (a, wa), (m, wm), (w, ww) in itertools.product(genders, ages, muscles, weights):
        factor = wg * wa * wm * ww
        if factor < 1e-6:
            continue
        idx, delta = assets.target(f"macrodetails/universal-{g}-{a}-{m}-{w}.target.gz")
        np.add.at(offsets, idx, factor * delta)
        if abs(shape.height - 0.5) > 1e-6:
            side = "maxheight" if shape.height > 0.5 else "minheight"
            idx, delta = assets.target(f"macrodetails/height/{g}-{a}-{m}-{w}-{side}.target.gz")
            np.add.at(offsets, idx, factor * abs(shape.height - 0.5) * 2 * delta)
    return offsets


class Body:
    """Rest-pose mesh and skeleton of one shaped person."""

    def __init__(self, shape: Shape) -> None:
        verts, groups = assets.base_mesh()
        self.shape = shape
        self.rest = verts + macro_offsets(shape, len(verts))
        self._groups = groups
        rig = assets.rig()
        self.bones: list[str] = list(rig)
        self.parent = [self.bones.index(rig[b]["parent"]) if rig[b]["parent"] else -1 for b in self.bones]
        self.heads = np.array([self._point(rig[b]["head"]) for b in self.bones])
        self.tails = np.array([self._point(rig[b]["tail"]) for b in self.bones])
        # Lift the body so the soles touch y = 0 in the rest pose.
        lift = -self.rest[self.render_vertices, 1].min()
        self.rest[:, 1] += lift
        self.heads[:, 1] += lift
        self.tails[:, 1] += lift

    def _point(self, spec: dict) -> np.ndarray:
        if spec["strategy"] == "CUBE":
            faces = self._groups[spec["cube_name"]]
            return self.rest[np.unique(faces)].mean(axis=0)
        if spec["strategy"] == "MEAN":
            return self.rest[spec["vertex_indices"]].mean(axis=0)
        return self.rest[spec["vertex_index"]] if "vertex_index" in spec else np.zeros(3)

    def bone(self, name: str) -> int:
        """Index of a bone by name."""
        return self.bones.index(name)

    def joint(self, name: str) -> np.ndarray:
        """Rest position of a bone's head (the joint it rotates about)."""
        return self.heads[self.bone(name)]

    @cached_property
    def faces(self) -> np.ndarray:
        """Triangles of the rendered groups."""
        quads = np.concatenate([self._groups[g] for g in RENDER_GROUPS])
        return np.concatenate([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])

    @cached_property
    def render_vertices(self) -> np.ndarray:
        """Vertex indices used by the rendered groups."""
        return np.unique(np.concatenate([self._groups[g] for g in RENDER_GROUPS]).ravel())

    def group_vertices(self, group: str) -> np.ndarray:
        """Vertices of an obj group (e.g. helper-l-eye)."""
        return np.unique(self._groups[group].ravel())

    @cached_property
    def weights(self) -> np.ndarray:
        """Dense skin weights (N vertices, B bones), rows summing to 1 where skinned."""
        w = np.zeros((len(self.rest), len(self.bones)))
        for bone, pairs in assets.skin_weights().items():
            if bone in self.bones and pairs:
                arr = np.array(pairs)
                w[arr[:, 0].astype(int), self.bones.index(bone)] = arr[:, 1]
        total = w.sum(axis=1, keepdims=True)
        return np.divide(w, total, out=np.zeros_like(w), where=total > 0)
