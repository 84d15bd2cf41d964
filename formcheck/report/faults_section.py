"""The faults section of the session report: each fault in plain words, its limit and source, the cue given,
and a still of its worst moment."""

from __future__ import annotations

import json
import math
from collections import Counter

import numpy as np

from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.engine.rules import over_start
from formcheck.io.session_dir import SavedPart, SavedSession
from formcheck.kinematics.angles import UNITLESS
from formcheck.kinematics.seen import seen_in
from formcheck.kinematics.stream import VISIBLE_MIN
from formcheck.landmarks import NAMES
from formcheck.report.page import esc
from formcheck.report.words import limit, title
from formcheck.summary import RuleInfo
from formcheck.types import PoseTrack

Record = RepRecord | HoldRecord


def cues_given(session: SavedSession) -> Counter[str]:
    """How often each rule's cue was shown live (from events.jsonl)."""
    path = session.folder / "events.jsonl"
    if not path.is_file():
        return Counter()
    given: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a line cut by a crash
        if isinstance(event, dict) and event.get("event") == "cue":
            given[str(event.get("rule", ""))] += 1
    return given


def judged(part: SavedPart, rule: RuleInfo, side: str, track: PoseTrack | None) -> np.ndarray:
    """The saved frames the rule could judge on this side, as the engine chose them: filmed from one of the
    rule's views, with the signal's landmarks seen (formcheck.kinematics.seen; from the saved landmarks'
    visibility, when the track is given). A worst moment is never a frame the rule did not look at, such as a
    hidden ankle the model placed by the head."""
    t = part.angles.get("t", np.array([]))
    ok = np.ones(len(t), dtype=bool)
    views = part.angles.get("view")
    if rule.views and views is not None and len(views) == len(t):
        ok &= np.isin(views.astype(str), list(rule.views))
    if track is not None and len(track):
        nearest = np.clip(np.searchsorted(track.t, t), 0, len(track) - 1)
        earlier = np.clip(nearest - 1, 0, len(track) - 1)
        nearest = np.where(np.abs(track.t[earlier] - t) < np.abs(track.t[nearest] - t), earlier, nearest)
        shown = np.nan_to_num(track.xyzv[:, :, 3], nan=0.0) >= VISIBLE_MIN
        view_of = views.astype(str) if views is not None and len(views) == len(t) else np.full(len(t), "none")
        for n, j in enumerate(nearest):
            if ok[n]:
                visible = {NAMES[k] for k in np.flatnonzero(shown[j])}
                ok[n] = seen_in(view_of[n], visible, rule.signal, side)
    return ok


def judged_sides(rule_side: str, rep_side: str) -> tuple[str, ...]:
    """The legs a rule looks at in a rep: the worked one, the other one (a lunge's back knee), or either."""
    if rep_side not in ("left", "right") or rule_side in ("max", "near"):
        return ("left", "right")
    if rule_side == "other":
        return ("right",) if rep_side == "left" else ("left",)
    return (rep_side,)


