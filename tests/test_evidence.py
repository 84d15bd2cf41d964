"""What the summary says when a result rests on little evidence: nothing found, and from which view."""

from __future__ import annotations

from formcheck.engine.records import RepRecord
from formcheck.evidence import nothing_found_warning, rep_warnings, small_range_warning
from formcheck.exercises.catalogue import get
from formcheck.summary import ExerciseSummary


def summary(views: dict[str, int], counted: int = 200, **found: object) -> ExerciseSummary:
    return ExerciseSummary(exercise="kneeling_hip_flexor_stretch", motion="hold", frames=250, frames_with_pose=240,
                           frames_counted=counted, views=views, **found)  # type: ignore[arg-type]  # fmt: skip


def test_no_hold_from_another_view_says_which_view_to_film_from() -> None:
    said = nothing_found_warning(get("kneeling_hip_flexor_stretch"), summary({"front": 230, "oblique": 10}))
    assert said is not None
    assert "no hold of the posture was found" in said and "facing the camera" in said and "side-on" in said


def test_no_hold_from_the_asked_view_says_only_that() -> None:
    said = nothing_found_warning(get("kneeling_hip_flexor_stretch"), summary({"side": 240}))
    assert said == "no hold of the posture was found in the 200 frames counted"


def test_quiet_when_something_was_found_or_nothing_was_counted() -> None:
    exercise = get("kneeling_hip_flexor_stretch")
    assert nothing_found_warning(exercise, summary({"front": 240}, holds_s={"left": [5.0], "right": []})) is None
    assert nothing_found_warning(exercise, summary({"front": 240}, counted=0)) is None  # the setup check says why


def test_no_rep_of_a_rep_exercise() -> None:
    empty = ExerciseSummary(exercise="squat", motion="reps", frames=100, frames_with_pose=100, frames_counted=90,
                            views={"oblique": 90})  # fmt: skip
    said = nothing_found_warning(get("squat"), empty)
    assert said is not None and said.startswith("no rep was found") and "at an angle" in said
    assert nothing_found_warning(get("squat"), ExerciseSummary(exercise="squat", motion="reps", frames=100,
                                 frames_with_pose=100, frames_counted=90, views={"oblique": 90},
                                 attempted_reps=3)) is None  # fmt: skip


def test_a_view_is_named_only_when_it_held_most_of_the_recording() -> None:
    # No view held most of it: no view is named as the one it was seen from, but the exercise's own view's share is
    # given (a rendered standing extension from behind, counted on the side and oblique frames, found nothing).
    split = ExerciseSummary(exercise="standing_hip_extension", motion="reps", frames=100, frames_with_pose=100,
                            frames_counted=60, views={"front": 38, "oblique": 39, "side": 23})  # fmt: skip
    said = nothing_found_warning(get("standing_hip_extension"), split)
    assert said is not None and said.startswith("no rep was found: only 23% of this recording is seen side-on")
    assert said.endswith("film it side-on to the camera to be sure") and "facing" not in said
    own = ExerciseSummary(exercise="standing_hip_extension", motion="reps", frames=100, frames_with_pose=100,
                          frames_counted=60, views={"front": 25, "oblique": 25, "side": 50})  # fmt: skip
    assert nothing_found_warning(get("standing_hip_extension"), own) == "no rep was found in the 60 frames counted"
    unknown = ExerciseSummary(exercise="warrior", motion="hold", frames=100, frames_with_pose=100, frames_counted=60,
                              views={"none": 70, "oblique": 30})  # fmt: skip
    said = nothing_found_warning(get("warrior"), unknown)
    assert said is not None and "at an angle" in said and "warrior II" in said  # "none" is no view; the title as named


def rep(start: float, end: float, partial: str = "") -> RepRecord:
    return RepRecord("left", 1, start, (start + end) / 2, end, 40.0, {}, (), (), True, "front", partial=partial)


def sized(range_deg: float, view: str = "front", partial: str = "") -> RepRecord:
    return RepRecord("left", 1, 0.0, 1.0, 2.0, range_deg, {}, (), (), True, view, partial=partial)


def test_a_count_of_only_small_reps_says_it_rests_on_their_repeating() -> None:
    clamshell = get("clamshell")  # typical opening 40°: a first rep on it covers 16°
    said = small_range_warning(clamshell, [sized(14.0), sized(15.0), sized(16.5, partial="end")])
    assert said is not None and said.startswith("every rep was small (15° against the clamshell's typical 40°)")
    assert "repeat" in said and "count is wrong" in said
    assert small_range_warning(clamshell, [sized(14.0), sized(30.0)]) is None  # one rep on the typical range
    assert small_range_warning(clamshell, []) is None
    # From a view that foreshortens the squat no typical range is assumed: small reps are what it expects there.
    squat = get("squat")
    assert "front" in squat.motion.foreshortened  # type: ignore[union-attr]
    assert small_range_warning(squat, [sized(20.0), sized(22.0)]) is None
    assert small_range_warning(squat, [sized(20.0, "side"), sized(22.0, "side")]) is not None
    assert rep_warnings(squat, [sized(20.0, "side"), sized(22.0, "side")]) == [
        small_range_warning(squat, [sized(20.0, "side"), sized(22.0, "side")])
    ]
