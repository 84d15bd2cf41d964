"""The labelled real clips in ../shared/media as benchmark cases: exercise, expected count and sides, and
whether the clip is in the tuning set or the check set.

Expected counts come from the labels: real/labels.csv `reps`, and real2/labels.csv `count` (the edge rule:
a rep whose turning point is in the recording counts when one side of it covers the rep's range).

Tuning and checking are kept apart. The tuning set is every clip of real/ (the studio set the earlier
thresholds were built on) and the real2 clips whose sha256 starts with 0-7; the check set is the real2 clips
whose sha256 starts with 8-f. That split was fixed by the hash before any counting result was looked at;
counting constants may be chosen by looking at tuning clips only, and the check set is reported on its own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / "shared" / "media"


@dataclass(frozen=True)
class Case:
    """One labelled clip to count."""

    file: str  # relative to ../shared/media
    exercise: str
    count: int | None  # reps (None: a hold exercise, timed not counted)
    sides: dict[str, int] | str | None  # {"right": 6}, "one" (all on one side, unverified which), None: not judged
    holds: int | tuple[int, ...] | None = None  # holds expected (hold exercises): a count, or the counts accepted
    note: str = ""
    # The form the labels give: "correct", "" (not judged), or the checks of the fault shown (every rep).
    form: str | tuple[str, ...] = "correct"

    @property
    def path(self) -> Path:
        return MEDIA / self.file

    @property
    def sha256(self) -> str:
        return _labels().get(self.file, {}).get("sha256", "")

    @property
    def split(self) -> str:
        """ "tune" or "check"."""
        if self.file.startswith("real/"):
            return "tune"
        return "tune" if self.sha256[:1] in "01234567" else "check"


# fmt: off
CASES: tuple[Case, ...] = (
    Case("real/air-squats.mp4", "squat", 6, None),
    Case("real/side-squats-ikramaliokz.mp4", "squat", 3, None),
    Case("real/band-side-lying-clam.mp4", "clamshell", 6, {"left": 6}),
    Case("real/bridge-with-ball-squeeze.mp4", "glute_bridge", 3, None),
    Case("real/fire-hydrant-circle.mp4", "quadruped_hip_circles", 6, "one"),
    Case("real/side-leg-raise.mp4", "side_lying_hip_abduction", 6, {"left": 6},
         form=("side_abduction.range_high",), note="labelled 'very large ROM, beyond the ~45° target'"),
    Case("real/single-leg-glute-bridge-and-squeeze.mp4", "single_leg_bridge", 6, "one"),
    Case("real/standing-hip-abduction.mp4", "standing_hip_abduction", 6, {"right": 6}),
    Case("real/standing-hip-extension.mp4", "standing_hip_extension", 3, "one"),
    Case("real/static-lunge.mp4", "lunge", 2, None, note="L/R labels swap between the two views"),
    *(Case(f"real/squat_correct_{n}", "squat", 1, None) for n in (
        "001.avi", "004.mp4", "005.mp4", "007.mp4", "010.mp4", "011.mp4", "013.mp4", "014.mp4", "015.mp4",
        "016.mp4", "017.mp4", "018.avi")),
    Case("real/squat_incorrect_002.mp4", "squat", 1, None, form=("squat.heels",), note="knees far forward, heels"),
    Case("real/squat_incorrect_003.mp4", "squat", 1, None, form=("squat.trunk_lean",)),
    Case("real/squat_incorrect_004.mp4", "squat", 1, None, form=("squat.depth", "squat.knees_in"),
         note="shallow, knees in"),
    Case("real/kneeling-hip-flexor-stretch.mp4", "kneeling_hip_flexor_stretch", None, "one", holds=(1, 2),
         note="one hold per camera view"),
    Case("real/pidgeon-pose-stretch.mp4", "pigeon", None, "one", holds=(1, 2),
         note="a static hold filmed from two views: one hold, or one per view"),
    Case("real/lower-trunk-rotation.mp4", "supine_double_hip_rotation", None, None, holds=4),
    Case("real2/bridge_clinicdemo_side_01.mp4", "glute_bridge", 2, None),
    Case("real2/squat_gym_side_twopeople_01.mp4", "squat", 3, None),
    Case("real2/donkeykick_gym_side_01.mp4", "quadruped_hip_extension", 3, "one"),
    Case("real2/squat_douyin_portrait_01.mp4", "squat", 6, None),
    Case("real2/wallsquat_rehab_kneebrace_front_01.mp4", "squat", 1, None, form=""),
    Case("real2/clamshell_band_home_portrait_01.mp4", "clamshell", 5, {"left": 5}),
    Case("real2/bridge_home_portrait_oblique_01.mp4", "glute_bridge", 3, None),
    # labels.csv: "6 with the same leg (the leg toward image-left; side not verified)". The raised knee always
    # points toward image-left, whichever leg it is: he faces that way. The frames show the legs alternating
    # (throwaway crops at the six peaks, 7.5-15.5 s): in raises 1, 3, 5 the near leg's thigh comes up in front
    # of the body; in 2, 4, 6 the near leg, the one with the shorts' logo, stands in front of the raised far
    # thigh. Turned toward the camera and facing image-left, his near side is his left (the model's hips keep
    # one order in every frame, the left hip image-right of the right).
    Case("real2/kneeraise_home_portrait_01.mp4", "standing_hip_flexion", 6, {"left": 3, "right": 3},
         note="legs alternate (label corrected here: 'same leg, side not verified')"),
    Case("real2/hipflexorstretch_halfkneel_home_portrait_01.mp4", "kneeling_hip_flexor_stretch", None, "one", holds=1),
    Case("real2/squat_office_side_short_01.mp4", "squat", 2, None),
    Case("real2/bridge_band_studio_side_01.mp4", "glute_bridge", 3, None),
    Case("real2/sidelying_abduction_home_front_01.mp4", "side_lying_hip_abduction", 2, {"left": 2}, form=""),
    Case("real2/splitsquat_outdoor_pillarbox_side_01.mp4", "lunge", 1, "one"),
    Case("real2/warrior2_studio_front_01.mp4", "warrior", None, {"right": 1}, holds=1),
    Case("real2/walkinglunge_dumbbell_side_01.gif", "lunge", 2, None, note="legs alternate; which leads not labelled"),
    Case("real2/clamshell_band_gym_overhead_01.mp4", "clamshell", 3, "one"),
    Case("real2/curtsylunge_gym_front_01.mp4", "lunge", 2, "one"),
    Case("real2/lunge_darkgym_side_01.mp4", "lunge", 5, None),
    Case("real2/jumpsquat_office_portrait_side_01.mp4", "squat", 6, None, form=""),
    Case("real2/squat_legsonly_front_01.mp4", "squat", 2, None),
    Case("real2/squat_home_front_captions_01.mp4", "squat", 2, None),
    Case("real2/squat_home_side_captions_01.mp4", "squat", 1, None),
    Case("real2/splitsquat_dumbbell_home_side_01.mp4", "lunge", 11, "one"),
    Case("real2/squat_dumbbell_home_front_01.mp4", "squat", 5, None),
)
# fmt: on


def _labels() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in (MEDIA / "labels.csv", MEDIA / "real2" / "labels.csv"):
        if path.is_file():
            with path.open(newline="") as f:
                out.update({row["file"]: row for row in csv.DictReader(f)})
    return out


def available() -> list[Case]:
    """The cases whose clip is on this machine."""
    return [c for c in CASES if c.path.is_file()]
