"""The one kinematics stream: frame by frame or all at once it measures the same; glitches, gaps and cuts."""

from __future__ import annotations

import numpy as np

from formcheck.exercises.catalogue import get
from formcheck.kinematics.stream import CUT_MIN_TORSO, LAG_S, KinematicsStream, kinematics_of
from formcheck.types import Pose, PoseTrack
from tests.replay import judge
from tests.stick import Body, reps, track
from tests.test_engine import squat_track


def poses(tr: PoseTrack) -> list[Pose]:
    return [tr.pose(i) for i in range(len(tr))]


def test_frame_by_frame_is_identical_to_all_at_once() -> None:
    tr = squat_track(3)
    whole = kinematics_of(tr.t, tr.frame, poses(tr), tr.width, tr.height)
    stream, streamed = KinematicsStream(tr.width, tr.height), []
    for i, pose in enumerate(poses(tr)):
        got = stream.push(float(tr.t[i]), int(tr.frame[i]), pose)
        assert all(fk.t <= tr.t[i] - LAG_S + 1e-9 for fk in got)  # each frame comes out LAG_S later
        streamed += got
    streamed += stream.flush()
    names = sorted(whole[0].signals)
    np.testing.assert_array_equal([[fk.signals[n] for n in names] for fk in streamed],
                                  [[fk.signals[n] for n in names] for fk in whole])  # fmt: skip
    assert [fk.index for fk in streamed] == list(tr.frame)


def test_described_eight_at_a_time_as_one_at_a_time() -> None:
    tr = squat_track(3)
    xyzv = tr.xyzv.copy()
    xyzv[100:140] = np.nan  # a gap that ends the segment: the batch must not straddle it wrongly
    xyzv[200:, :, 0] += 0.3  # a camera cut
    cut = PoseTrack(tr.t, tr.frame, xyzv, tr.width, tr.height)
    one = kinematics_of(cut.t, cut.frame, poses(cut), cut.width, cut.height)
    eight = kinematics_of(cut.t, cut.frame, poses(cut), cut.width, cut.height, batch=8)
    assert len(one) == len(eight) == len(cut) and len({fk.segment for fk in one}) >= 3
    for a, b in zip(one, eight, strict=True):
        np.testing.assert_array_equal(list(a.signals.values()), list(b.signals.values()))
        np.testing.assert_array_equal(a.landmarks, b.landmarks)
        assert (a.t, a.index, a.view, a.facing, a.posture, a.assessable, a.segment, a.visible) == (
            b.t, b.index, b.view, b.facing, b.posture, b.assessable, b.segment, b.visible)  # fmt: skip


def test_a_three_frame_glitch_is_filtered_out() -> None:
    tr = squat_track(1)
    xyzv = tr.xyzv.copy()
    i = len(tr) // 4  # standing: knee near straight
    xyzv[i : i + 3, 25, 0] += 0.15  # the left knee jumps sideways for three frames
    glitched = PoseTrack(tr.t, tr.frame, xyzv, tr.width, tr.height)
    clean = kinematics_of(tr.t, tr.frame, poses(tr), tr.width, tr.height)
    fixed = kinematics_of(tr.t, tr.frame, poses(glitched), tr.width, tr.height)
    assert abs(fixed[i + 1].signals["knee_flexion"][0] - clean[i + 1].signals["knee_flexion"][0]) < 3.0


def test_short_dropout_keeps_the_rep_long_gap_over_the_bottom_loses_it() -> None:
    tr = squat_track(3)
    t = tr.t
    for gap, expected in (((5.0, 5.2), 3), ((5.0, 7.3), 2)):
        xyzv = tr.xyzv.copy()
        xyzv[(t > gap[0]) & (t < gap[1])] = np.nan
        assert len(judge(get("squat"), PoseTrack(t, tr.frame, xyzv, tr.width, tr.height))) == expected, gap


def test_abduction_sides_and_faults() -> None:
    fn, duration = reps(Body(), "abduction_right", 3.0, 30.0, 3, faults=[{}, {"trunk_lateral": 15.0}, {}])
    records = judge(get("standing_hip_abduction"), track(fn, duration, view="front"))
    assert [r.side for r in records] == ["right"] * 3
    assert [list(r.faults) for r in records] == [[], ["abduction.trunk_lean"], []]


def test_camera_cut_starts_a_new_segment() -> None:
    tr = squat_track(2)
    moved = tr.xyzv.copy()
    half = len(tr) // 2
    moved[half:, :, 0] = moved[half:, :, 0] * 0.5 + 0.4  # the person jumps across the image and shrinks: a cut
    moved[half:, :, 1] = moved[half:, :, 1] * 0.5
    cut = PoseTrack(tr.t, tr.frame, moved, tr.width, tr.height)
    frames = kinematics_of(tr.t, tr.frame, poses(cut), tr.width, tr.height)
    assert frames[half - 1].segment + 1 == frames[half].segment


def test_a_small_person_wobbling_is_no_cut_but_one_jumping_across_the_picture_is() -> None:
    # Seen from the feet or far off, a torso of ~20 px wobbles by a third of itself from frame to frame: the same
    # person, not a cut (a rendered supine rotation seen from the feet had a hold cut in two). Moving across the
    # picture is still a cut.
    tr = squat_track(2)
    small = tr.xyzv.copy()
    centre = np.array([0.5, 0.5])
    small[:, :, :2] = centre + (small[:, :, :2] - centre) * 0.12
    torso = np.linalg.norm((small[0, 11, :2] + small[0, 12, :2] - small[0, 23, :2] - small[0, 24, :2]) / 2 * tr.height)
    assert torso < CUT_MIN_TORSO * min(tr.width, tr.height)  # the case the floor is for
    wobbly = small.copy()
    wobbly[1::2, :, 1] = 0.5 + (wobbly[1::2, :, 1] - 0.5) * 0.65  # every other frame 35 % shorter
    frames = kinematics_of(tr.t, tr.frame, poses(PoseTrack(tr.t, tr.frame, wobbly, tr.width, tr.height)), tr.width,
                           tr.height)  # fmt: skip
    assert {fk.segment for fk in frames} == {0}
    half = len(tr) // 2
    small[half:, :, 0] += 0.3  # the small person jumps across the picture
    frames = kinematics_of(tr.t, tr.frame, poses(PoseTrack(tr.t, tr.frame, small, tr.width, tr.height)), tr.width,
                           tr.height)  # fmt: skip
    assert frames[half - 1].segment + 1 == frames[half].segment


def test_a_small_person_growing_threefold_in_a_frame_is_a_cut() -> None:
    # The torso floor keeps a small person's wobble from being a cut, not a change of scale far past it.
    tr = squat_track(2)
    small = tr.xyzv.copy()
    centre = np.array([0.5, 0.5])
    half = len(tr) // 2
    small[:half, :, :2] = centre + (small[:half, :, :2] - centre) * 0.12
    small[half:, :, :2] = centre + (small[half:, :, :2] - centre) * 0.36  # 20 px to 60 px: the camera cut in
    frames = kinematics_of(tr.t, tr.frame, poses(PoseTrack(tr.t, tr.frame, small, tr.width, tr.height)), tr.width,
                           tr.height)  # fmt: skip
    assert frames[half - 1].segment + 1 == frames[half].segment
