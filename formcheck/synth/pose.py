"""Forward kinematics and linear-blend skinning for a Body, driven by anatomical joint angles.

A pose gives each driven segment a target frame in the body frame (x = the person's left, y = up,
z = front); zero angles mean anatomically neutral (legs straight down, arms by the sides), not the
MakeHuman A-pose the mesh was modelled in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from formcheck.synth.body import Body

SIDES = (("L", 1.0), ("R", -1.0))  # bone suffix, sign of the person's left (+x)


def rot(axis: str, deg: float) -> np.ndarray:
    """Rotation matrix about a body axis, degrees (right-handed)."""
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def axis_angle(axis: np.ndarray, deg: float) -> np.ndarray:
    """Rotation about an arbitrary axis (Rodrigues)."""
    k = axis / np.linalg.norm(axis)
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    a = math.radians(deg)
    return np.eye(3) + math.sin(a) * kx + (1 - math.cos(a)) * kx @ kx


def frame(direction: np.ndarray, front: np.ndarray) -> np.ndarray:
    """Orthonormal frame with columns (direction, front ⟂ direction, their cross product)."""
    d = direction / np.linalg.norm(direction)
    f = front - d * (front @ d)
    f = f / np.linalg.norm(f)
    return np.stack([d, f, np.cross(d, f)], axis=1)


@dataclass
class LegAngles:
    """One leg: hip flexion (+ knee forward), abduction (+ outward), rotation (+ external), knee flexion."""

    hip_flexion: float = 0.0
    hip_abduction: float = 0.0
    hip_rotation: float = 0.0
    knee_flexion: float = 0.0
    foot: str = "flat"  # "flat": sole on the floor plane; "follow": continue the shank with `ankle`
    ankle: float = 0.0  # dorsiflexion when foot == "follow"
    swing_axis: np.ndarray | None = None  # optional extra rotation of the whole leg about this body axis…
    swing_deg: float = 0.0  # …by this much (clamshell: about the hip–ankle line)


@dataclass
class ArmAngles:
    """One arm: shoulder flexion (+ forward), abduction (+ outward), elbow flexion."""

    flexion: float = 0.0
    abduction: float = 10.0
    elbow: float = 10.0


@dataclass
class PoseSpec:
    """A whole-body pose: global orientation, pelvis, trunk, legs, arms, and what touches the floor."""

    body_rotation: np.ndarray = field(default_factory=lambda: np.eye(3))  # body frame → world
    pelvis: np.ndarray = field(default_factory=lambda: np.eye(3))  # pelvis within the body frame
    trunk_flexion: float = 0.0  # + forward, relative to the pelvis
    trunk_lateral: float = 0.0  # + toward the person's left
    left: LegAngles = field(default_factory=LegAngles)
    right: LegAngles = field(default_factory=LegAngles)
    left_arm: ArmAngles = field(default_factory=ArmAngles)
    right_arm: ArmAngles = field(default_factory=ArmAngles)
    anchor: str = "feet"  # point held fixed on the floor: "feet", "foot.L", "foot.R", "shoulders", "hips", "knees"


class Rig:
    """Poses a Body: bone transforms from a PoseSpec, skinned vertices and joint centres."""

    def __init__(self, body: Body) -> None:
        self.body = body
        b = body
        j = b.joint
        self.rest_frames: dict[str, np.ndarray] = {}
        front, up = np.array([0.0, 0, 1]), np.array([0.0, 1, 0])
        for s, _ in SIDES:
            self.rest_frames[f"upperleg01.{s}"] = frame(j(f"lowerleg01.{s}") - j(f"upperleg01.{s}"), front)
            self.rest_frames[f"lowerleg01.{s}"] = frame(j(f"foot.{s}") - j(f"lowerleg01.{s}"), front)
            toe = j(f"toe3-1.{s}")
            self.rest_frames[f"foot.{s}"] = frame(toe - j(f"foot.{s}"), up)
            self.rest_frames[f"upperarm01.{s}"] = frame(j(f"lowerarm01.{s}") - j(f"upperarm01.{s}"), front)
            self.rest_frames[f"lowerarm01.{s}"] = frame(j(f"wrist.{s}") - j(f"lowerarm01.{s}"), front)
        self.rest_frames["spine05"] = frame(j("neck01") - j("spine05"), front)
        self._canonical_foot = frame(np.array([0.0, -0.35, 1.0]), up)  # toes forward, slightly down to the tips
        self.order = self._topological_order()
        # Each vertex's four strongest bones (MakeHuman skins with at most a handful).
        top = np.argsort(-b.weights, axis=1)[:, :4]
        w = np.take_along_axis(b.weights, top, axis=1)
        total = w.sum(axis=1, keepdims=True)
        self._top_b = top
        self._top_w = np.divide(w, total, out=np.zeros_like(w), where=total > 0)

    def _topological_order(self) -> list[int]:
        order: list[int] = []
        seen: set[int] = set()

        def visit(i: int) -> None:
            if i in seen:
                return
            if self.body.parent[i] >= 0:
                visit(self.body.parent[i])
            seen.add(i)
            order.append(i)

        for i in range(len(self.body.bones)):
            visit(i)
        return order

    # --- frames ---------------------------------------------------------------------------------
    def target_frames(self, p: PoseSpec) -> dict[str, np.ndarray]:
        """World rotation of each driven bone (maps its rest frame to the posed one)."""
        world = p.body_rotation @ p.pelvis
        down, front, up = np.array([0.0, -1, 0]), np.array([0.0, 0, 1]), np.array([0.0, 1, 0])
        out: dict[str, np.ndarray] = {"root": world}
        trunk = world @ rot("x", p.trunk_flexion) @ rot("z", -p.trunk_lateral)
        out["spine05"] = trunk @ frame(up, front) @ self.rest_frames["spine05"].T
        for (s, sign), leg, arm in zip(SIDES, (p.left, p.right), (p.left_arm, p.right_arm), strict=True):
            hip = (
                world
                @ rot("x", -leg.hip_flexion)
                @ rot("z", sign * leg.hip_abduction)
                @ rot("y", sign * leg.hip_rotation)
            )
            if leg.swing_axis is not None and leg.swing_deg:
                hip = world @ axis_angle(leg.swing_axis, sign * leg.swing_deg) @ world.T @ hip
            knee = hip @ rot("x", leg.knee_flexion)
            out[f"upperleg01.{s}"] = hip @ frame(down, front) @ self.rest_frames[f"upperleg01.{s}"].T
            out[f"lowerleg01.{s}"] = knee @ frame(down, front) @ self.rest_frames[f"lowerleg01.{s}"].T
            if leg.foot == "flat":
                heading = knee @ front
                heading = p.body_rotation.T @ heading
                yaw = math.degrees(math.atan2(heading[0], heading[2]))
                foot = p.body_rotation @ rot("y", yaw)
                foot = self._floor_frame(p, foot)
            else:
                foot = knee @ rot("x", -leg.ankle)
            out[f"foot.{s}"] = foot @ self._canonical_foot @ self.rest_frames[f"foot.{s}"].T
            shoulder = trunk @ rot("x", -arm.flexion) @ rot("z", sign * arm.abduction)
            elbow = shoulder @ rot("x", -arm.elbow)
            out[f"upperarm01.{s}"] = shoulder @ frame(down, front) @ self.rest_frames[f"upperarm01.{s}"].T
            out[f"lowerarm01.{s}"] = elbow @ frame(down, front) @ self.rest_frames[f"lowerarm01.{s}"].T
        return out

    @staticmethod
    def _floor_frame(p: PoseSpec, foot: np.ndarray) -> np.ndarray:
        """A foot frame whose sole lies on the world floor (y = 0) whatever the body orientation."""
        fwd = foot @ np.array([0.0, 0, 1])
        fwd[1] = 0.0
        if np.linalg.norm(fwd) < 1e-6:
            fwd = np.array([0.0, 0, 1])
        f = frame(fwd, np.array([0.0, 1, 0]))  # columns: forward, up, side
        return np.stack([np.cross(f[:, 0], f[:, 1]), f[:, 1], f[:, 0]], axis=1)

    # --- forward kinematics --------------------------------------------------------------------
    def transforms(self, p: PoseSpec) -> tuple[np.ndarray, np.ndarray]:
        """Per bone rotation (B, 3, 3) and joint position (B, 3), before floor placement."""
        b = self.body
        targets = self.target_frames(p)
        n = len(b.bones)
        rots = np.zeros((n, 3, 3))
        pos = np.zeros((n, 3))
        for i in self.order:
            name = b.bones[i]
            parent = b.parent[i]
            if parent < 0:
                rots[i] = targets["root"]
                pos[i] = b.heads[i]
                continue
            pos[i] = rots[parent] @ (b.heads[i] - b.heads[parent]) + pos[parent]
            rots[i] = targets.get(name, rots[parent])
        return rots, pos

    def pose(self, p: PoseSpec) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Skinned vertices (N, 3) and joint centres by bone name, standing on the floor (y = 0)."""
        b = self.body
        rots, pos = self.transforms(p)
        # x' = Σ w_b (R_b x + t_b) with t_b = pos_b - R_b head_b: blend 3×4 matrices, then apply.
        mats = np.concatenate([rots, (pos - np.einsum("bij,bj->bi", rots, b.heads))[:, :, None]], axis=2)
        blended = np.einsum("nk,nkij->nij", self._top_w, mats[self._top_b])
        verts = np.einsum("nij,nj->ni", blended[:, :, :3], b.rest) + blended[:, :, 3]
        joints = {name: pos[i] for i, name in enumerate(b.bones)}
        shift = self._placement(p, verts, joints)
        verts = verts + shift
        return verts, {k: v + shift for k, v in joints.items()}

    def _placement(self, p: PoseSpec, verts: np.ndarray, joints: dict[str, np.ndarray]) -> np.ndarray:
        anchor = {
            "feet": (joints["foot.L"] + joints["foot.R"]) / 2,
            "foot.L": joints["foot.L"],
            "foot.R": joints["foot.R"],
            "shoulders": (joints["upperarm01.L"] + joints["upperarm01.R"]) / 2,
            "hips": (joints["upperleg01.L"] + joints["upperleg01.R"]) / 2,
            "knees": (joints["lowerleg01.L"] + joints["lowerleg01.R"]) / 2,
        }[p.anchor]
        floor = verts[self.body.render_vertices, 1].min()
        return np.array([-anchor[0], -floor, -anchor[2]])
