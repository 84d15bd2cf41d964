"""The session report: what was done against what was prescribed, how well, and how sure the measurement is."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import numpy as np

from formcheck.io.session_dir import SavedPart, SavedSession
from formcheck.report.page import bar, esc, meta_grid, page
from formcheck.report.plots import BAND_MEASURES, Band, angle_plot
from formcheck.types import PoseTrack

SIGNAL_TITLES = {
    "knee_flexion": "knee flexion", "hip_flexion": "hip flexion", "trunk_lean": "trunk lean",
    "hip_abduction": "hip abduction", "pelvis_rise": "pelvis rise", "trunk_lean_toward": "trunk side lean",
    "heel_lift": "heel lift", "knee_past_toe": "knee past toe", "shin_lean": "shin lean",
    "pelvis_twist": "pelvis twist",
    "thigh_spread": "thigh spread", "knee_drop": "knee drop", "shoulder_rise": "shoulder rise",
}  # fmt: skip
MAX_PANELS = 4


def _title(signal: str) -> str:
    return SIGNAL_TITLES.get(signal, signal.replace("_", " "))


def _fmt(value: object, digits: int = 1) -> str:
    if isinstance(value, float):
        return "–" if not math.isfinite(value) else f"{value:.{digits}f}"
    return "–" if value is None else str(value)


def _rules(part: SavedPart) -> dict[str, dict[str, Any]]:
    """The rules as they were applied (saved in the summary), else the catalogue's."""
    saved = part.summary.get("rules")
    if saved:
        return {r["id"]: r for r in saved}
    from formcheck.exercises.catalogue import get
    from formcheck.exercises.describe import as_dict

    return {r["id"]: r for r in as_dict(get(part.summary["exercise"]))["rules"]}


def _limit(rule: dict[str, Any]) -> str:
    what = {"max": "highest", "min": "lowest", "peak": "at the peak", "abs_max": "largest", "mean": "average",
            "range": "range", "duration_s": "duration", "down_s": "lowering time", "top_hold_s": "hold at the top",
            "top_sag": "sag at the top"}.get(rule["measure"], rule["measure"])  # fmt: skip
    unit = " s" if rule["measure"].endswith("_s") else "°"
    return f"{_title(rule['signal'])} {what} {'≤' if rule['op'] == '<=' else '≥'} {rule['threshold']:g}{unit}"


def _done_vs_prescribed(part: SavedPart) -> str:
    s = part.summary
    asked = s.get("prescribed") or {}
    sides = [x for x in (asked.get("sides") or "both").split(",") if x]
    per = asked.get("reps") or asked.get("holds") or 0
    sets = asked.get("sets") or 1
    rows = []
    for side in sides:
        target = per * sets
        if s.get("motion", "reps") == "reps":
            done = s["reps_by_side"].get(side, {}).get("valid", 0)
            tried = s["reps_by_side"].get(side, {}).get("attempted", 0)
            what = f"{done} valid of {tried} attempted"
        else:
            holds = [h for h in s["holds_s"].get(side, [])]
            goal = asked.get("hold_s")
            done = sum(1 for h in holds if goal is None or h >= goal - 0.05)
            what = f"{done} complete ({', '.join(f'{h:.1f} s' for h in holds) or 'none'})"
            if goal:
                what += f"; target {goal:g} s"
        frac = done / target if target else 0.0
        rows.append(f"<tr><td>{esc(side)}</td><td>{esc(what)}</td><td class=num>{target or '–'}</td>"
                    f"<td>{bar(frac)} {frac * 100:.0f}%</td></tr>")  # fmt: skip
    head = "<tr><th>Side</th><th>Done</th><th>Prescribed</th><th>Completion</th></tr>"
    plan = f"{sets} set(s) × {per}" + (" reps" if s.get("motion", "reps") == "reps" else " hold(s)")
    if asked.get("hold_s"):
        plan += f", hold {asked['hold_s']:g} s"
    per_side = "both legs together" if sides == ["both"] else "per side"
    return f"<p>Prescribed: {esc(plan)} {per_side}.</p><table class=done>{head}{''.join(rows)}</table>"


