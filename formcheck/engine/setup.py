"""The setup check: is the right body, in the right posture, seen from a usable view?"""

from __future__ import annotations

from collections import deque

from formcheck.exercises.spec import Exercise
from formcheck.types import FrameKinematics

READY_AFTER_S = 0.5  # live: conditions must hold this long before counting starts (someone settling in)
LOST_AFTER_S = 1.5  # once counting, brief setup failures (a landmark flicker) are tolerated
# The view is voted by the frames with a person over the last VIEW_WINDOW_S (ViewVote), not judged frame by frame.
# The classifier flickers near its class edges, and judged per frame a flicker into a counted view restarted the
# setup's clock: a standing hip flexion rendered head-on (front in 74 % of its frames, side or oblique in the rest)
# kept counting on throughout, and a donkey kick head-on made up 2 reps (benchmarks/counting.py --rendered, the
# "not-counted" cases). The vote passes when at least VIEW_SHARE of the window's frames are in a counted view (a
# tie passes: it is not evidence of a wrong view); at a real change of view it flips within half the window, so
# counting stops about VIEW_WINDOW_S / 2 + LOST_AFTER_S after it. It has no quorum: in the first frames with a
# person the few there decide, as a single frame did before, so that a recording starting mid-rep still counts.
VIEW_WINDOW_S = 1.5
VIEW_SHARE = 0.5

_POSTURE_HINT = {
    "upright": "Stand up straight to start",
    "horizontal": "Lie down on the mat to start",
    "quadruped": "Get on your hands and knees to start",
}
_VIEW_HINT = {
    "side": "Turn side-on to the camera",
    "front": "Face the camera",
    "oblique": "Turn about 30 degrees from the camera",
}
_BODY_PARTS = (
    ("ankle", "feet"),
    ("heel", "feet"),
    ("foot_index", "feet"),
    ("knee", "knees"),
    ("hip", "hips"),
    ("shoulder", "shoulders"),
    ("wrist", "hands"),
    ("nose", "head"),
)


def missing_joints(joints: tuple[str, ...], fk: FrameKinematics, strict: bool = True) -> list[str]:
    """Joints not seen well enough.

    Standing and facing the camera both sides must show (`strict`); from the side, or lying on a side (the lower
    leg hidden under the upper one), the visible side suffices, and so it does for a single frame mid-movement.
    """
    both = strict and fk.view == "front" and fk.posture == "upright"
    missing = []
    for joint in joints:
        if joint in fk.visible:
            continue
        seen = [f"{side}_{joint}" in fk.visible for side in ("left", "right")]
        if not (all(seen) if both else any(seen)):
            missing.append(joint)
    return missing


def frame_problem(exercise: Exercise, fk: FrameKinematics) -> str:
    """What to change in this frame, the view apart (ViewVote judges it over several frames); "" when nothing."""
    if not fk.assessable:
        return "No one in view: step into the frame"
    missing = missing_joints(exercise.needs, fk)
    if missing:
        parts = sorted({label for key, label in _BODY_PARTS for name in missing if key in name})
        return f"Step back or turn the camera so it can see your {' and '.join(parts) or 'whole body'}"
    if fk.posture not in exercise.posture:
        return exercise.setup_hint or _POSTURE_HINT[exercise.posture[0]]
    return ""


class ViewVote:
    """Is the exercise seen from a view it is counted from? The vote of the last VIEW_WINDOW_S of frames."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self._views: deque[tuple[float, bool]] = deque()  # (t, in a counting view) of recent frames with a person

    def update(self, fk: FrameKinematics) -> bool:
        """Feed a frame; returns whether the vote passes."""
        if fk.assessable:
            self._views.append((fk.t, fk.view in self.exercise.counting_views))
        while self._views and self._views[0][0] < fk.t - VIEW_WINDOW_S:
            self._views.popleft()
        return bool(self._views) and sum(ok for _, ok in self._views) >= VIEW_SHARE * len(self._views)

    def problem(self, fk: FrameKinematics) -> str:
        """This frame's setup problem, the view judged by the vote ("" when nothing)."""
        view_ok = self.update(fk)
        return frame_problem(self.exercise, fk) or ("" if view_ok else _VIEW_HINT[self.exercise.view])


class SetupGate:
    """Counting starts once the setup holds for READY_AFTER_S, pauses if it fails for LOST_AFTER_S."""

    def __init__(self, exercise: Exercise, ready_after_s: float = READY_AFTER_S) -> None:
        self.exercise = exercise
        self.ready_after_s = ready_after_s
        self.ready = False
        self.message = "Getting ready"
        self.issue = "Getting ready"  # this frame's own problem ("" when the setup is right in this frame)
        self._good_since: float | None = None
        self._bad_since: float | None = None
        self._vote = ViewVote(exercise)

    def update(self, fk: FrameKinematics) -> bool:
        """Feed a frame; returns whether counting is on."""
        issue = self._vote.problem(fk)
        # This frame alone: can the counted joints be seen? (Posture and view are judged by the debounced
        # state: a fault such as a deep forward lean may take one frame out of "upright" without ending it.)
        # One side of a joint suffices here: facing the camera, a moving leg hides the other one for part of the
        # rep (the rear foot of a lunge behind the front leg, for 1.3 s at the bottom of each rendered face-on
        # lunge: benchmarks/counting.py --rendered), and the model still places the hidden point with the body.
        # A joint seen on neither side (feet out of the picture) still keeps the frame out of the count.
        self.issue = issue if not fk.assessable or missing_joints(self.exercise.needs, fk, strict=False) else ""
        if not issue:
            self._bad_since = None
            self._good_since = fk.t if self._good_since is None else self._good_since
            if not self.ready and fk.t - self._good_since >= self.ready_after_s:
                self.ready = True
            self.message = ""
        else:
            self._good_since = None
            self._bad_since = fk.t if self._bad_since is None else self._bad_since
            if self.ready and fk.t - self._bad_since >= LOST_AFTER_S:
                self.ready = False
            # Said only while it holds counting back: a squat's deepest lean takes a frame or two out of "upright"
            # without pausing anything, and "Stand up straight to start" over the middle of a counted rep is wrong.
            self.message = "" if self.ready else issue
        return self.ready
