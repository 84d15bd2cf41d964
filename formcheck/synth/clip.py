"""Render one clip (video + ground truth JSON) from a motion plan, a body shape, a look and a camera."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from formcheck.kinematics.angles import compute_signals
from formcheck.landmarks import NAMES, Landmark
from formcheck.synth.body import Body, Shape
from formcheck.synth.motions import Moment, Plan, moment
from formcheck.synth.pose import Rig
from formcheck.synth.poses import fault_size
from formcheck.synth.render import Camera, Look, Renderer, degrade, place_camera, vertex_colours
from formcheck.video.writer import H264Writer

# MediaPipe landmark ← rig bone whose head is that joint centre.
_JOINT_LANDMARKS = {
    "shoulder": "upperarm01", "elbow": "lowerarm01", "wrist": "wrist", "hip": "upperleg01",
    "knee": "lowerleg01", "ankle": "foot", "index": "finger2-3", "pinky": "finger5-3", "thumb": "finger1-3",
}  # fmt: skip


@dataclass(frozen=True)
class Scene:
    """Everything about the filming that is not the motion."""

    width: int = 640
    height: int = 480
    fps: float = 15.0
    azimuth_offset: float = 0.0  # added to the motion's camera azimuth (e.g. 30 for an oblique view)
    elevation: float | None = None  # metres; None: the motion's default
    fov_deg: float = 55.0
    distance_scale: float = 1.0
    noise_sigma: float = 2.0
    blur: float = 0.0
    seed: int = 0
    shape: Shape = field(default_factory=Shape)
    look: Look = field(default_factory=Look)


class TruthPoints:
    """Where MediaPipe-like landmarks sit on this body: joint centres and a few surface vertices."""

    def __init__(self, body: Body) -> None:
        rest = body.rest
        head_vs = np.flatnonzero(body.weights[:, body.bone("head")] > 0.6)
        head_vs = np.intersect1d(head_vs, body.render_vertices)
        head = body.joint("head")
        self.nose = int(head_vs[np.argmax(rest[head_vs, 2])])
        level = head_vs[np.abs(rest[head_vs, 1] - (head[1] + 0.05)) < 0.03]
        self.ears = {"left": int(level[np.argmax(rest[level, 0])]), "right": int(level[np.argmin(rest[level, 0])])}
        self.eyes = {s: body.group_vertices(f"helper-{s[0]}-eye") for s in ("left", "right")}
        self.heels, self.toes = {}, {}
        for side, s in (("left", "L"), ("right", "R")):
            foot_vs = np.intersect1d(
                np.flatnonzero(body.weights[:, body.bone(f"foot.{s}")] > 0.5), body.render_vertices
            )
            low = foot_vs[rest[foot_vs, 1] < rest[foot_vs, 1].min() + 0.03]
            self.heels[side] = int(low[np.argmin(rest[low, 2])])
            toe_vs = np.flatnonzero(np.isin(np.argmax(body.weights, axis=1),
                                            [body.bone(f"toe{i}-1.{s}") for i in range(1, 6)]))  # fmt: skip
            toe_vs = np.intersect1d(toe_vs, body.render_vertices)
            self.toes[side] = int(toe_vs[np.argmax(rest[toe_vs, 2])])

    def world(self, verts: np.ndarray, joints: dict[str, np.ndarray]) -> np.ndarray:
        """(33, 3) world positions; NaN where the rig has no counterpart (mouth corners)."""
        out = np.full((len(NAMES), 3), np.nan)
        for side, s in (("left", "L"), ("right", "R")):
            for part, bone in _JOINT_LANDMARKS.items():
                out[Landmark[f"{side}_{part}".upper()]] = joints[f"{bone}.{s}"]
            out[Landmark[f"{side}_heel".upper()]] = verts[self.heels[side]]
            out[Landmark[f"{side}_foot_index".upper()]] = verts[self.toes[side]]
            out[Landmark[f"{side}_ear".upper()]] = verts[self.ears[side]]
            eye = verts[self.eyes[side]].mean(axis=0)
            for part in ("eye_inner", "eye", "eye_outer"):
                out[Landmark[f"{side}_{part}".upper()]] = eye
        out[Landmark.NOSE] = verts[self.nose]
        return out


def pose_clip(plan: Plan, scene: Scene) -> tuple[Body, np.ndarray, list[Moment], list[tuple[np.ndarray, dict]], Camera]:
    """The body, frame times, plan moments, posed vertices and joints, and a camera framing them all."""
    body = Body(scene.shape)
    rig = Rig(body)
    motion = plan.motion
    times = np.arange(0.0, plan.duration(), 1.0 / scene.fps)
    moments = [moment(plan, float(t)) for t in times]
    with fault_size(plan.fault_size):
        posed = [rig.pose(motion.pose(m.u, m.fault, plan.side)) for m in moments]
    allv = np.concatenate([v[body.render_vertices] for v, _ in posed])
    camera = place_camera(
        scene.width, scene.height, motion.camera_azimuth + scene.azimuth_offset,
        motion.camera_elevation if scene.elevation is None else scene.elevation,
        scene.fov_deg, allv.min(axis=0), allv.max(axis=0), scene.distance_scale,
    )  # fmt: skip
    return body, times, moments, posed, camera


def render_clip(plan: Plan, scene: Scene, video: Path, renderer: Renderer | None = None) -> dict:
    """Render `plan` to `video` (H.264) and write `<video>.truth.json`; returns the truth."""
    rng = np.random.default_rng(scene.seed)
    body, times, moments, posed, camera = pose_clip(plan, scene)
    points = TruthPoints(body)
    colours = vertex_colours(body, scene.look)
    own = renderer is None
    renderer = renderer or Renderer(scene.width, scene.height)
    writer = H264Writer(video, scene.width, scene.height, scene.fps)
    world_pts, image_pts = [], []
    previous = None
    try:
        for verts, joints in posed:
            rgb = renderer.render(verts, body.faces, colours, camera, scene.look)
            rgb = degrade(rgb, previous, scene.noise_sigma, scene.blur, rng)
            previous = rgb
            writer.write(rgb)
            w = points.world(verts, joints)
            world_pts.append(w)
            image_pts.append(camera.project(w))
    finally:
        writer.close()
        if own:
            renderer.close()
    truth = _truth(plan, scene, times, moments, np.array(world_pts), np.array(image_pts), camera)
    Path(f"{video}.truth.json").write_text(json.dumps(truth, separators=(",", ":")) + "\n")
    return truth


def _truth(plan: Plan, scene: Scene, times: np.ndarray, moments: list, world: np.ndarray, image: np.ndarray,
           camera: object) -> dict:  # fmt: skip
    xyzv = np.full((len(times), len(NAMES), 4), np.nan)
    xyzv[:, :, 0] = image[:, :, 0] / scene.width
    xyzv[:, :, 1] = image[:, :, 1] / scene.height
    xyzv[:, :, 2] = 0.0
    xyzv[:, :, 3] = np.where(np.isfinite(image[:, :, 0]), 1.0, np.nan)
    angles = compute_signals(xyzv, scene.width, scene.height)
    reps = []
    for r in range(plan.reps):
        span = [i for i, m in enumerate(moments) if m.rep == r and m.phase != "rest"]
        if not span:
            continue
        held = sum(m.phase == "hold" for m in moments if m.rep == r) / scene.fps
        fault = plan.fault if r in plan.fault_reps else None
        reps.append({"rep": r, "start_s": float(times[span[0]]), "end_s": float(times[span[-1]]), "fault": fault,
                     "held_s": held})  # fmt: skip
    return {
        "plan": {**asdict(plan), "fault_reps": list(plan.fault_reps)},
        "scene": {k: v for k, v in asdict(scene).items() if k not in ("shape", "look")},
        "shape": asdict(scene.shape),
        "look": asdict(scene.look),
        "camera": {"fx": camera.fx, "position": camera.position.tolist(), "target": camera.target.tolist()},  # type: ignore[attr-defined]
        "landmark_names": list(NAMES),
        "reps": reps,
        "frames": [
            {
                "t": round(float(times[i]), 4),
                "phase": m.phase,
                "rep": m.rep,
                "fault": m.fault,
                "u": round(m.u, 4),
                "joints3d": np.round(world[i], 4).tolist(),
                "joints2d": np.round(image[i], 2).tolist(),
                "angles2d": {k: np.round(v[i], 2).tolist() for k, v in angles.items()},
            }
            for i, m in enumerate(moments)
        ],
    }
