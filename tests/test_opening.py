"""Which measure of the clamshell's opening a frame is read with (formcheck.kinematics.opening): pure logic."""

from __future__ import annotations

import math

import numpy as np

from formcheck.kinematics.opening import EDGE_ON, FACE_ON, MIN_SAMPLES, OpeningView, thigh_across_hips
from formcheck.kinematics.signals3d import compute_signals3d
from formcheck.kinematics.stream import kinematics_of
from formcheck.landmarks import Landmark as L
from formcheck.types import FrameKinematics, Pose

DT = 1 / 15


def legs(hip_line_deg: float, thigh_deg: float) -> np.ndarray:
    """A (1, 33, 2) picture: hips 40 px apart along `hip_line_deg`, both thighs 100 px long along `thigh_deg`."""
    p = np.zeros((1, 33, 2))
    h = np.radians(hip_line_deg)
    k = np.radians(thigh_deg)
    p[0, L.LEFT_HIP] = (200 + 20 * math.cos(h), 200 + 20 * math.sin(h))
    p[0, L.RIGHT_HIP] = (200 - 20 * math.cos(h), 200 - 20 * math.sin(h))
    for hip, knee in ((L.LEFT_HIP, L.LEFT_KNEE), (L.RIGHT_HIP, L.RIGHT_KNEE)):
        p[0, knee] = p[0, hip] + (100 * math.cos(k), 100 * math.sin(k))
    return p


def test_the_thigh_across_the_hip_line_reads_one_and_along_it_zero() -> None:
    assert abs(thigh_across_hips(legs(90, 0))[0] - 1.0) < 1e-9
    assert abs(thigh_across_hips(legs(90, 90))[0]) < 1e-9
    assert abs(thigh_across_hips(legs(90, 60))[0] - 0.5) < 1e-9  # 30° from the hip line: EDGE_ON


def test_the_thigh_that_stays_across_the_hip_line_decides() -> None:
    p = legs(90, 0)
    p[0, L.LEFT_KNEE] = p[0, L.LEFT_HIP] + (0, -100)  # the upper knee opened up to the hip line's direction
    assert abs(thigh_across_hips(p)[0] - 1.0) < 1e-9  # the lower thigh still lies across it


def feed(view: OpeningView, values: list[float], start: float = 0.0, segment: int = 0) -> list[bool]:
    return [view.update(start + i * DT, segment, v) for i, v in enumerate(values)]


def test_the_picture_is_kept_while_the_thighs_cross_the_hip_line() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.9, 0.95, 1.0] * 60))


def test_an_edge_on_plane_turns_to_the_world_landmarks_and_a_brief_dip_does_not() -> None:
    view = OpeningView()
    assert not any(feed(view, [0.95] * 30 + [0.1] * 5 + [0.95] * 30))  # a third of a second: outvoted
    view = OpeningView()
    chosen = feed(view, [0.95] * 30 + [0.3] * 30)
    assert not chosen[30] and chosen[-1]  # within the window's half, not on the first frame


def test_between_the_two_limits_the_choice_stays_as_it_was() -> None:
    view = OpeningView()
    middle = (EDGE_ON + FACE_ON) / 2
    chosen = feed(view, [0.3] * 30 + [middle] * 60)
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


def lying(t: float, edge_on: bool, shift: float = 0.0) -> Pose:
    """A person lying on their side, the upper knee opening and closing every 3 s: thighs across the hip line in
    the picture (there showing 1.3 times the opening), or nearly along it (filmed from high behind the head, showing
    a fifth of it); world landmarks with the true opening."""
    opening = 20.0 + 15.0 * math.sin(2 * math.pi * t / 3.0)
    p = np.full((33, 4), 1.0)
    p[:, :2] = (300.0 + shift, 200.0)  # head and hands with the shoulders: only hips, knees and trunk matter here
    p[L.LEFT_SHOULDER, :2], p[L.RIGHT_SHOULDER, :2] = (200 + shift, 190), (200 + shift, 230)
    p[L.LEFT_HIP, :2], p[L.RIGHT_HIP, :2] = (300 + shift, 195), (300 + shift, 235)
    for hip, knee, angle in ((L.LEFT_HIP, L.LEFT_KNEE, opening), (L.RIGHT_HIP, L.RIGHT_KNEE, 0.0)):
        along = math.radians(-80.0 if edge_on else 0.0) - math.radians(angle) * (0.2 if edge_on else 1.3)
        p[knee, :2] = p[hip, :2] + 90.0 * np.array([math.cos(along), math.sin(along)])
    p[L.LEFT_ANKLE, :2], p[L.RIGHT_ANKLE, :2] = (380 + shift, 260), (380 + shift, 265)
    p[:, 0] /= 640.0
    p[:, 1] /= 480.0
    world = np.zeros((33, 3))
    world[L.LEFT_SHOULDER], world[L.RIGHT_SHOULDER] = (-0.5, -0.2, 0.0), (-0.5, 0.2, 0.0)
    world[L.LEFT_HIP], world[L.RIGHT_HIP] = (0.0, -0.1, 0.0), (0.0, 0.1, 0.0)
    world[L.NOSE] = (-0.75, 0.0, -0.1)
    a = math.radians(opening)
    world[L.LEFT_KNEE] = world[L.LEFT_HIP] + 0.45 * np.array([math.cos(a), -math.sin(a), 0.0])
    world[L.RIGHT_KNEE] = world[L.RIGHT_HIP] + (0.45, 0.0, 0.0)
    return Pose(p, world)


def test_the_stream_reads_an_edge_on_opening_from_the_world_landmarks_the_same_in_any_batch() -> None:
    t = np.arange(0, 12.0, DT)
    # face-on for 4 s, edge-on for 4 s, then a camera cut (the person jumps in the picture) still edge-on
    poses = [lying(x, edge_on=x >= 4.0, shift=150.0 if x >= 8.0 else 0.0) for x in t]
    frames = np.arange(len(t))
    one = kinematics_of(t, frames, poses, 640, 480)
    eight = kinematics_of(t, frames, poses, 640, 480, batch=8)
    for a, b in zip(one, eight, strict=True):
        assert a.signals["thigh_opening"] == b.signals["thigh_opening"] or math.isnan(a.signals["thigh_opening"][0])
    assert len({fk.segment for fk in one}) == 2

    def read(fk: FrameKinematics) -> tuple[float, float]:
        return fk.signals["thigh_opening"][0], fk.signals["thigh_opening_3d"][0]

    face_on = [read(fk) for fk in one if 1.0 <= fk.t < 4.0]
    edge_on = [read(fk) for fk in one if 5.5 <= fk.t < 8.0]
    after_cut = [fk for fk in one if fk.t >= 8.0]
    assert all(abs(seen - world) > 1.0 for seen, world in face_on if abs(world) > 5.0)  # the picture's
    assert all(seen == world for seen, world in edge_on)  # the world landmarks'
    assert read(after_cut[0])[0] != read(after_cut[0])[1]  # a cut starts again with the picture's
    assert all(seen == world for seen, world in (read(fk) for fk in after_cut if fk.t >= 9.5))


def test_without_world_landmarks_the_picture_is_kept() -> None:
    t = np.arange(0, 4.0, DT)
    poses = [Pose(lying(x, edge_on=True).xyzv) for x in t]  # world NaN: a landmarks CSV without world columns
    out = kinematics_of(t, np.arange(len(t)), poses, 640, 480)
    assert all(math.isfinite(fk.signals["thigh_opening"][0]) for fk in out if fk.t > 1.0)