def worst(part: SavedPart, rule: RuleInfo, faulty: list[Record],
          track: PoseTrack | None = None) -> tuple[Record, float, float]:  # fmt: skip
    """The faulty rep at its worst for this rule: (record, time, value), from the saved angles of the frames the
    rule judged (`judged`).

    Within a rep the moment is the highest value (the peak of the movement), or the lowest for rules on a
    minimum or mean, or for rules judged at the movement's peak that frame (the bottom of a squat; against the
    rep's first value for a rule on the change from rest); across reps the worst is the highest for limits (op <=)
    and the lowest for targets.
    """
    t = part.angles.get("t", np.array([]))
    lowest = rule.op == ">=" and rule.measure in ("min", "mean")
    best: tuple[Record, float, float] | None = None
    seen: dict[str, np.ndarray] = {}  # side → the signal on the frames the rule judged (worked out once a side)
    for r in faulty:
        for side in judged_sides(rule.side, r.side):
            values = part.angles.get(f"{rule.signal}_{side}")
            if values is None:
                continue
            if side not in seen:
                seen[side] = np.where(judged(part, rule, side, track), values, np.nan)
            values = seen[side]
            mask = (t >= r.start_s) & (t <= r.end_s)
            if not np.isfinite(np.where(mask, values, np.nan)).any():
                continue
            seg = np.where(mask, np.abs(values) if rule.measure == "abs_max" else values, np.nan)
            value = values
            if rule.measure in ("peak", "peak_over_start"):  # the value the rule judged: at the movement's peak
                finite = np.isfinite(seg)
                seg = np.where(finite, np.abs(t - float(getattr(r, "peak_s", r.start_s))), np.nan)
                i = int(np.nanargmin(seg))
                if rule.measure == "peak_over_start":  # as the rule measured it: the peak against the start
                    ratio = over_start(t[mask], values[mask], r.start_s, float(getattr(r, "peak_s", r.start_s)))
                    value = np.full(len(values), math.nan if ratio is None else ratio)
            else:
                i = int(np.nanargmin(seg) if lowest else np.nanargmax(seg))
            worse = best is None or (value[i] < best[2] if rule.op == ">=" else value[i] > best[2])
            if worse:
                best = (r, float(t[i]), float(value[i]))
    if best is None:
        r = faulty[0]
        return r, float(getattr(r, "peak_s", r.start_s)), math.nan
    return best


def _still(session: SavedSession, part: SavedPart, rule: RuleInfo, faulty: list[Record], track: PoseTrack) -> str:
    from formcheck.draw.stills import still

    record, t, value = worst(part, rule, faulty, track)
    i = int(np.argmin(np.abs(track.t - t)))
    uri, origin = still(track.xyzv[i], track.width, track.height, t, session.video())
    if rule.measure == "peak_over_start":
        shown = f"{value:.2f} of its value at the start"
    else:
        shown = f"{value:.2f}" if rule.signal in UNITLESS else f"{value:.0f}°"
    reading = f": {title(rule.signal)} {shown}" if math.isfinite(value) else ""
    side = f" ({record.side})" if record.side != "both" else ""
    caption = f"{rule.description.capitalize()}, worst moment: rep {record.number}{side} at {t:.1f} s{reading}"
    caption += "" if origin == "video" else " (drawn from the landmarks; no video saved)"
    return (f'<figure class="still" data-rule="{esc(rule.id)}"><img alt="{esc(caption)}" src="{uri}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")  # fmt: skip


def faults_section(session: SavedSession, part: SavedPart, rules: dict[str, RuleInfo], track: PoseTrack | None) -> str:
    """The section's HTML."""
    counts = Counter(f for r in part.records for f in r.faults)
    advice = "".join(f"<li>{esc(a)}</li>" for a in part.summary.advice)
    advice_html = f"<p>Advice:</p><ul class=advice>{advice}</ul>" if advice else ""
    if not counts:
        return "<p class=good>No faults found in the reps that could be assessed.</p>" + advice_html
    given = cues_given(session)
    items, stills = [], []
    noun = "reps" if part.summary.motion == "reps" else "holds"
    for rule_id, n in counts.most_common():
        rule = rules.get(rule_id, RuleInfo(rule_id, rule_id, "", "max", "<=", math.nan))
        faulty = [r for r in part.records if rule_id in r.faults]
        which = ", ".join(f"{r.side} {r.number}" if r.side != "both" else f"{r.number}" for r in faulty)
        said = f" (shown live {given[rule_id]}×)" if given.get(rule_id) else ""
        kind = "decides validity" if rule.severity == "major" and not rule.experimental else "advice only"
        items.append(
            f"<li><b>{esc(rule.description.capitalize())}</b> in {n} of {len(part.records)} {noun} (rep {esc(which)}; "
            f"{kind}). Limit: {esc(limit(rule))}. Cue given: <span class=cue>“{esc(rule.cue)}”</span>{esc(said)}."
            f"<br><small>Threshold source: {esc(rule.source)}</small></li>"
        )
        if track is not None and len(track):
            stills.append(_still(session, part, rule, faulty, track))
    out = f'<ul class="faults">{"".join(items)}</ul>{advice_html}'
    if stills:
        out += f'<h3>Worst moment of each fault</h3><div class="stills">{"".join(stills)}</div>'
    return out
