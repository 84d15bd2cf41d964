"""The plain-text summary printed at the end of analyze and of a live session."""

from __future__ import annotations

from formcheck.summary import ExerciseSummary


def summary_lines(summary: ExerciseSummary) -> list[str]:
    """A few human lines from an exercise's summary."""
    lines = [f"exercise: {summary.exercise}"]
    if summary.attempted_reps:
        sides = ", ".join(f"{side}: {v.valid} valid of {v.attempted}" for side, v in summary.reps_by_side.items()
                          if v.attempted)  # fmt: skip
        partial = f"; {summary.partial_reps} cut by the start or end of the recording" if summary.partial_reps else ""
        lines.append(f"reps: {summary.reps} valid of {summary.attempted_reps} attempted ({sides}){partial}")
    holds = {s: v for s, v in summary.holds_s.items() if v}
    if holds:
        lines.append("holds: " + "; ".join(f"{s}: " + ", ".join(f"{h:.1f} s" for h in v) for s, v in holds.items()))
    if not summary.attempted_reps and not holds:
        if summary.motion == "hold":
            lines.append("holds: 0 (the held posture of this exercise was not recognised)")
        else:
            lines.append("reps: 0 (no movement of this exercise was recognised)")
    if summary.faults:
        lines.append("faults: " + ", ".join(f"{k} ×{n}" for k, n in summary.faults.items()))
    lines += [f"advice: {a}" for a in summary.advice]
    if summary.not_assessed:
        unjudged = ", ".join(sorted(summary.not_assessed))
        lines.append(f"cannot assess (not this view, or its joints out of sight): {unjudged}")
    lines.append(f"frames: {summary.frames} ({summary.frames_with_pose} with a person, "
                 f"{summary.frames_counted} counted)")  # fmt: skip
    lines += [f"warning: {w}" for w in summary.warnings]
    return lines
