"""The declared exercises. Each is one entry; every threshold says where its number comes from.

Angles are MediaPipe image-plane angles (see formcheck.kinematics.angles); on rendered people with
known joint centres MediaPipe reads the squat knee ~6° straighter and the hip ~9° more open than
the true joint centres, so depth targets sit a few degrees under the clinical figure.
"""

from __future__ import annotations

from formcheck.errors import FormcheckError
from formcheck.exercises.spec import Dosage, Exercise, RepMotion, Rule


def _too_fast(prefix: str, signal: str, min_s: float) -> Rule:
    return Rule(
        id=f"{prefix}.tempo", description="rep too fast to be controlled", signal=signal, measure="duration_s",
        op=">=", threshold=min_s, views=(), cue="Slow down: lift and lower with control",
        source=f"Home programmes for hip pain prescribe slow, controlled reps (about 2 s each way); a whole rep "
        f"under {min_s:g} s is flagged as too fast.",
    )  # fmt: skip


# fmt: off
SQUAT = Exercise(
    name="squat", title="Squat", view="side",
    counting_views=("side", "oblique", "front"),  # knee flexion still shows the rep from the front
    posture=("upright",), needs=("hip", "knee", "ankle"), sides="both",
    # Standing knee flexion reads 0–10°; a rep begins past 40° and ends back under 25°.
    motion=RepMotion(signal="knee_flexion", enter=40.0, exit=25.0, min_range=30.0, min_duration_s=0.5),
    dosage=Dosage(sets=2, reps=10),
    rules=(
        Rule(id="squat.depth", description="squat depth (knee flexion at the bottom)",
             signal="knee_flexion", measure="peak", op=">=", threshold=80.0, severity="major",
             views=("side", "oblique"), cue="Go a little deeper: aim for thighs near parallel",
             source="Thigh-parallel squat ≈ 90–100° knee flexion (Schoenfeld 2010, squat kinematics review); "
                    "80° allows for MediaPipe reading the knee ~6° straighter."),
        Rule(id="squat.depth_front", check="squat.depth", description="squat depth seen from the front",
             signal="knee_flexion", measure="peak", op=">=", threshold=75.0, severity="major", side="max",
             views=("front",), cue="Go a little deeper: aim for thighs near parallel",
             source="From the front the image-plane knee angle under-reads flexion (105–121° side vs 99–115° "
                    "front for the same squats, measured on real clips filmed from both views). 75° on the "
                    "deeper knee lies between the shallowest correct front-view squat (88°) and the clip "
                    "labelled shallow (73°): fitted on few clips, so treat it as provisional."),
        Rule(id="squat.depth_limit", description="squat depth limit (e.g. after hip surgery)",
             signal="knee_flexion", measure="max", op="<=", threshold=90.0, severity="major", enabled=False,
             views=("side", "oblique"), cue="Not so deep: stop at your depth limit",
             source="Off by default; a therapist enables it in a programme file with the patient's limit."),
        Rule(id="squat.trunk_lean", description="forward trunk lean",
             signal="trunk_lean", measure="max", op="<=", threshold=50.0, severity="major",
             cue="Keep your chest up",
             source="Bodyweight squats to parallel show 40–45° of trunk lean from vertical in healthy adults "
                    "(measured here: 43–46° on clean real squats, 56° on the clip labelled 'excessive forward "
                    "lean'); the trunk should stay roughly parallel to the shins (Myer et al. 2014)."),
        Rule(id="squat.heels", description="heels lift off the floor",
             signal="heel_lift", measure="max", op="<=", threshold=30.0, side="near",
             cue="Keep your heels down",
             source="MediaPipe's heel and toe points are its noisiest: correct real squats read up to 26° of "
                    "heel-to-toe tilt at the bottom (measured on the labelled clips), so only a rise past 30° "
                    "is called."),
        _too_fast("squat", "knee_flexion", 1.5),
    ),
)

