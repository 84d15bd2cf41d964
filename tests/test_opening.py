"""Which measure of the legs' spread lying down (a clamshell's opening, a side-lying abduction) a frame is read
with, the picture's or the world landmarks' (formcheck.kinematics.opening and the stream): no model."""

from __future__ import annotations

import math

import numpy as np

from formcheck.kinematics.opening import EDGE_ON, FACE_ON, MIN_SAMPLES, OpeningView, plane_facing
from formcheck.kinematics.signals3d import compute_signals3d
from formcheck.kinematics.stream import kinematics_of
from formcheck.landmarks import Landmark as L
from formcheck.types import FrameKinematics, Pose

DT = 1 / 15


def world_legs(normal_z_deg: float, lift_deg: float = 0.0, out_of_plane_deg: float = 0.0) -> np.ndarray:
    """(1, 33, 3) world landmarks: hips 0.2 m apart along y (stacked, lying on a side), the right thigh straight out
    at right angles to them, the left one lifted `lift_deg` toward the hip line and turned `out_of_plane_deg` out of
    the right one's plane; that plane turned so that its normal is `normal_z_deg` from the camera's axis (z)."""
    w = np.zeros((1, 33, 3))
    w[0, L.LEFT_HIP], w[0, L.RIGHT_HIP] = (0.0, -0.1, 0.0), (0.0, 0.1, 0.0)
    a = math.radians(normal_z_deg)
    out = np.array([math.cos(a), 0.0, math.sin(a)])  # in the plane, across the hip line
    normal = np.array([-math.sin(a), 0.0, math.cos(a)])
    lift, turn = math.radians(lift_deg), math.radians(out_of_plane_deg)
    w[0, L.RIGHT_KNEE] = w[0, L.RIGHT_HIP] + 0.45 * out
    left = math.cos(lift) * out + math.sin(lift) * np.array([0, -1.0, 0])
    w[0, L.LEFT_KNEE] = w[0, L.LEFT_HIP] + 0.45 * (math.cos(turn) * left + math.sin(turn) * normal)
    return w


def test_a_plane_facing_the_camera_reads_one_and_edge_on_zero() -> None:
    assert abs(plane_facing(world_legs(0.0))[0] - 1.0) < 1e-9
    assert abs(plane_facing(world_legs(90.0))[0]) < 1e-9
    assert abs(plane_facing(world_legs(70.5))[0] - EDGE_ON) < 1e-3  # cos 70.5° = 1/3


def test_the_thigh_whose_plane_faces_the_camera_more_decides_and_no_world_landmarks_is_no_reading() -> None:
    # the lifted thigh turned 50° out of the resting one's plane: that plane faces the camera less, and is not read
    legs = world_legs(30.0, lift_deg=40.0, out_of_plane_deg=50.0)
    hips, thigh = legs[0, L.LEFT_HIP] - legs[0, L.RIGHT_HIP], legs[0, L.LEFT_KNEE] - legs[0, L.LEFT_HIP]
    lifted = abs(np.cross(hips, thigh)[2]) / np.linalg.norm(np.cross(hips, thigh))
    assert lifted < math.cos(math.radians(30)) - 0.1
    assert abs(plane_facing(legs)[0] - math.cos(math.radians(30))) < 1e-9
    assert math.isnan(plane_facing(np.full((1, 33, 3), np.nan))[0])


def feed(view: OpeningView, values: list[float], start: float = 0.0, segment: int = 0) -> list[bool]:
    return [view.update(start + i * DT, segment, v, lying=True) for i, v in enumerate(values)]


def test_the_picture_is_kept_while_the_plane_faces_the_camera() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.9, 0.95, 1.0, 0.6] * 60))


def test_an_edge_on_plane_turns_to_the_world_landmarks_and_a_brief_dip_does_not() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.95] * 30 + [0.1] * 5 + [0.95] * 30))  # a third of a second: outvoted
    view = OpeningView()
    chosen = feed(view, [0.95] * 30 + [0.2] * 30)
    assert not chosen[30] and chosen[-1]  # within the window's half, not on the first frame


