"""Exact landmark sequences from the posed rig, projected through the camera: no rendering, no model.

The same bodies, motions and cameras as the rendered clips, for testing kinematics and the engine on
every exercise (side-lying, kneeling and all-fours included) in a fraction of the time.
"""

from __future__ import annotations

import numpy as np

from formcheck.landmarks import NAMES
from formcheck.synth.clip import Scene, TruthPoints, pose_clip
from formcheck.synth.motions import Plan
from formcheck.types import PoseTrack


def landmark_track(plan: Plan, scene: Scene) -> PoseTrack:
    """The clip's landmarks as MediaPipe would ideally report them (visibility 1, z = 0)."""
    body, times, _, posed, camera = pose_clip(plan, scene)
    points = TruthPoints(body)
    xyzv = np.zeros((len(times), len(NAMES), 4))
    world_mp = np.zeros((len(times), len(NAMES), 3))
    for i, (verts, joints) in enumerate(posed):
        world = points.world(verts, joints)
        uv = camera.project(world)
        cam = world @ np.linalg.inv(camera.pose)[:3, :3].T + np.linalg.inv(camera.pose)[:3, 3]
        xyzv[i, :, 0] = uv[:, 0] / scene.width
        xyzv[i, :, 1] = uv[:, 1] / scene.height
        xyzv[i, :, 2] = -cam[:, 2] - np.nanmean(-cam[[23, 24], 2])  # depth relative to the hips, like MediaPipe
        xyzv[i, :, 3] = np.where(np.isfinite(uv[:, 0]), 1.0, 0.0)
        # World landmarks as MediaPipe gives them: metres, camera-aligned axes (x right, y down, z away from the
        # camera), origin between the hips.
        mp = cam * np.array([1.0, -1.0, -1.0])
        world_mp[i] = mp - (mp[23] + mp[24]) / 2
    return PoseTrack(times, np.arange(len(times)), xyzv, scene.width, scene.height, world_mp, scene.fps)
