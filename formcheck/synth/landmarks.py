"""Exact landmark sequences from the posed rig, projected through the camera: no rendering, no model.

The same bodies, motions and cameras as the rendered clips, for testing kinematics and the engine on
every exercise (side-lying, kneeling and all-fours included) in a fraction of the time.
"""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import NAMES
from formcheck.synth.body import Body
from formcheck.synth.clip import Scene, TruthPoints
from formcheck.synth.motions import Plan, moment
from formcheck.synth.pose import Rig
from formcheck.synth.render import place_camera
from formcheck.types import PoseTrack


def landmark_track(plan: Plan, scene: Scene) -> PoseTrack:
    """The clip's landmarks as MediaPipe would ideally report them (visibility 1, z = 0)."""
    body = Body(scene.shape)
    rig = Rig(body)
    points = TruthPoints(body)
    motion = plan.motion
    times = np.arange(0.0, plan.duration(), 1.0 / scene.fps)
    posed = [rig.pose(motion.pose(m.u, m.fault, plan.side)) for m in (moment(plan, float(t)) for t in times)]
    allv = np.concatenate([v[body.render_vertices] for v, _ in posed])
    camera = place_camera(
        scene.width, scene.height, motion.camera_azimuth + scene.azimuth_offset,
        motion.camera_elevation if scene.elevation is None else scene.elevation,
        scene.fov_deg, allv.min(axis=0), allv.max(axis=0), scene.distance_scale,
    )  # fmt: skip
    xyzv = np.zeros((len(times), len(NAMES), 4))
    for i, (verts, joints) in enumerate(posed):
        world = points.world(verts, joints)
        uv = camera.project(world)
        cam = world @ np.linalg.inv(camera.pose)[:3, :3].T + np.linalg.inv(camera.pose)[:3, 3]
        xyzv[i, :, 0] = uv[:, 0] / scene.width
        xyzv[i, :, 1] = uv[:, 1] / scene.height
        xyzv[i, :, 2] = -cam[:, 2] - np.nanmean(-cam[[23, 24], 2])  # depth relative to the hips, like MediaPipe
        xyzv[i, :, 3] = np.where(np.isfinite(uv[:, 0]), 1.0, 0.0)
    return PoseTrack(times, np.arange(len(times)), xyzv, scene.width, scene.height)