def test_between_the_two_limits_the_choice_stays_as_it_was() -> None:
    view = OpeningView()
    middle = (EDGE_ON + FACE_ON) / 2
    chosen = feed(view, [0.2] * 30 + [middle] * 60)
    assert all(chosen[-60:])  # still the world's: the picture's again only over FACE_ON
    assert not feed(view, [0.95] * 30, start=10.0)[-1]


def test_a_camera_cut_starts_again_with_the_picture() -> None:
    view = OpeningView()
    assert feed(view, [0.2] * 30)[-1]
    assert not any(feed(view, [0.2] * (MIN_SAMPLES - 1), start=3.0, segment=1))  # too few frames to decide
    assert feed(view, [0.2] * 30, start=4.0, segment=1)[-1]


def test_the_world_opening_is_the_angle_between_the_thighs_across_the_pelvis() -> None:
    world = np.zeros((1, 33, 3))
    world[0, L.LEFT_SHOULDER] = (0.18, -0.5, 0)
    world[0, L.RIGHT_SHOULDER] = (-0.18, -0.5, 0)
    world[0, L.LEFT_HIP] = (0.1, 0, 0)
    world[0, L.RIGHT_HIP] = (-0.1, 0, 0)
    world[0, L.NOSE] = (0, -0.7, -0.1)
    world[0, L.LEFT_KNEE] = world[0, L.LEFT_HIP] + 0.45 * np.array(
        [math.sin(math.radians(20)), math.cos(math.radians(20)), 0]
    )
    world[0, L.RIGHT_KNEE] = world[0, L.RIGHT_HIP] + (0, 0.45, 0)
    opening = compute_signals3d(world)["thigh_opening_3d"][0]
    assert np.allclose(opening, 20.0, atol=0.01)  # the same on both sides
    world[0, L.LEFT_KNEE] = world[0, L.LEFT_HIP] + 0.45 * np.array(
        [-math.sin(math.radians(5)), math.cos(math.radians(5)), 0]
    )
    assert np.allclose(compute_signals3d(world)["thigh_opening_3d"][0], -5.0, atol=0.01)  # converging: negative


def lying(t: float, edge_on: bool, shift: float = 0.0, upright: bool = False) -> Pose:
    """Someone lying on their side in the picture (trunk level, hips stacked), the upper knee opening and closing
    every 3 s; the picture shows 1.3 times the opening, and the world landmarks have the true one in a plane that
    faces the camera, or is edge-on to it (filmed from high behind the head). `upright`: the trunk stands instead."""
    opening = 20.0 + 15.0 * math.sin(2 * math.pi * t / 3.0)
    p = np.full((33, 4), 1.0)
    p[:, :2] = (300.0 + shift, 200.0)  # head and hands with the hips: only hips, knees and trunk matter here
    shoulders = ((300 + shift, 60), (300 + shift, 100)) if upright else ((200 + shift, 190), (200 + shift, 230))
    p[L.LEFT_SHOULDER, :2], p[L.RIGHT_SHOULDER, :2] = shoulders
    p[L.LEFT_HIP, :2], p[L.RIGHT_HIP, :2] = (300 + shift, 195), (300 + shift, 235)
    for hip, knee, angle in ((L.LEFT_HIP, L.LEFT_KNEE, opening), (L.RIGHT_HIP, L.RIGHT_KNEE, 0.0)):
        along = -math.radians(angle) * 1.3
        p[knee, :2] = p[hip, :2] + 90.0 * np.array([math.cos(along), math.sin(along)])
    p[L.LEFT_ANKLE, :2], p[L.RIGHT_ANKLE, :2] = (380 + shift, 260), (380 + shift, 265)
    p[:, 0] /= 640.0
    p[:, 1] /= 480.0
    world = world_legs(85.0 if edge_on else 5.0, lift_deg=opening)[0]
    world[L.LEFT_SHOULDER], world[L.RIGHT_SHOULDER] = (-0.5, -0.2, 0.0), (-0.5, 0.2, 0.0)
    world[L.NOSE] = (-0.75, 0.0, -0.1)
    return Pose(p, world)