def _rep_table(part: SavedPart, rules: dict[str, dict[str, Any]]) -> str:
    holds = part.summary.get("motion") == "hold"
    if holds:
        head = ("<tr><th>Set</th><th>Side</th><th>#</th><th>Start (s)</th><th>Held (s)</th><th>Target (s)</th>"
                "<th>Mean angle</th><th>Faults</th></tr>")  # fmt: skip
    else:
        head = ("<tr><th>Set</th><th>Side</th><th>#</th><th>Start (s)</th><th>Range (°)</th><th>Peak angles (°)</th>"
                "<th>Up / down (s)</th><th>Top hold (s)</th><th>Valid</th><th>Faults</th></tr>")  # fmt: skip
    rows = []
    for r in part.records:
        faults = ", ".join(rules.get(f, {}).get("description", f) for f in r["faults"])
        fault_cell = f'<td class="bad">{esc(faults)}</td>' if faults else "<td>none</td>"
        first = f"<td class=num>{esc(r.get('set', 1))}</td><td>{esc(r['side'])}</td><td class=num>{r['number']}</td>"
        first += f"<td class=num>{r['start_s']:.1f}</td>"
        if holds:
            mean = "; ".join(f"{_title(k)} {v:.0f}" for k, v in (r.get("mean") or {}).items())
            rows.append(f"<tr>{first}<td class=num>{r['held_s']:.1f}</td><td class=num>{_fmt(r.get('target_s'))}</td>"
                        f"<td>{esc(mean)}</td>{fault_cell}</tr>")  # fmt: skip
        else:
            peak = "; ".join(f"{_title(k)} {v:.0f}" for k, v in (r.get("peak") or {}).items())
            tempo = r.get("tempo") or {}
            valid = '<td class="good">yes</td>' if r["valid"] else '<td class="bad">no</td>'
            rows.append(f"<tr>{first}<td class=num>{r['range_deg']:.0f}</td><td>{esc(peak)}</td>"
                        f"<td class=num>{_fmt(tempo.get('up_s'))} / {_fmt(tempo.get('down_s'))}</td>"
                        f"<td class=num>{_fmt(r.get('top_hold_s'))}</td>{valid}{fault_cell}</tr>")  # fmt: skip
    if not rows:
        return "<p>No reps or holds were recognised.</p>"
    return f'<table class="reps"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _cues_given(session: SavedSession) -> Counter[str]:
    path = session.folder / "events.jsonl"
    if not path.is_file():
        return Counter()
    given: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a line cut by a crash
        if event.get("event") == "cue":
            given[event.get("rule", "")] += 1
    return given


def _worst(part: SavedPart, rule: dict[str, Any], faulty: list[dict[str, Any]]) -> tuple[dict[str, Any], float, float]:
    """The faulty rep at its worst for this rule: (record, time, value), from the saved angles.

    Within a rep the moment is the highest value (the peak of the movement), or the lowest for rules on a
    minimum or mean; across reps the worst is the highest for limits (op <=) and the lowest for targets.
    """
    t = part.angles.get("t", np.array([]))
    lowest = rule["op"] == ">=" and rule["measure"] in ("min", "mean")
    best: tuple[dict[str, Any], float, float] | None = None
    for r in faulty:
        mask = (t >= r["start_s"]) & (t <= r["end_s"])
        for side in ("left", "right") if r["side"] == "both" else (r["side"],):
            values = part.angles.get(f"{rule['signal']}_{side}")
            if values is None or not np.isfinite(np.where(mask, values, np.nan)).any():
                continue
            seg = np.where(mask, np.abs(values) if rule["measure"] == "abs_max" else values, np.nan)
            i = int(np.nanargmin(seg) if lowest else np.nanargmax(seg))
            # Across reps: too much is worst at the highest value, too little (a missed target) at the lowest.
            worse = best is None or (values[i] < best[2] if rule["op"] == ">=" else values[i] > best[2])
            if worse:
                best = (r, float(t[i]), float(values[i]))
    if best is None:
        r = faulty[0]
        return r, float(r.get("peak_s", r["start_s"])), math.nan
    return best


def _faults(session: SavedSession, part: SavedPart, rules: dict[str, dict[str, Any]], track: PoseTrack | None) -> str:
    counts = Counter(f for r in part.records for f in r["faults"])
    if not counts:
        return "<p class=good>No faults found in the reps that could be assessed.</p>"
    given = _cues_given(session)
    video = session.video()
    items, stills = [], []
    for rule_id, n in counts.most_common():
        rule = rules.get(rule_id, {"description": rule_id, "cue": "", "signal": "", "op": "<=", "measure": "max",
                                   "threshold": math.nan, "source": ""})  # fmt: skip
        faulty = [r for r in part.records if rule_id in r["faults"]]
        which = ", ".join(f"{r['side']} {r['number']}" if r["side"] != "both" else f"{r['number']}" for r in faulty)
        said = f" (shown live {given[rule_id]}×)" if given.get(rule_id) else ""
        items.append(
            f"<li><b>{esc(rule['description'].capitalize())}</b> in {n} of {len(part.records)} "
            f"{'reps' if part.summary.get('motion') == 'reps' else 'holds'} (rep {esc(which)}). "
            f"Limit: {esc(_limit(rule))}. Cue given: <span class=cue>“{esc(rule['cue'])}”</span>{esc(said)}."
            f"<br><small>Threshold source: {esc(rule.get('source', ''))}</small></li>"
        )
        if track is not None and len(track):
            record, t, value = _worst(part, rule, faulty)
            i = int(np.argmin(np.abs(track.t - t)))
            from formcheck.draw.stills import still

            uri, origin = still(track.xyzv[i], track.width, track.height, t, video)
            reading = f": {_title(rule['signal'])} {value:.0f}°" if math.isfinite(value) else ""
            side = f" ({record['side']})" if record["side"] != "both" else ""
            moment = f"rep {record['number']}{side} at {t:.1f} s{reading}"
            caption = f"{rule['description'].capitalize()}, worst moment: {moment}"
            caption += "" if origin == "video" else " (drawn from the landmarks; no video saved)"
            stills.append(f'<figure class="still" data-rule="{esc(rule_id)}"><img alt="{esc(caption)}" src="{uri}">'
                          f"<figcaption>{esc(caption)}</figcaption></figure>")  # fmt: skip
    out = f'<ul class="faults">{"".join(items)}</ul>'
    if stills:
        out += f'<h3>Worst moment of each fault</h3><div class="stills">{"".join(stills)}</div>'
    return out