GLUTE_BRIDGE = Exercise(
    name="glute_bridge", title="Glute bridge", view="side",
    counting_views=("side", "oblique", "front"),  # from the feet the hip-angle change still shows
    posture=("horizontal",), needs=("shoulder", "hip", "knee"), sides="both",
    # Lying with the knees bent the hip reads 45–65° of flexion; at the top of a bridge 0–25°.
    motion=RepMotion(signal="hip_flexion", enter=30.0, exit=40.0, min_range=15.0, min_duration_s=0.8,
                     rising=False),
    dosage=Dosage(sets=2, reps=10, hold_s=3.0),
    setup_hint="Lie on your back with your knees bent and feet flat",
    rules=(
        Rule(id="bridge.line", description="shoulder–hip–knee not in a straight line at the top",
             signal="hip_flexion", measure="peak", op="<=", threshold=15.0, severity="major",
             views=("side",), cue="Push your hips higher: shoulders, hips and knees in one line",
             source="The bridge's end position is neutral hip extension (0°), a straight shoulder–hip–knee "
                    "line; 15° allows for landmark noise and soft tissue at the hip."),
        Rule(id="bridge.sag", description="hips sag during the hold at the top",
             signal="hip_flexion", measure="top_sag", op="<=", threshold=10.0,
             views=("side", "oblique"), cue="Keep your hips up while you hold",
             source="Hip angle drifting more than 10° during the top hold is a visible sag; 10° is twice the "
                    "frame-to-frame noise of the smoothed hip angle."),
        Rule(id="bridge.hold", description="no hold at the top",
             signal="hip_flexion", measure="top_hold_s", op=">=", threshold=1.0,
             views=("side", "oblique", "front"), cue="Hold at the top for a couple of seconds",
             source="Home programmes prescribe a 2–5 s hold at the top; under 1 s is no hold at all."),
        Rule(id="bridge.pelvis_level", description="pelvis not level at the top",
             signal="pelvis_rise", measure="abs_max", op="<=", threshold=10.0, during="top",
             views=("front",), cue="Keep your hips level",
             source="Pelvic drop of more than ~10° in a bridge is visible rotation (single-leg bridge tests "
                    "use the same cut-off); only visible from the feet or above."),
        _too_fast("bridge", "hip_flexion", 2.0),
    ),
)

STANDING_HIP_ABDUCTION = Exercise(
    name="standing_hip_abduction", title="Standing hip abduction", view="front",
    counting_views=("front", "oblique"),
    posture=("upright",), needs=("hip", "knee", "ankle"), sides="each",
    # Standing, each thigh reads 0–8° from the pelvis normal; a lift starts past 14°, ends under 8°.
    motion=RepMotion(signal="hip_abduction", enter=14.0, exit=8.0, min_range=10.0, min_duration_s=0.5),
    dosage=Dosage(sets=2, reps=10),
    rules=(
        Rule(id="abduction.range_low", description="leg not lifted far enough",
             signal="hip_abduction", measure="max", op=">=", threshold=20.0,
             views=("front",), cue="Lift your leg a little further out to the side",
             source="Standing hip abduction exercises target 20–45° (normal hip abduction range ~45°, AAOS); "
                    "below 20° the gluteus medius barely works."),
        Rule(id="abduction.range_high", description="leg lifted beyond the hip's range",
             signal="hip_abduction", measure="max", op="<=", threshold=45.0, severity="major",
             views=("front",), cue="Not so high: lift only as far as your hip goes without tilting",
             source="Normal hip abduction range is ~45° (AAOS); more than that needs pelvic hike or lean."),
        Rule(id="abduction.hip_hike", description="hip hike (pelvis rises on the working side)",
             signal="pelvis_rise", measure="max", op="<=", threshold=18.0, severity="major",
             views=("front",), cue="Keep your hips level: don't hitch the hip up",
             source="The pelvis tilts up a little on the lifting side once abduction passes ~25°, and "
                    "MediaPipe's hip point rides up with the lifted thigh: correct real reps read 10–16° "
                    "(measured on the labelled standing-abduction clip). A hike is more than that: 18°."),
        Rule(id="abduction.trunk_lean", description="trunk leans sideways",
             signal="trunk_lean_toward", measure="abs_max", op="<=", threshold=10.0,
             views=("front",), cue="Stand tall: don't lean your trunk to the side",
             source="Lateral trunk lean over 10° is a compensation for weak hip abductors (Trendelenburg "
                    "lean); upright standing reads 0 ± 3°."),
        _too_fast("abduction", "hip_abduction", 1.0),
    ),
)
# fmt: on

EXERCISES: dict[str, Exercise] = {e.name: e for e in (SQUAT, GLUTE_BRIDGE, STANDING_HIP_ABDUCTION)}
ALIASES = {"bridge": "glute_bridge", "hip_abduction": "standing_hip_abduction"}


def get(name: str) -> Exercise:
    """An exercise by name (dashes or underscores), or a FormcheckError listing the valid names."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    if key not in EXERCISES:
        raise FormcheckError(f"unknown exercise '{name}': choose one of {', '.join(sorted(EXERCISES))}")
    return EXERCISES[key]
