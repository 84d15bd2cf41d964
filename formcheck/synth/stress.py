"""Rendered stress cases for counting: a recording trimmed to start mid-rep or end at the turning point, legs
that alternate rep by rep, a second person standing beside, walking behind or kneeling at the exerciser's pelvis (a
therapist steadying it), a hard camera cut mid-set.

Built on the same rig, bodies, cameras and renderer as `render_clip`; the truth kept is what counting needs
(the reps, their sides and turning points).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from formcheck.synth.body import Body, Shape
from formcheck.synth.clip import Scene, pose_clip
from formcheck.synth.motions import Plan
from formcheck.synth.pose import ArmAngles, LegAngles, PoseSpec, Rig, rot
from formcheck.synth.render import Camera, Renderer, degrade, place_camera, vertex_colours
from formcheck.video.writer import H264Writer


@dataclass(frozen=True)
class Stress:
    """What is done to an otherwise plain clip."""

    start_s: float = 0.0  # the recording starts here (mid-rep, say)
    end_s: float | None = None  # ... and stops here (at a turning point, say)
    alternate: bool = False  # rep 1 with the plan's side, rep 2 with the other, …
    second: str = ""  # "standing" beside the exerciser, "walking" across behind, or "kneeling" at their pelvis
    cut_at_s: float | None = None  # a hard cut to another camera (35° round, 20 % further) at this time


def _bystander(shape: Shape) -> tuple[Body, np.ndarray, dict[str, np.ndarray]]:
    body = Body(shape)
    verts, joints = Rig(body).pose(PoseSpec(left_arm=ArmAngles(abduction=8.0), right_arm=ArmAngles(abduction=8.0)))
    return body, verts, joints


# A therapist steadying a patient's pelvis kneels upright just behind it (seen from the camera), facing the camera and
# the patient, leaning in with both hands reaching down toward the pelvis.
KNEEL_BEHIND_M = 0.55


def _kneeling_helper(shape: Shape, camera: Camera, pelvis: np.ndarray) -> tuple[Body, np.ndarray, np.ndarray]:
    """A second person kneeling behind the exerciser's pelvis, facing the camera: (body, vertices, shift)."""
    away = pelvis - camera.position
    away[1] = 0.0
    away /= np.linalg.norm(away)
    facing = math.degrees(math.atan2(-away[0], -away[2]))  # the body's front (+z) turned toward the camera
    leg = LegAngles(hip_flexion=10.0, knee_flexion=95.0, foot="follow", ankle=-40.0)
    arms = ArmAngles(flexion=55.0, abduction=10.0, elbow=25.0)
    body = Body(shape)
    verts, _ = Rig(body).pose(
        PoseSpec(
            body_rotation=rot("y", facing),
            trunk_flexion=25.0,
            left=leg,
            right=replace(leg),
            left_arm=arms,
            right_arm=replace(arms),
            anchor="knees",
        )
    )
    shift = pelvis + away * KNEEL_BEHIND_M
    shift[1] = 0.0
    return body, verts, shift


def _with_second(verts: np.ndarray, faces: np.ndarray, colours: np.ndarray, other: tuple, shift: np.ndarray) -> tuple:
    body, v2, _ = other
    return (np.concatenate([verts, v2 + shift]), np.concatenate([faces, body.faces + len(verts)]),
            np.concatenate([colours, np.tile([0.35, 0.4, 0.5], (len(v2), 1))]))  # fmt: skip