def read(fk: FrameKinematics, name: str = "thigh_opening") -> tuple[float, float]:
    return fk.signals[name][0], fk.signals[f"{name}_3d"][0]


def test_the_stream_reads_an_edge_on_spread_from_the_world_landmarks_the_same_in_any_batch() -> None:
    t = np.arange(0, 12.0, DT)
    # face-on for 4 s, edge-on for 4 s, then a camera cut (the person jumps in the picture) still edge-on
    poses = [lying(x, edge_on=x >= 4.0, shift=150.0 if x >= 8.0 else 0.0) for x in t]
    frames = np.arange(len(t))
    one = kinematics_of(t, frames, poses, 640, 480)
    eight = kinematics_of(t, frames, poses, 640, 480, batch=8)
    for a, b in zip(one, eight, strict=True):
        np.testing.assert_array_equal(list(a.signals.values()), list(b.signals.values()))
    assert len({fk.segment for fk in one}) == 2 and {fk.posture for fk in one} == {"horizontal"}
    face_on = [read(fk) for fk in one if 1.0 <= fk.t < 4.0]
    edge_on = [fk for fk in one if 5.5 <= fk.t < 8.0]
    after_cut = [fk for fk in one if fk.t >= 8.0]
    assert all(abs(seen - world) > 1.0 for seen, world in face_on if abs(world) > 5.0)  # the picture's
    for name in ("thigh_opening", "hip_abduction"):
        assert all(seen == world for seen, world in (read(fk, name) for fk in edge_on))  # the world landmarks'
    assert read(after_cut[0])[0] != read(after_cut[0])[1]  # a cut starts again with the picture's
    assert all(seen == world for seen, world in (read(fk) for fk in after_cut if fk.t >= 9.5))


def test_without_world_landmarks_or_lying_down_the_picture_is_kept() -> None:
    t = np.arange(0, 6.0, DT)
    # edge-on with world landmarks for 3 s (the world's is chosen), then frames without them (a landmarks CSV's)
    poses = [lying(x, edge_on=True) if x < 3.0 else Pose(lying(x, edge_on=True).xyzv) for x in t]
    out = kinematics_of(t, np.arange(len(t)), poses, 640, 480)
    assert all(read(fk)[0] == read(fk)[1] for fk in out if 1.5 < fk.t < 3.0)
    assert all(math.isfinite(fk.signals["thigh_opening"][0]) for fk in out if fk.t > 3.0)
    standing = kinematics_of(t, np.arange(len(t)), [lying(x, True, upright=True) for x in t], 640, 480)
    assert {fk.posture for fk in standing} == {"upright"}
    assert all(read(fk, "hip_abduction")[0] != read(fk, "hip_abduction")[1] for fk in standing if fk.t > 1.0)


def test_a_moment_out_of_lying_keeps_the_measure_and_standing_up_ends_it() -> None:
    t = np.arange(0, 8.0, DT)
    # edge-on lying; half a second at 3 s read upright (longer than the glitch filter removes); upright from 5 s
    poses = [lying(x, edge_on=True, upright=(3.0 <= x < 3.5) or x >= 5.0) for x in t]
    out = kinematics_of(t, np.arange(len(t)), poses, 640, 480)
    assert {fk.posture for fk in out if 3.2 <= fk.t < 3.3} == {"upright"}
    assert all(read(fk)[0] == read(fk)[1] for fk in out if 1.5 < fk.t < 5.0)  # the world's throughout, flicker too
    assert all(read(fk, "hip_abduction")[0] != read(fk, "hip_abduction")[1] for fk in out if fk.t > 6.6)


def test_lying_down_again_after_standing_starts_with_the_picture() -> None:
    view = OpeningView()
    assert feed(view, [0.2] * 30)[-1]
    assert not view.update(5.0, 0, 0.2, lying=False)  # up for longer than the grace
    assert not any(feed(view, [0.2] * (MIN_SAMPLES - 1), start=6.0))  # lying again: too few frames to decide yet
