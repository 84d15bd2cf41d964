"""The cycle counter and the hold timer on plain signals: every way a recording can show reps."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from formcheck.engine.cycle_limits import ARC_LIMIT, HASTY_S
from formcheck.engine.cycles import CycleCounter
from formcheck.engine.holds import HoldTimer
from formcheck.engine.median import CentredMedian
from formcheck.exercises.spec import HoldMotion

FPS = 30.0


def count(values: np.ndarray, t: np.ndarray | None = None, typical: float = 90.0, rest: float = 5.0,
          minimum: float = 15.0) -> list:  # fmt: skip
    """The cycles the counter reports, fed through the same median the engine uses."""
    t = np.arange(len(values)) / FPS if t is None else t
    counter, median, out = CycleCounter(typical, rest, minimum), CentredMedian(), []
    for ti, v in zip(t, values, strict=True):
        out += [c for tt, vv in median.push(float(ti), float(v)) for c in counter.update(tt, vv)]
    out += [c for tt, vv in median.flush() for c in counter.update(tt, vv)]
    return out + counter.finish()


def reps(n: int, peak: float = 95.0, rep_s: float = 2.0, rest: float = 5.0, pause_s: float = 1.0,
         lead_s: float = 1.0) -> np.ndarray:  # fmt: skip
    """n cosine reps from `rest` to `peak`, with rest between them."""
    t = np.arange(0, lead_s + n * (rep_s + pause_s) + 1.0, 1 / FPS)
    k = t - lead_s
    phase = np.mod(k, rep_s + pause_s)
    inside = (k >= 0) & (k < n * (rep_s + pause_s)) & (phase < rep_s)
    u = np.where(inside, 0.5 - 0.5 * np.cos(2 * math.pi * phase / rep_s), 0.0)
    return rest + (peak - rest) * u


@pytest.mark.parametrize(
    ("case", "values", "expected"),
    [
        ("typical", reps(5), 5),
        ("half the typical range (after surgery)", reps(5, peak=50.0), 5),
        ("130% of the typical range", reps(5, peak=122.0), 5),
        ("fast: 0.7 s a rep", reps(6, rep_s=0.7, pause_s=0.2), 6),
        ("slow: 4 s a rep", reps(3, rep_s=4.0), 3),
        (
            "soft knees: never back to rest",
            np.concatenate(
                [
                    reps(1, pause_s=0)[:-30],
                    35 + 60 * (0.5 - 0.5 * np.cos(2 * math.pi * np.arange(0, 4 * 1.6, 1 / FPS) / 1.6)),
                ]
            )[:-1],
            5,
        ),
        ("jitter only", 5 + np.random.default_rng(1).normal(0, 3, 300), 0),
        ("a partial movement a third of the range", reps(1, peak=35.0), 0),
    ],
)
def test_counts(case: str, values: np.ndarray, expected: int) -> None:
    assert len(count(values)) == expected, case


def test_noise_does_not_add_or_lose_reps() -> None:
    values = reps(4) + np.random.default_rng(0).normal(0, 4, len(reps(4)))
    assert len(count(values)) == 4


def test_glitch_spike_inside_a_held_bottom_is_not_a_second_rep() -> None:
    values = reps(1, rep_s=4.0)
    bottom = int((1.0 + 2.0) * FPS)
    values[bottom : bottom + 3] = 10.0  # a knee label jumping for three frames at the bottom
    assert len(count(values)) == 1


@pytest.mark.parametrize("frames", [1, 2])
def test_a_label_swap_of_two_frames_at_15_fps_is_not_a_turning_point(frames: int) -> None:
    """At 15 fps (the rendered suite's rate) a two-frame swap in mid-movement is 0.13 s: the median removes it."""
    fps = 15.0
    t = np.arange(0, 1.0 + 3 * 3.0 + 1.0, 1 / fps)
    k = t - 1.0
    inside = (k >= 0) & (k < 9.0) & (np.mod(k, 3.0) < 2.0)
    values = 5.0 + 90.0 * np.where(inside, 0.5 - 0.5 * np.cos(math.pi * np.mod(k, 3.0)), 0.0)
    rising = int((1.0 + 0.6) * fps)
    values[rising : rising + frames] = 5.0  # the leg's label on the other, resting leg for a moment
    assert len(count(values, t)) == 3


@pytest.mark.parametrize("where", ["alone between gaps", "after the last gap"])
def test_a_pose_found_for_one_frame_is_no_evidence(where: str) -> None:
    """A single frame with a pose, apart from the others by more than the median's window, is dropped: the lite model
    folded a knee-raiser's legs (hip 119°) in the one frame it found as he walked out of the picture, and that lone
    value made a rep cut by the end (real2/kneeraise_home_portrait_01, counting.py --real --model lite)."""
    values = reps(2)
    t = np.arange(len(values)) / FPS
    if where == "after the last gap":
        t, values = np.append(t, t[-1] + 0.4), np.append(values, 95.0)
    else:
        lone = int(1.5 * FPS)  # in the rest before the first rep: a frame, then 0.4 s of nothing on either side
        keep = (np.abs(t - t[lone]) > 0.4) | (np.arange(len(t)) == lone)
        values = values.copy()
        values[lone] = 95.0
        t, values = t[keep], values[keep]
    assert len(count(values, t)) == 2


def test_at_a_frame_rate_too_low_for_the_window_no_sample_is_dropped() -> None:
    fps = 5.0  # ±0.15 s holds one frame
    t = np.arange(0, 1.0 + 3 * 3.0 + 1.0, 1 / fps)
    k = t - 1.0
    inside = (k >= 0) & (k < 9.0) & (np.mod(k, 3.0) < 2.0)
    values = 5.0 + 90.0 * np.where(inside, 0.5 - 0.5 * np.cos(math.pi * np.mod(k, 3.0)), 0.0)
    median = CentredMedian()
    out = [p for ti, v in zip(t, values, strict=True) for p in median.push(float(ti), float(v))] + median.flush()
    assert len(out) == len(t)
    assert len(count(values, t)) == 3


@pytest.mark.parametrize("typical", [37.5, 90.0])  # no range assumed (from the front: min_excursion / COVER), typical
def test_a_squat_lowered_in_held_steps_settling_a_little_at_each_is_one_rep(typical: float) -> None:
    """Down in four held steps, giving back 18° after each (past the 15° minimum excursion) and settling there, then
    up: one rep. A give-back of less than COVER of the way down from rest is a pause on the way, not the turning point
    (the check set's rehab wall squat, filmed from the front, counted 2 of 1)."""
    knots_t = [0, 1, 2, 3, 3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0, 9.0, 9.5, 10.0, 11.0, 12.0, 13.5, 14.5]
    knots_v = [5, 5, 55, 55, 37, 37, 75, 75, 57, 57, 95, 95, 77, 77, 110, 110, 5, 5]
    t = np.arange(0, 14.5, 1 / FPS)
    assert len(count(np.interp(t, knots_t, knots_v), t, typical=typical)) == 1


def test_a_dip_below_rest_and_back_is_not_a_rep() -> None:
    """A turning point still inside the resting band never left rest: a recording that opens with the landmarks
    settling far below the resting level and coming up to it is not a rep (nor one cut by the start)."""
    settle = np.concatenate([np.linspace(-60.0, 6.0, 8), np.full(20, 6.0), np.linspace(6.0, -40.0, 8),
                             np.linspace(-40.0, 5.0, 10)])  # fmt: skip
    values = np.concatenate([settle, reps(3)])
    assert len(count(values)) == 3
    assert len(count(np.concatenate([np.full(30, 5.0), -30.0 * np.sin(np.linspace(0, math.pi, 60)),
                                     np.full(30, 5.0)]))) == 0  # fmt: skip


def dip_then_rest(rest_s: float = 1.0) -> np.ndarray:
    """At rest (5), a 65-unit dip below it (landmarks settling, a shift on the mat), then still at rest."""
    return np.concatenate([np.full(30, 5.0), 5.0 - 65.0 * np.sin(np.linspace(0, math.pi, 45)),
                           np.full(int(rest_s * FPS), 5.0)])  # fmt: skip


@pytest.mark.parametrize(("rest_s", "expected"), [(1.0, 0), (0.4, 1)])
def test_a_dip_then_rest_at_the_end_is_no_rep(rest_s: float, expected: int) -> None:
    """The rise out of the dip covers the edge rule's share of the range, but it ended at rest and stayed there (1 s):
    no rep turned (it was counted as a rep cut by the end). Still for less than PLATEAU_S (0.4 s), the recording may
    have stopped at the top of a rep: it is one, cut by the end."""
    assert len(count(dip_then_rest(rest_s))) == expected


def test_a_last_rep_held_at_its_top_by_someone_resting_far_back_is_cut_by_the_end() -> None:
    """Resting at -60 and turning at 10, inside the typical resting band (5): the recording stops while the fourth
    rep is held at its top for 1 s. That is where this person's reps turn, not a rest: a rep cut by the end (the
    counter once took the hold for a rest and dropped it)."""
    rise = -60.0 + 70.0 * (0.5 - 0.5 * np.cos(np.linspace(0, math.pi, 30)))
    values = np.concatenate([reps(3, peak=10.0, rest=-60.0), rise, np.full(30, 10.0)])
    out = count(values)
    assert len(out) == 4 and out[-1].partial == "end"


@pytest.mark.parametrize("reps_n", [1, 3])
def test_a_person_resting_further_back_than_the_typical_rest_keeps_the_first_rep(reps_n: int) -> None:
    """A hip that does not fully extend: rests at -60 against the typical 5 and turns at 10, inside the typical
    resting band. Its reps all turn there, so the first one is a rep too (and a lone one counts)."""
    assert len(count(reps(reps_n, peak=10.0, rest=-60.0))) == reps_n


def test_two_reps_inside_the_typical_resting_band_before_a_complete_one_are_both_kept() -> None:
    """Resting at -60 and turning at -20: the first two reps turn inside the resting band the typical rest (5) and
    the first valleys give, the third is above the band once the valleys have moved the rest down. All three turn
    at the same point, so all three are reps (the counter once kept only the first such rep waiting)."""
    assert len(count(reps(3, peak=-20.0, rest=-60.0))) == 3


@pytest.mark.parametrize(
    ("case", "cut", "expected", "partial"),
    [
        ("starts at the bottom", "start_bottom", 3, "start"),
        ("starts half way up from the bottom (turning point not shown)", "start_half", 2, ""),
        ("ends at the bottom", "end_bottom", 3, "end"),
        ("ends half way down (turning point not reached)", "end_half", 2, ""),
        ("ends on the way back up", "end_return", 3, "end"),
    ],
)
def test_reps_cut_by_the_recording(case: str, cut: str, expected: int, partial: str) -> None:
    values = reps(3, lead_s=1.0)
    per = int(3.0 * FPS)  # one rep + pause
    start, end = int(1.0 * FPS), int(1.0 * FPS) + 3 * per
    trimmed = {
        "start_bottom": values[start + int(1.0 * FPS) :],  # the first rep's bottom is at 1 s into it
        "start_half": values[start + int(1.5 * FPS) :],
        "end_bottom": values[: end - per + int(1.0 * FPS)],
        "end_half": values[: end - per + int(0.5 * FPS)],
        "end_return": values[: end - per + int(1.4 * FPS)],
    }[cut]
    got = count(trimmed)
    assert len(got) == expected, case
    assert [c.partial for c in got if c.partial] == ([partial] if partial else []), case
    assert all(c.start_s <= c.peak_s <= c.end_s for c in got), case
    assert partial != "start" or got[0].start_s == 0.0, case  # a rep cut by the start begins with the recording


def test_a_short_break_does_not_end_the_movement_but_a_long_one_does() -> None:
    values = reps(2)
    t = np.arange(len(values)) / FPS
    keep = ~((t > 1.9) & (t < 2.4))  # a 0.5 s gap (a camera cut) at the bottom of rep 1
    assert len(count(values[keep], t[keep])) == 2
    long_gap = ~((t > 2.1) & (t < 3.7))  # gone for 1.6 s just after the bottom of rep 1
    assert len(count(values[long_gap], t[long_gap])) == 2  # rep 1 counts at the edge: its bottom was seen
    lost = ~((t > 1.6) & (t < 3.2))  # gone before the bottom of rep 1 until it was over
    assert len(count(values[lost], t[lost])) == 1


def test_a_far_larger_movement_at_the_end_is_not_a_rep() -> None:
    values = np.concatenate([reps(3, peak=40.0), np.linspace(5.0, 90.0, 10)])  # gets up after three reps
    assert len(count(values, typical=40.0)) == 3


def test_a_peak_passed_in_one_coarse_frame_is_still_a_turning_point() -> None:
    # 5 fps: the fall from the peak comes back by the hysteresis and below the valley in the same frame.
    t = np.arange(0, 6.0, 0.2)
    values = np.interp(t, [0.0, 0.6, 1.2, 1.4, 6.0], [72.0, 95.0, 95.0, 5.0, 5.0])
    got = count(values, t, typical=37.5)
    assert [c.partial for c in got] == ["start"]  # the recording opened near the bottom: one rep, cut
    assert got[0].start_s == 0.0 <= got[0].peak_s  # the cut rep starts with the recording, never after its peak


def test_a_rep_that_falls_back_in_one_coarse_frame_starts_before_its_peak() -> None:
    # 5 fps, from rest: the frame that confirms the peak is already back at rest; it is after the peak, so it
    # neither starts the rep nor is its start.
    t = np.arange(0, 6.0, 0.2)
    values = np.interp(t, [0.0, 1.0, 1.6, 1.8, 6.0], [5.0, 5.0, 95.0, 5.0, 5.0])
    got = count(values, t, typical=90.0)
    assert len(got) == 1 and got[0].start_s <= got[0].peak_s <= got[0].end_s


def test_a_recording_ending_at_full_speed_near_the_usual_bottom_has_not_turned() -> None:
    descent = np.linspace(5.0, 85.0, int(0.4 * FPS))  # the third one ends 90 % down, still going fast
    assert len(count(np.concatenate([reps(2), descent]))) == 2


def test_range_follows_the_person() -> None:
    counter = CycleCounter(90.0, 5.0, 15.0)
    for i, v in enumerate(reps(4, peak=50.0)):
        counter.update(i / FPS, float(v))
    assert counter.range == pytest.approx(45.0, abs=3.0)


def test_durations_run_from_leaving_rest_to_back_at_rest() -> None:
    (cycle,) = count(reps(1, rep_s=2.7))
    assert cycle.end_s - cycle.start_s == pytest.approx(2.7, abs=0.5)


def test_hold_timer_counts_only_inside_band() -> None:
    timer = HoldTimer(HoldMotion(signal="x", low=80, high=100, grace_s=0.5))
    spans = []
    for i in range(0, 30 * 20):
        t = i / 30
        value = 90.0 if 2 <= t < 12 else 20.0
        if 6 <= t < 6.3:
            value = 50.0  # a brief wobble out of the band is forgiven but not timed
        span = timer.update(t, value, 0)
        if span:
            spans.append(span)
    assert len(spans) == 1
    assert spans[0].held_s == pytest.approx(9.7, abs=0.1)


def test_hold_timer_splits_on_long_break() -> None:
    timer = HoldTimer(HoldMotion(signal="x", low=80, high=100, grace_s=0.5))
    spans = [timer.update(i / 30, 90.0 if (i // 150) % 2 == 0 else 0.0, 0) for i in range(600)]
    assert [round(s.held_s) for s in spans if s] == [5, 5]


def held(value_at: Callable[[float], float], seconds: float, grace_s: float) -> list:
    """The holds a timer (band 80–100, measurement error 5) finds in value_at(t) sampled at 30 fps."""
    timer = HoldTimer(HoldMotion(signal="x", low=80, high=100, grace_s=grace_s))
    spans = [timer.update(i / 30, value_at(i / 30), 0, error=5.0) for i in range(int(30 * seconds))]
    return [s for s in [*spans, timer.finish()] if s]


@pytest.mark.parametrize(("rocked_to", "holds"), [(103.0, 1), (110.0, 3)])
def test_a_hold_ends_only_when_the_band_is_clearly_left(rocked_to: float, holds: int) -> None:
    # Three 3 s stays in the band with 1.5 s rocks out of it between (longer than grace): a rock to within the
    # measurement's error (5) of the band's edge is no evidence of leaving it, one well past it is.
    def value(t: float) -> float:
        return 20.0 if t < 1.0 or t >= 13.0 else (90.0 if (t - 1.0) % 4.5 < 3.0 else rocked_to)

    spans = held(value, 14, grace_s=0.5)
    assert len(spans) == holds
    assert sum(s.held_s for s in spans) == pytest.approx(9.0, abs=0.3)  # only the time inside is held


def test_a_rest_near_the_band_longer_than_the_stretch_before_it_ends_the_hold() -> None:
    # 15 s stretch, 60 s kneeling upright just outside the band (within its error), 15 s stretch: two holds.
    def value(t: float) -> float:
        return 90.0 if 1 <= t < 16 or 76 <= t < 91 else (103.0 if 16 <= t < 76 else 20.0)

    assert [round(s.held_s) for s in held(value, 95, grace_s=1.0)] == [15, 15]


def test_an_unreadable_frame_neither_ends_nor_extends_a_hold() -> None:
    def value(t: float) -> float:
        if 5.0 <= t < 5.1:
            return math.nan  # the person lost for three frames in the middle of a rock near the band
        return 90.0 if 1 <= t < 4 or 5.5 <= t < 10 else (103.0 if 4 <= t < 5.5 else 20.0)

    spans = held(value, 12, grace_s=1.0)
    assert len(spans) == 1 and spans[0].held_s == pytest.approx(7.5, abs=0.2)


def test_the_counted_view_follows_a_held_change_not_a_flicker() -> None:
    from formcheck.engine.reps import VIEW_SETTLE_S, ViewLatch

    latch = ViewLatch()
    views = ["side"] * 30 + ["front"] * 3 + ["side"] * 30 + ["front"] * int(2 * VIEW_SETTLE_S * FPS)
    got = [latch.update(i / FPS, v) for i, v in enumerate(views)]
    assert set(got[:63]) == {"side"}  # three frames called "front" inside a side-on set change nothing
    assert got[-1] == "front"
    assert got.index("front") >= 63 + int(VIEW_SETTLE_S * FPS) - 1
    assert latch.update(100.0, "none") == "front"  # nobody in view: the last view holds


def test_from_a_view_that_foreshortens_the_first_reps_need_only_the_minimum_excursion() -> None:
    from formcheck.engine.reps import RepTracker
    from formcheck.exercises.catalogue import get
    from formcheck.types import FrameKinematics

    def tracked(view: str) -> int:
        # A squat whose picture shows a third of the typical bend: the knee angle moves 30°, the thighs 50°.
        tracker, out = RepTracker(get("squat")), []
        for i, v in enumerate(reps(3, peak=35.0)):
            knee, thigh = float(v), 10.0 + 50.0 * (float(v) - 5.0) / 30.0
            signals = {"knee_flexion": (knee, knee), "thigh_drop": (thigh, thigh)}
            out += tracker.update(FrameKinematics(i / FPS, i, signals, view, "", "upright", True, 0))
        return len(out + tracker.finish())

    assert tracked("front") == 3  # from the front it is all the picture shows of one
    # From the side a 30° knee bend is a third of a typical squat: one alone is no rep, two in a row are this
    # person's reps (all three here: tests/test_small_range.py).
    assert tracked("side") == 3


def test_a_bridge_recording_that_opens_mid_lift_counts_that_rep_at_the_edge() -> None:
    # The hip angle falls during a bridge (50° lying, 0° at the top): the counter must know its rest is there.
    from formcheck.engine.reps import RepTracker
    from formcheck.exercises.catalogue import get
    from formcheck.types import FrameKinematics

    hip = 50.0 - (reps(3, peak=50.0, rest=0.0, rep_s=2.8, pause_s=1.0) - 0.0)
    hip = hip[int((1.0 + 0.9) * FPS) :]  # opens half way up the first lift
    tracker, out = RepTracker(get("glute_bridge")), []
    for i, v in enumerate(hip):
        fk = FrameKinematics(i / FPS, i, {"hip_flexion": (float(v), float(v))}, "side", "left", "horizontal", True, 0)
        out += tracker.update(fk)
    got = out + tracker.finish()
    assert [c.partial for c in got] == ["start", "", ""]


def test_a_swing_beyond_any_joints_arc_is_not_a_rep_and_does_not_teach_the_range() -> None:
    # Landmarks folding over head-on on all fours: the "hip angle" swings by 250 deg between two real reps.
    swing = 5.0 + 250.0 * np.sin(np.linspace(0, math.pi, 45))
    values = np.concatenate([reps(2, peak=95.0), swing, reps(2, peak=95.0)])
    got = count(values)
    assert len(got) == 4
    assert all(c.range_deg <= ARC_LIMIT for c in got)
    counter = CycleCounter(90.0, 5.0, 15.0)  # two reps teach it this person's range; the swing must not move it
    for i, v in enumerate(values[: len(reps(2, peak=95.0)) + len(swing) + 15]):
        counter.update(i / FPS, float(v))
    assert counter.range == pytest.approx(90.0, abs=3.0)


def test_a_rep_cut_just_before_its_turning_point_begins_with_the_recording() -> None:
    # The recording opens part way down, a little before the bottom: the cut rep starts at the first frame, not at
    # its bottom (the rep table's time "down" is then the part that was filmed).
    t = np.arange(0, 8.0, 1 / FPS)
    values = np.interp(t, [0.0, 0.3, 1.3, 3.0, 4.4, 5.8, 8.0], [70.0, 90.0, 5.0, 5.0, 90.0, 5.0, 5.0])
    got = count(values, t, typical=90.0)
    assert [c.partial for c in got] == ["start", ""]
    assert got[0].start_s == 0.0 < got[0].peak_s


def test_a_jump_quicker_than_any_controlled_rep_is_not_a_rep() -> None:
    # Landmarks jumping in a view that hides the limb: up and back in 0.3 s. A controlled rep takes 0.7 s or more.
    assert count(reps(1, rep_s=0.3)) == []
    assert len(count(reps(1, rep_s=0.5))) == 1
    assert len(count(reps(1, rep_s=2 * HASTY_S + 0.1))) == 1


def test_a_rep_whose_way_back_reaches_rest_before_coming_back_by_h_starts_before_its_turning_point() -> None:
    # Reps of 6.2 deg against H = the minimum excursion, 6: each fall reaches the valley's still band (0.3 deg above
    # it) before it has come back by H. The start once moved to that way back, after the turning point (a rendered
    # hip extension at 35 % of its range was then a "rep" of 0.2 s starting 1.3 s after its peak, and a jump;
    # benchmarks/counting.py --rendered --below --fresh).
    got = count(reps(3, peak=6.2, rest=0.0), typical=15.0, rest=0.0, minimum=6.0)
    assert len(got) == 3
    for c in got:
        assert c.start_s < c.peak_s < c.end_s
    assert got[0].start_s == pytest.approx(1.0, abs=0.2)


def test_a_start_far_larger_than_the_first_complete_rep_is_landmarks_settling_not_a_cut_rep() -> None:
    # The model locking on: the signal opens at 105 and falls to rest, then reps of 30 (a rendered single-leg bridge
    # seen from behind opened with a "rep cut by the start" of 97 deg before reps of 30-40 deg: 4 of 3).
    u = np.linspace(0, math.pi, int(1.0 * FPS))
    settling = 5.0 + 100.0 * (0.5 + 0.5 * np.cos(u))
    got = count(np.concatenate([settling, reps(3, peak=35.0)]), typical=45.0, rest=5.0, minimum=10.0)
    assert [c.partial for c in got] == ["", "", ""]
    # A rep cut by the start as large as the reps after it still counts (tests above: "starts at the bottom").


def half_cosine(a: float, b: float, seconds: float) -> np.ndarray:
    u = np.linspace(0, math.pi, int(seconds * FPS))
    return a + (b - a) * (0.5 - 0.5 * np.cos(u))


def test_a_rise_just_over_h_given_back_to_rest_does_not_start_the_rep_that_follows() -> None:
    # A rise of 6.2 (H = 6) given back to rest, 5 s at rest, then a rep of 15: the rep starts after the first rise,
    # not before it (the start was once kept from before that rise: a rep of 8.8 s).
    values = np.concatenate([np.zeros(int(FPS)), half_cosine(0.0, 6.2, 1.0), half_cosine(6.2, 0.25, 1.0),
                             np.full(int(5 * FPS), 0.25), half_cosine(0.25, 15.0, 1.0), half_cosine(15.0, 0.0, 1.0),
                             np.zeros(int(FPS))])  # fmt: skip
    got = count(values, typical=15.0, rest=0.0, minimum=6.0)
    assert len(got) == 1 and got[0].peak_s == pytest.approx(8.9, abs=0.2)
    assert got[0].start_s > 2.5  # after the first rise came back (2.9 s)


def test_a_start_partial_is_held_to_the_first_complete_reps_own_range() -> None:
    # From a view that foreshortens, the counter starts from a small typical range (37.5 here); reps of 78 and a rep cut
    # by the start of 97 (1.25 times the first rep) is this person's rep, however far past 1.6 times the typical.
    got = count(np.concatenate([half_cosine(106.0, 5.0, 1.0), reps(3, peak=84.0)]), typical=37.5, rest=5.0,
                minimum=15.0)  # fmt: skip
    assert [c.partial for c in got] == ["start", "", "", ""]


def test_a_pause_between_reps_is_part_of_neither() -> None:
    # Reps of 2 s with 3 s at rest between them: each rep runs from leaving rest to back at rest. (Every rep after the
    # first once started where the signal first came to rest after the one before: 5 s "reps", and a person resting
    # between reps would have been told they were slower than prescribed.)
    got = count(reps(3, rep_s=2.0, pause_s=3.0, lead_s=1.0))
    assert len(got) == 3
    for k, c in enumerate(got):
        assert c.start_s == pytest.approx(1.0 + 5.0 * k, abs=0.2)
        assert c.end_s - c.start_s == pytest.approx(2.0, abs=0.3)