def _plot(part: SavedPart, rules: dict[str, dict[str, Any]]) -> str:
    a = part.angles
    if "t" not in a or not len(a["t"]):
        return ""
    views: dict[str, int] = part.summary.get("views") or {}
    view = max(views, key=lambda v: views[v]) if views else ""
    signal = next((r["signal"] for r in rules.values() if r.get("signal")), "")
    names = [_motion_signal(part) or signal]
    bands = []
    for r in rules.values():
        if not r.get("enabled", True) or r["measure"] not in BAND_MEASURES:
            continue
        if r.get("views") and view and view not in r["views"]:
            continue
        bands.append(Band(r["signal"], float(r["threshold"]), r["op"], _limit(r)))
        if r["signal"] not in names:
            names.append(r["signal"])
    names = [n for n in names if f"{n}_left" in a][:MAX_PANELS]
    if not names:
        return ""
    series = {n: (a[f"{n}_left"], a[f"{n}_right"]) for n in names}
    svg = angle_plot(a["t"], series, bands, part.records, {n: _title(n) for n in names})
    caption = ("Key angles over time, left and right. Dashed lines are the rule thresholds, the shaded side of "
               "each is a fault; reps are shaded green (no fault) or red (fault) and numbered at the top.")  # fmt: skip
    return f'<figure class="plot">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def _motion_signal(part: SavedPart) -> str:
    from formcheck.errors import FormcheckError
    from formcheck.exercises.catalogue import get

    try:
        return get(part.summary["exercise"]).motion.signal
    except FormcheckError:
        return ""


def _quality(part: SavedPart, rules: dict[str, dict[str, Any]]) -> str:
    s = part.summary
    frames = max(int(s.get("frames") or 0), 1)
    views = s.get("views") or {}
    seen = ", ".join(f"{v} {n / frames * 100:.0f}%" for v, n in sorted(views.items(), key=lambda kv: -kv[1]))
    lines = [
        f"Person found in {s.get('frames_with_pose', 0) / frames * 100:.0f}% of {frames} frames; "
        f"assessable (set up right for this exercise) in {s.get('frames_counted', 0) / frames * 100:.0f}%.",
        f"Camera view: {seen or 'none'}.",
    ]
    for rule_id, n in (s.get("not_assessed") or {}).items():
        rule = rules.get(rule_id, {"description": rule_id, "views": []})
        need = " or ".join(rule.get("views") or []) or "another"
        lines.append(f"Cannot assess from this view: {rule['description']} ({n}×; needs a {need} view).")
    lines += [f"Warning: {w}" for w in s.get("warnings", [])]
    return "<ul class=quality>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


def _part(session: SavedSession, part: SavedPart, track: PoseTrack | None) -> str:
    rules = _rules(part)
    title = part.summary.get("title") or part.summary["exercise"]
    return (
        f'<section class="exercise" data-exercise="{esc(part.summary["exercise"])}"><h2>{esc(title)}</h2>'
        f"{_done_vs_prescribed(part)}<h3>Reps and holds</h3>{_rep_table(part, rules)}"
        f"<h3>Faults</h3>{_faults(session, part, rules, track)}<h3>Angles</h3>{_plot(part, rules)}"
        f"<h3>Measurement quality</h3>{_quality(part, rules)}</section>"
    )


def session_report(session: SavedSession, patient: str = "", session_id: int | None = None) -> str:
    """The whole HTML report of one session."""
    s = session.summary
    programme = (s.get("programme") or {}).get("title") or "none (single exercise)"
    duration = s.get("duration_s") or (s.get("video") or {}).get("duration_s")
    pain = [s.get("pain_before"), s.get("pain_after")]
    who = patient or s.get("patient") or "not given"
    items: list[tuple[str, object]] = [
        ("Patient", who), ("Date", (s.get("started") or "")[:16].replace("T", " ")), ("Programme", programme),
        ("Duration", f"{duration:.0f} s" if duration else "–"),
        ("Pain before / after (0–10)", " / ".join("–" if p is None else str(p) for p in pain)),
        ("Recorded", "live session" if s.get("kind") == "live" else "analysed video"),
        ("Source", str(s.get("source") or "").rsplit("/", 1)[-1]), ("Status", s.get("status", "completed")),
    ]  # fmt: skip
    if session_id is not None:
        items.append(("Session", session_id))
    if s.get("stop_reason"):
        items.append(("Ended", s["stop_reason"]))
    track = session.landmarks()  # read once: every exercise's stills come from the one landmarks.csv
    parts = "".join(_part(session, p, track) for p in session.parts)
    parts = parts or "<p>No exercise was started in this session.</p>"
    body = f"<h1>Session report</h1>{meta_grid(items)}{parts}"
    return page(f"formcheck session report: {who}", body)
