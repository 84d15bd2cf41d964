"""The session report: what was done against what was prescribed, how well, and how sure the measurement is."""

from __future__ import annotations

from formcheck.engine.records import HoldRecord
from formcheck.io.session_dir import SavedPart, SavedSession
from formcheck.report.faults_section import faults_section
from formcheck.report.page import bar, esc, meta_grid, page
from formcheck.report.plots import BAND_MEASURES, Band, angle_plot
from formcheck.report.words import fmt, limit, title
from formcheck.summary import RuleInfo

MAX_PANELS = 4


def _rules(part: SavedPart) -> dict[str, RuleInfo]:
    """The rules as they were applied (saved in the summary), else the catalogue's."""
    if part.summary.rules:
        return {r.id: r for r in part.summary.rules}
    from formcheck.exercises.catalogue import get
    from formcheck.exercises.describe import rule_info

    return {r.id: rule_info(r) for r in get(part.summary.exercise).rules}


def _done_vs_prescribed(part: SavedPart) -> str:
    s = part.summary
    asked = s.prescribed
    sides = asked.side_list
    per = asked.reps or asked.holds or 0
    sets = asked.sets or 1
    rows = []
    for side in sides:
        target = per * sets
        if s.motion == "reps":
            count = s.reps_by_side.get(side)
            done = count.valid if count else 0
            what = f"{done} valid of {count.attempted if count else 0} attempted"
        else:
            holds = s.holds_s.get(side, [])
            goal = asked.hold_s
            done = sum(1 for h in holds if goal is None or h >= goal - 0.05)
            what = f"{done} complete ({', '.join(f'{h:.1f} s' for h in holds) or 'none'})"
            if goal:
                what += f"; target {goal:g} s"
        frac = done / target if target else 0.0
        rows.append(f"<tr><td>{esc(side)}</td><td>{esc(what)}</td><td class=num>{target or '–'}</td>"
                    f"<td>{bar(frac)} {frac * 100:.0f}%</td></tr>")  # fmt: skip
    head = "<tr><th>Side</th><th>Done</th><th>Prescribed</th><th>Completion</th></tr>"
    plan = f"{sets} set(s) × {per}" + (" reps" if s.motion == "reps" else " hold(s)")
    if asked.hold_s:
        plan += f", hold {asked.hold_s:g} s"
    if asked.rep_s:
        plan += f", {asked.rep_s:g} s a rep"
    per_side = "both legs together" if sides == ["both"] else "per side"
    return f"<p>Prescribed: {esc(plan)} {per_side}.</p><table class=done>{head}{''.join(rows)}</table>"


def _rep_table(part: SavedPart, rules: dict[str, RuleInfo]) -> str:
    holds = part.summary.motion == "hold"
    if holds:
        head = ("<tr><th>Set</th><th>Side</th><th>#</th><th>Start (s)</th><th>Held (s)</th><th>Target (s)</th>"
                "<th>Mean angle</th><th>Faults</th></tr>")  # fmt: skip
    else:
        head = ("<tr><th>Set</th><th>Side</th><th>#</th><th>Start (s)</th><th>Range (°)</th><th>Peak angles (°)</th>"
                "<th>Up / down (s)</th><th>Top hold (s)</th><th>Valid</th><th>Faults</th></tr>")  # fmt: skip
    rows = []
    for r, set_no in zip(part.records, part.sets, strict=True):
        faults = ", ".join(rules[f].description if f in rules else f for f in r.faults)
        fault_cell = f'<td class="bad">{esc(faults)}</td>' if faults else "<td>none</td>"
        first = f"<td class=num>{set_no}</td><td>{esc(r.side)}</td><td class=num>{r.number}</td>"
        first += f"<td class=num>{r.start_s:.1f}</td>"
        if isinstance(r, HoldRecord):
            mean = "; ".join(f"{title(k)} {v:.0f}" for k, v in r.mean.items())
            rows.append(f"<tr>{first}<td class=num>{r.held_s:.1f}</td><td class=num>{fmt(r.target_s)}</td>"
                        f"<td>{esc(mean)}</td>{fault_cell}</tr>")  # fmt: skip
        elif not holds:
            peak = "; ".join(f"{title(k)} {v:.0f}" for k, v in r.peak.items())
            valid = '<td class="good">yes</td>' if r.valid else '<td class="bad">no</td>'
            cut = f" (cut at the {r.partial})" if r.partial else ""
            rows.append(f"<tr>{first}<td class=num>{r.range_deg:.0f}{esc(cut)}</td><td>{esc(peak)}</td>"
                        f"<td class=num>{fmt(r.peak_s - r.start_s)} / {fmt(r.end_s - r.peak_s)}</td>"
                        f"<td class=num>{fmt(r.top_hold_s)}</td>{valid}{fault_cell}</tr>")  # fmt: skip
    if not rows:
        return "<p>No reps or holds were recognised.</p>"
    return f'<table class="reps"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _plot(part: SavedPart, rules: dict[str, RuleInfo]) -> str:
    a = part.angles
    if "t" not in a or not len(a["t"]):
        return ""
    views = part.summary.views
    view = max(views, key=lambda v: views[v]) if views else ""
    names = [_motion_signal(part) or next((r.signal for r in rules.values() if r.signal), "")]
    bands = []
    for r in rules.values():
        if not r.enabled or (r.views and view and view not in r.views):
            continue
        if r.measure in BAND_MEASURES:  # a limit on the signal itself: drawn on its panel
            bands.append(Band(r.signal, float(r.threshold), r.op, limit(r)))
        elif r.measure != "peak_over_start":  # that one's limit is on a change, not on the signal: panel, no line
            continue
        if r.signal not in names:
            names.append(r.signal)
    names = [n for n in names if f"{n}_left" in a][:MAX_PANELS]
    if not names:
        return ""
    series = {n: (a[f"{n}_left"], a[f"{n}_right"]) for n in names}
    svg = angle_plot(a["t"], series, bands, part.records, {n: title(n) for n in names})
    caption = ("Key angles over time, left and right. Dashed lines are the rule thresholds, the shaded side of "
               "each is a fault; reps are shaded green (no fault) or red (fault) and numbered at the top.")  # fmt: skip
    return f'<figure class="plot">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def _motion_signal(part: SavedPart) -> str:
    from formcheck.errors import FormcheckError
    from formcheck.exercises.catalogue import get

    try:
        return get(part.summary.exercise).motion.signal
    except FormcheckError:
        return ""