def render_stress(plan: Plan, scene: Scene, stress: Stress, video: Path, renderer: Renderer) -> dict:
    """Render the stressed clip to `video`, its truth beside it (`<video>.truth.json`); returns the truth."""
    rng = np.random.default_rng(scene.seed)
    sided = replace(plan, side="left") if stress.alternate else plan
    body, times, moments, posed, camera = pose_clip(sided, scene)
    if stress.alternate:  # every other rep with the other leg
        other_side = "right" if plan.side == "left" else "left"
        motion = plan.motion
        rig = Rig(body)
        posed = [rig.pose(motion.pose(m.u, m.fault, other_side)) if m.rep is not None and m.rep % 2 else p
                 for m, p in zip(moments, posed, strict=True)]  # fmt: skip
    colours = vertex_colours(body, scene.look)
    cut_camera = place_camera(scene.width, scene.height, plan.motion.camera_azimuth + scene.azimuth_offset + 35.0,
                              camera.position[1], scene.fov_deg, camera.target - 1.0, camera.target + 1.0,
                              scene.distance_scale * 1.2)  # fmt: skip
    helper = Shape(gender=1.0 - scene.shape.gender, height=0.6)
    bystander: tuple[Body, np.ndarray, object] | None = None
    if stress.second in ("standing", "walking"):
        bystander = _bystander(helper)
    elif stress.second == "kneeling":
        pelvis = (posed[0][1]["upperleg01.L"] + posed[0][1]["upperleg01.R"]) / 2
        body2, verts2, kneel_shift = _kneeling_helper(helper, camera, pelvis)
        bystander = (body2, verts2, None)
    keep = [i for i, t in enumerate(times) if t >= stress.start_s and (stress.end_s is None or t <= stress.end_s)]
    writer = H264Writer(video, scene.width, scene.height, scene.fps)
    previous = None
    try:
        for i in keep:
            verts, faces, cols = posed[i][0], body.faces, colours
            if bystander is not None:
                side_axis = np.cross(camera.target - camera.position, [0.0, 1.0, 0.0])
                side_axis /= np.linalg.norm(side_axis)
                if stress.second == "kneeling":
                    shift = kneel_shift.copy()
                elif stress.second == "standing":
                    shift = side_axis * 1.0
                else:  # walking across, a metre further from the camera
                    away = (camera.target - camera.position) / np.linalg.norm(camera.target - camera.position)
                    shift = side_axis * (-2.0 + 4.0 * times[i] / times[-1]) + away * 1.0
                shift[1] = 0.0
                verts, faces, cols = _with_second(verts, faces, cols, bystander, shift)
            cam = cut_camera if stress.cut_at_s is not None and times[i] >= stress.cut_at_s else camera
            rgb = degrade(renderer.render(verts, faces, cols, cam, scene.look), previous, scene.noise_sigma,
                          scene.blur, rng)  # fmt: skip
            previous = rgb
            writer.write(rgb)
    finally:
        writer.close()
    truth = _truth(plan, stress, times, moments)
    Path(f"{video}.truth.json").write_text(json.dumps(truth) + "\n")
    return truth


def _truth(plan: Plan, stress: Stress, times: np.ndarray, moments: list) -> dict:
    start, end = stress.start_s, stress.end_s if stress.end_s is not None else float(times[-1])
    step = float(times[1] - times[0]) if len(times) > 1 else 0.0
    reps = []
    for r in range(plan.reps):
        peak = [float(t) for t, m in zip(times, moments, strict=True) if m.rep == r and m.u >= 0.98 * plan.range_scale]
        if not peak:
            continue
        side = plan.side if not (stress.alternate and r % 2) else ("right" if plan.side == "left" else "left")
        held = sum(m.phase == "hold" for m in moments if m.rep == r) * step  # seconds held at the peak
        reps.append({"rep": r, "peak_s": peak[0] - start, "side": side, "held_s": round(held, 3),
                     "in_recording": start <= peak[0] <= end or start <= peak[-1] <= end})  # fmt: skip
    return {"plan": {"exercise": plan.exercise, "reps": plan.reps, "rep_s": plan.rep_s, "side": plan.side,
                     "range_scale": plan.range_scale},
            "stress": {"start_s": stress.start_s, "end_s": stress.end_s, "alternate": stress.alternate,
                       "second": stress.second, "cut_at_s": stress.cut_at_s},
            "reps": reps, "expected": sum(r["in_recording"] for r in reps),
            "duration_s": round(math.fsum([end - start]), 3)}  # fmt: skip
