"""The progress report: per exercise, how range, valid reps, faults, adherence and pain change over sessions."""

from __future__ import annotations

from collections import defaultdict

from formcheck.history.store import ExerciseDay
from formcheck.report.page import esc, meta_grid, page
from formcheck.report.plots import trend_plot


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.0f}{unit}"


def progress_report(patient: str, since: str, days: list[ExerciseDay]) -> str:
    """HTML with a table and trend plots per exercise, and pain across sessions."""
    by_exercise: dict[str, list[ExerciseDay]] = defaultdict(list)
    for d in days:
        by_exercise[d.exercise].append(d)
    sessions = sorted({(d.started, d.session_id, d.pain_before, d.pain_after) for d in days})
    items: list[tuple[str, object]] = [
        ("Patient", patient), ("Since", since or "the first session"), ("Sessions", len(sessions)),
        ("Exercises", ", ".join(by_exercise) or "none"),
    ]  # fmt: skip
    body = [f"<h1>Progress report</h1>{meta_grid(items)}"]
    if not days:
        body.append("<p>No sessions recorded for this patient in this period.</p>")
        return page(f"formcheck progress: {patient}", "".join(body))
    for name, rows in by_exercise.items():
        dates = [r.started for r in rows]
        valid_ratio = [r.valid / r.attempted if r.attempted else None for r in rows]
        fault_rate = [r.faulty / r.attempted if r.attempted else None for r in rows]
        adherence = [min(r.valid / r.prescribed, 1.0) if r.prescribed else None for r in rows]
        table = "".join(
            f"<tr><td>{esc(r.started[:16].replace('T', ' '))}</td><td class=num>{r.session_id}</td>"
            f"<td class=num>{r.valid} / {r.attempted}</td><td class=num>{_pct(v)}</td><td class=num>{_pct(f)}</td>"
            f"<td class=num>{_pct(a)}</td><td class=num>{_num(r.mean_range_deg, '°')}</td>"
            f"<td class=num>{_num(r.mean_held_s, ' s')}</td>"
            f"<td class=num>{'–' if r.pain_before is None else r.pain_before} / "
            f"{'–' if r.pain_after is None else r.pain_after}</td></tr>"
            for r, v, f, a in zip(rows, valid_ratio, fault_rate, adherence, strict=True)
        )  # fmt: skip
        head = ("<tr><th>Date</th><th>Session</th><th>Valid / attempted</th><th>Valid ratio</th><th>Fault rate</th>"
                "<th>Adherence</th><th>Mean range</th><th>Mean hold</th><th>Pain before / after</th></tr>")  # fmt: skip
        ratios = {"valid reps": valid_ratio, "reps with a fault": fault_rate, "adherence to prescription": adherence}
        plots = [trend_plot(dates, ratios, "% of reps / prescribed", percent=True)]
        if any(r.mean_range_deg is not None for r in rows):
            plots.append(trend_plot(dates, {"mean range of motion": [r.mean_range_deg for r in rows]}, "degrees"))
        if any(r.mean_held_s is not None for r in rows):
            plots.append(trend_plot(dates, {"mean hold": [r.mean_held_s for r in rows]}, "seconds"))
        figures = "".join(f'<figure class="plot">{svg}</figure>' for svg in plots)
        body.append(f'<section class="exercise" data-exercise="{esc(name)}"><h2>{esc(name.replace("_", " "))}</h2>'
                    f'<table class="progress"><thead>{head}</thead><tbody>{table}</tbody></table>{figures}'
                    "<p><small>Adherence: valid reps (or complete holds) against the prescription, capped at 100%. "
                    "Fault rate: reps or holds with at least one form fault.</small></p></section>")  # fmt: skip
    if any(p[2] is not None or p[3] is not None for p in sessions):
        svg = trend_plot([p[0] for p in sessions], {"before": [p[2] for p in sessions],
                                                    "after": [p[3] for p in sessions]}, "pain (0–10)")  # fmt: skip
        body.append(f'<section><h2>Pain</h2><figure class="plot">{svg}</figure></section>')
    return page(f"formcheck progress: {patient}", "".join(body))
