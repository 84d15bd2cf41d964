"""What a session produced, as typed values: the per-exercise summary and the session summary.

summary.json, the history and the reports all go through these types (JSON in formcheck.io.summary_json).
Schema 2 added `schema`, tempo prescriptions, advice, partial reps and evidence warnings; a schema-1 file
(no `schema` key) still loads, every newer field taking its default.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = 2


@dataclass(frozen=True)
class SideCount:
    """Reps on one side."""

    valid: int = 0
    attempted: int = 0


@dataclass(frozen=True)
class Prescription:
    """What was asked for: sets, reps (or holds) per side per set, hold time, sides and tempo."""

    sets: int = 1
    reps: int | None = None
    holds: int | None = None
    hold_s: float | None = None
    sides: str = "both"  # "both", or a comma-separated list such as "left,right"
    rep_s: float | None = None  # seconds a rep should take, when the programme sets a tempo

    @property
    def side_list(self) -> list[str]:
        """The sides as a list."""
        return [s for s in self.sides.split(",") if s] or ["both"]


@dataclass(frozen=True)
class RuleInfo:
    """A form rule as it was applied (programme overrides included), for the report."""

    id: str
    description: str
    signal: str
    measure: str
    op: str
    threshold: float
    views: list[str] = field(default_factory=list)
    severity: str = "minor"
    enabled: bool = True
    cue: str = ""
    source: str = ""
    experimental: bool = False
    side: str = "work"  # which leg it judges: the worked one, the other, the larger of the two, the nearer


@dataclass(frozen=True)
class ProgrammeInfo:
    """The programme file a session followed."""

    path: str = ""
    title: str = ""
    patient: str = ""


@dataclass(frozen=True)
class VideoMeta:
    """The analysed recording."""

    width: int = 0
    height: int = 0
    fps: float = 0.0
    duration_s: float = 0.0


@dataclass(frozen=True)
class LiveStats:
    """How a live session ran on this machine."""

    frames_captured: int = 0
    frames_processed: int = 0
    frames_dropped: int = 0
    processed_fps: float = 0.0
    latency_ms_median: float | None = None
    latency_ms_p95: float | None = None
    model_ms: float | None = None


@dataclass(frozen=True)
class ExerciseSummary:
    """One exercise of a session: counts per side, holds, faults, what could not be assessed, evidence."""

    exercise: str
    title: str = ""
    motion: str = "reps"  # "reps" | "hold"
    reps: int = 0  # valid reps
    attempted_reps: int = 0
    partial_reps: int = 0  # reps cut by the start or end of the recording, counted by the edge rule
    reps_by_side: dict[str, SideCount] = field(default_factory=dict)
    holds_s: dict[str, list[float]] = field(default_factory=dict)
    holds_completed: int = 0
    faults: dict[str, int] = field(default_factory=dict)  # rule id → reps with that fault (valid-deciding or not)
    not_assessed: dict[str, int] = field(default_factory=dict)
    advice: list[str] = field(default_factory=list)  # minor points told once (tempo against the prescription)
    frames: int = 0
    frames_with_pose: int = 0
    frames_counted: int = 0
    views: dict[str, int] = field(default_factory=dict)
    prescribed: Prescription = field(default_factory=Prescription)
    rules: list[RuleInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SessionSummary:
    """A whole session (an analysed recording or a live session) and the exercises in it."""

    kind: str = "analyze"  # "analyze" | "live"
    schema: int = SCHEMA
    status: str = "completed"  # "completed" | "stopped" | "in progress"
    started: str = ""
    ended: str | None = None
    source: str = ""
    model: str = ""
    patient: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    notes: str | None = None
    programme: ProgrammeInfo | None = None
    video: VideoMeta | None = None
    duration_s: float | None = None
    stop_reason: str = ""
    live: LiveStats | None = None
    world: list[str] = field(default_factory=list)  # faults of the world seen live (dark, second person, …)
    recording: str | None = None
    parts: list[str] = field(default_factory=lambda: ["."])  # exercise folders ("." when there is one)
