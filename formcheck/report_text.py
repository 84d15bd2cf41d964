"""The plain-text summary printed at the end of analyze and of a live session."""

from __future__ import annotations

from typing import Any


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """A few human lines from summary.json content."""
    lines = [f"exercise: {summary['exercise']}"]
    by_side = summary["reps_by_side"]
    if summary["attempted_reps"]:
        sides = ", ".join(
            f"{side}: {v['valid']} valid of {v['attempted']}" for side, v in by_side.items() if v["attempted"]
        )
        lines.append(f"reps: {summary['reps']} valid of {summary['attempted_reps']} attempted ({sides})")
    holds = {s: v for s, v in summary["holds_s"].items() if v}
    if holds:
        lines.append("holds: " + "; ".join(f"{s}: " + ", ".join(f"{h:.1f} s" for h in v) for s, v in holds.items()))
    if not summary["attempted_reps"] and not holds:
        lines.append("reps: 0 (no movement of this exercise was recognised)")
    if summary["faults"]:
        lines.append("faults: " + ", ".join(f"{k} ×{n}" for k, n in summary["faults"].items()))
    if summary.get("not_assessed"):
        lines.append("cannot assess from this view: " + ", ".join(sorted(summary["not_assessed"])))
    lines.append(
        f"frames: {summary['frames']} ({summary['frames_with_pose']} with a person, "
        f"{summary['frames_counted']} counted)"
    )
    lines += [f"warning: {w}" for w in summary.get("warnings", [])]
    return lines