def _quality(part: SavedPart, rules: dict[str, RuleInfo]) -> str:
    s = part.summary
    frames = max(s.frames, 1)
    seen = ", ".join(f"{v} {n / frames * 100:.0f}%" for v, n in sorted(s.views.items(), key=lambda kv: -kv[1]))
    lines = [
        f"Person found in {s.frames_with_pose / frames * 100:.0f}% of {frames} frames; "
        f"assessable (set up right for this exercise) in {s.frames_counted / frames * 100:.0f}%.",
        f"Camera view: {seen or 'none'}.",
    ]
    for rule_id, n in s.not_assessed.items():
        rule = rules.get(rule_id)
        need = " or ".join(rule.views) if rule and rule.views else "another"
        lines.append(f"Cannot assess: {rule.description if rule else rule_id} ({n}×; needs a {need} view with "
                     "its joints in sight).")  # fmt: skip
    lines += [f"Warning: {w}" for w in s.warnings]
    return "<ul class=quality>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


def _part(session: SavedSession, part: SavedPart, track: object) -> str:
    rules = _rules(part)
    heading = part.summary.title or part.summary.exercise
    return (
        f'<section class="exercise" data-exercise="{esc(part.summary.exercise)}"><h2>{esc(heading)}</h2>'
        f"{_done_vs_prescribed(part)}<h3>Reps and holds</h3>{_rep_table(part, rules)}"
        f"<h3>Faults</h3>{faults_section(session, part, rules, track)}<h3>Angles</h3>{_plot(part, rules)}"  # type: ignore[arg-type]
        f"<h3>Measurement quality</h3>{_quality(part, rules)}</section>"
    )


def session_report(session: SavedSession, patient: str = "", session_id: int | None = None) -> str:
    """The whole HTML report of one session."""
    s = session.summary
    programme = (s.programme.title if s.programme else "") or "none (single exercise)"
    duration = s.duration_s or (s.video.duration_s if s.video else None)
    who = patient or s.patient or "not given"
    items: list[tuple[str, object]] = [
        ("Patient", who), ("Date", s.started[:16].replace("T", " ")), ("Programme", programme),
        ("Duration", f"{duration:.0f} s" if duration else "–"),
        ("Pain before / after (0–10)", " / ".join("–" if p is None else str(p) for p in (s.pain_before, s.pain_after))),
        ("Recorded", "live session" if s.kind == "live" else "analysed video"),
        ("Source", s.source.rsplit("/", 1)[-1]), ("Status", s.status),
    ]  # fmt: skip
    if session_id is not None:
        items.append(("Session", session_id))
    if s.stop_reason:
        items.append(("Ended", s.stop_reason))
    track = session.landmarks()  # read once: every exercise's stills come from the one landmarks.csv
    parts = "".join(_part(session, p, track) for p in session.parts)
    parts = parts or "<p>No exercise was started in this session.</p>"
    body = f"<h1>Session report</h1>{meta_grid(items)}{parts}"
    return page(f"formcheck session report: {who}", body)
