"""When a result rests on little evidence, the summary says so: warnings built from what the run saw."""

from __future__ import annotations

from collections.abc import Sequence

from formcheck.engine.cycle_limits import COVER
from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.exercises.spec import Exercise, RepMotion
from formcheck.summary import ExerciseSummary
from formcheck.types import VideoInfo

FEW_WITH_PERSON = 0.5  # a person in fewer than half the frames: the counts may miss what happened off screen
SHORT_CLIP_S = 1.0  # shorter than the quickest rep any exercise counts
FEW_COUNTED = 0.5  # counted in fewer than half the frames with a person: say what the setup check asked for


def evidence_warnings(summary: ExerciseSummary | None, info: VideoInfo, frames_read: int, multi_frames: int,
                      duration_s: float, setup_issue: str = "") -> list[str]:  # fmt: skip
    """Plain-language warnings about how much the result can be trusted."""
    out = []
    if info.frame_count > 10 and frames_read < 0.9 * info.frame_count:
        out.append(f"the video ends early: decoded {frames_read} of {info.frame_count} frames (truncated file?); "
                   "results cover what could be read")  # fmt: skip
    if duration_s < SHORT_CLIP_S:
        out.append(f"the recording is only {duration_s:.1f} s long: too short to show a whole repetition")
    if summary is not None:
        out += seen_warnings(summary, setup_issue)
    if multi_frames:
        out.append(f"{multi_frames} frames show more than one person: followed the one doing the exercise; "
                   "the others are not judged")  # fmt: skip
    return out


def seen_warnings(summary: ExerciseSummary, setup_issue: str = "") -> list[str]:
    """Warnings about one exercise's frames: a person seldom in view, or counting mostly held back by the setup check
    (an analysed video's and a live session's alike)."""
    out: list[str] = []
    if not summary.frames:
        return out
    share = summary.frames_with_pose / summary.frames
    if 0 < share < FEW_WITH_PERSON:
        out.append(f"a person was found in only {share * 100:.0f}% of the frames: what happened out of view "
                   "is not counted")  # fmt: skip
    if setup_issue and summary.frames_with_pose and summary.frames_counted < FEW_COUNTED * summary.frames_with_pose:
        counted = summary.frames_counted / summary.frames_with_pose
        out.append(f"counted in only {counted * 100:.0f}% of the frames with a person in view; the setup check "
                   f"asked for this: {setup_issue}")  # fmt: skip
    return out


def small_range_warning(exercise: Exercise, records: Sequence[RepRecord | HoldRecord]) -> str | None:
    """Every complete rep under COVER of the exercise's typical range, from a view that shows it whole: the count rests
    on the reps repeating in size and level (formcheck.engine.small_range), not on their size; say so, with both."""
    motion = exercise.motion
    full = [r for r in records if isinstance(r, RepRecord) and not r.partial]
    if not isinstance(motion, RepMotion) or not full or any(r.view in motion.foreshortened for r in full):
        return None
    ranges = sorted(r.range_deg for r in full)
    if ranges[-1] >= COVER * motion.typical_range:
        return None
    title = _in_sentence(exercise)
    return (f"every rep was small ({ranges[len(ranges) // 2]:.0f}° against the {title}'s typical "
            f"{motion.typical_range:.0f}°): they were counted as this person's own range because they repeat in size; "
            f"if these movements were not reps, the count is wrong")  # fmt: skip


def rep_warnings(exercise: Exercise, records: Sequence[RepRecord | HoldRecord]) -> list[str]:
    """What the reps themselves say about the count: all small. (Reps too quick to be controlled are no reps:
    formcheck.engine.cycle_limits.HASTY_S.)"""
    small = small_range_warning(exercise, records)
    return [small] if small else []


def _in_sentence(exercise: Exercise) -> str:
    """The exercise's title inside a sentence ("the clamshell's", "the warrior II")."""
    return exercise.title[:1].lower() + exercise.title[1:]


_SEEN_FROM = {"side": "side-on", "front": "facing the camera (or from behind)", "oblique": "at an angle"}
_ASKED = {"side": "side-on to the camera", "front": "facing the camera", "oblique": "about 30 degrees from the camera"}


def nothing_found_warning(exercise: Exercise, summary: ExerciseSummary) -> str | None:
    """Nothing counted although someone was in view and counted on: say so, and when most of the recording is seen
    from another view than the one the exercise asks for, that its movement may not show from there. (Rendered
    kneeling stretches facing the camera read the stretched hip at +4° in the picture and -5 to 0° in 3-D for a
    held -18°, and rendered pigeons at an angle show neither leg's posture: no hold is found, and the summary said
    nothing of why; benchmarks/counting.py --rendered.)"""
    if summary.attempted_reps or any(summary.holds_s.values()) or not summary.frames_counted or not summary.views:
        return None
    what = "hold of the posture" if summary.motion == "hold" else "rep"
    seen = {v: n for v, n in summary.views.items() if v in _SEEN_FROM}  # frames whose view could be told
    main = max(seen, key=lambda v: seen[v]) if seen else ""
    title = _in_sentence(exercise)
    own, total = seen.get(exercise.view, 0), sum(seen.values())
    if not main or 2 * own >= total:  # seen from its own view at least half the time: the view is not why
        return f"no {what} was found in the {summary.frames_counted} frames counted"
    if 2 * seen[main] <= total:  # no view held most of it (a rendered standing extension from behind: front 38 %,
        # oblique 39 %, side 23 %, where the counted views side and oblique let counting run and found nothing)
        return (
            f"no {what} was found: only {100 * own / total:.0f}% of this recording is seen "
            f"{_SEEN_FROM[exercise.view]}, where the {title} shows best; film it {_ASKED[exercise.view]} to be sure"
        )
    return (f"no {what} was found: most of this recording is seen {_SEEN_FROM[main]}, where the {title} may not "
            f"show; film it {_ASKED[exercise.view]} to be sure")  # fmt: skip
