"""Offscreen rendering of a posed body (pyrender over Mesa EGL) and the camera that projects truth."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from formcheck.synth.body import Body

os.environ.setdefault("PYOPENGL_PLATFORM", "egl")

_SHIRT = ("spine", "clavicle", "shoulder01", "breast", "upperarm01", "pectoral")
_SHORTS = ("root", "pelvis", "upperleg01", "upperleg02")
_SHOES = ("foot", "toe")


@dataclass(frozen=True)
class Look:
    """Colours (RGB 0–1) of skin, clothes and the room, and the light."""

    skin: tuple[float, float, float] = (0.87, 0.68, 0.56)
    shirt: tuple[float, float, float] = (0.15, 0.35, 0.70)
    trousers: tuple[float, float, float] = (0.12, 0.12, 0.15)
    shoes: tuple[float, float, float] = (0.9, 0.9, 0.9)
    hair: tuple[float, float, float] = (0.18, 0.12, 0.08)
    long_trousers: bool = True
    wall: tuple[float, float, float] = (0.80, 0.78, 0.72)
    floor: tuple[float, float, float] = (0.55, 0.45, 0.35)
    light: float = 3.0


@dataclass(frozen=True)
class Camera:
    """A pinhole camera: intrinsics and its pose (world → camera), OpenGL convention (looks down -z)."""

    width: int
    height: int
    fx: float
    cx: float
    cy: float
    position: np.ndarray
    target: np.ndarray

    @property
    def pose(self) -> np.ndarray:
        """Camera-to-world 4×4 matrix."""
        back = self.position - self.target
        back = back / np.linalg.norm(back)
        right = np.cross(np.array([0.0, 1, 0]), back)
        right = right / np.linalg.norm(right)
        up = np.cross(back, right)
        m = np.eye(4)
        m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = right, up, back, self.position
        return m

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points (…, 3) → pixel coordinates (…, 2)."""
        world_to_cam = np.linalg.inv(self.pose)
        cam = points @ world_to_cam[:3, :3].T + world_to_cam[:3, 3]
        u = self.fx * cam[..., 0] / -cam[..., 2] + self.cx
        v = -self.fx * cam[..., 1] / -cam[..., 2] + self.cy
        return np.stack([u, v], axis=-1)


def place_camera(
    width: int,
    height: int,
    azimuth_deg: float,
    elevation_m: float,
    fov_deg: float,
    bbox_min: np.ndarray,
    bbox_max: np.ndarray,
    distance_scale: float = 1.0,
) -> Camera:
    """A camera at `azimuth_deg` around the body (0 = in front along +z, 90 = on the +x side) framing the bbox."""
    fx = width / 2 / math.tan(math.radians(fov_deg) / 2)
    centre = (bbox_min + bbox_max) / 2
    extent = bbox_max - bbox_min
    size = max(extent[1] / 0.8 * width / height, math.hypot(extent[0], extent[2]) / 0.8)
    distance = size * fx / width * distance_scale + math.hypot(extent[0], extent[2]) / 2
    a = math.radians(azimuth_deg)
    position = centre + np.array([math.sin(a) * distance, 0.0, math.cos(a) * distance])
    position[1] = elevation_m if elevation_m > 0 else centre[1]
    return Camera(width, height, fx, width / 2, height / 2, position, centre)


def vertex_colours(body: Body, look: Look) -> np.ndarray:
    """Per-vertex RGB: clothes by the bone each vertex follows most; hair on the back of the scalp."""
    main = np.array(body.bones)[np.argmax(body.weights, axis=1)]
    colours = np.tile(np.array(look.skin), (len(body.rest), 1))
    legs = _SHORTS + (("lowerleg",) if look.long_trousers else ())
    for prefixes, colour in ((_SHIRT, look.shirt), (legs, look.trousers), (_SHOES, look.shoes)):
        mask = np.array([any(m.startswith(p) for p in prefixes) for m in main])
        colours[mask] = colour
    head = body.joint("head")
    scalp = (main == "head") & (body.rest[:, 1] > head[1] + 0.06) & (body.rest[:, 2] < head[2] + 0.06)
    colours[scalp] = look.hair
    for eye in ("helper-l-eye", "helper-r-eye"):
        colours[body.group_vertices(eye)] = (0.08, 0.06, 0.05)
    return colours


class Renderer:
    """One offscreen EGL renderer (one per process); renders a mesh in a simple room."""

    def __init__(self, width: int, height: int) -> None:
        import pyrender

        self._pyrender = pyrender
        self.width, self.height = width, height
        self._renderer = pyrender.OffscreenRenderer(width, height)

    def close(self) -> None:
        """Release the GL context."""
        self._renderer.delete()

    def render(
        self, verts: np.ndarray, faces: np.ndarray, colours: np.ndarray, camera: Camera, look: Look
    ) -> np.ndarray:
        """An RGB uint8 image of the body in the room."""
        import trimesh

        pr = self._pyrender
        scene = pr.Scene(bg_color=(*look.wall, 1.0), ambient_light=(0.35, 0.35, 0.35))
        body = trimesh.Trimesh(
            verts, faces, vertex_colors=np.clip(colours * 255, 0, 255).astype(np.uint8), process=False
        )
        scene.add(pr.Mesh.from_trimesh(body, smooth=True))
        floor = trimesh.creation.box(extents=(12.0, 0.02, 12.0))
        floor.apply_translation((0, -0.011, 0))
        floor.visual.vertex_colors = np.clip(np.array(look.floor) * 255, 0, 255).astype(np.uint8)
        scene.add(pr.Mesh.from_trimesh(floor, smooth=False))
        wall = trimesh.creation.box(extents=(12.0, 6.0, 0.02))
        back = camera.target - camera.position
        back[1] = 0
        back = back / np.linalg.norm(back)
        wall_pose = np.eye(4)
        yaw = math.atan2(back[0], back[2])
        wall_pose[:3, :3] = np.array([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
        wall_pose[:3, 3] = camera.target + back * 2.5 + np.array([0, 2.0, 0])
        wall.visual.vertex_colors = np.clip(np.array(look.wall) * 255, 0, 255).astype(np.uint8)
        scene.add(pr.Mesh.from_trimesh(wall, smooth=False), pose=wall_pose)
        cam = pr.IntrinsicsCamera(camera.fx, camera.fx, camera.cx, camera.cy, znear=0.05, zfar=30.0)
        scene.add(cam, pose=camera.pose)
        light_pose = camera.pose.copy()
        light_pose[:3, 3] += np.array([0.5, 1.5, 0.0])
        scene.add(pr.DirectionalLight(color=np.ones(3), intensity=look.light), pose=light_pose)
        scene.add(pr.PointLight(color=np.ones(3), intensity=look.light * 4), pose=light_pose)
        colour, _ = self._renderer.render(scene)
        return np.asarray(colour)


def degrade(
    image: np.ndarray, previous: np.ndarray | None, noise_sigma: float, blur: float, rng: np.random.Generator
) -> np.ndarray:
    """Sensor noise (Gaussian, in grey levels) and motion blur (blend with the previous frame)."""
    out = image.astype(np.float32)
    if blur > 0 and previous is not None:
        out = (1 - blur) * out + blur * previous.astype(np.float32)
    if noise_sigma > 0:
        out += rng.normal(0.0, noise_sigma, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)
