"""The HTML page shell shared by the reports: escaping, inline styles (screen and print), no external requests."""

from __future__ import annotations

import html

CSS = """
:root { --ink: #1d2430; --muted: #5b6678; --line: #d9dee7; --fault: #b93030; --ok: #2f7d4a; --warn: #9a6400; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 980px; margin: 24px auto; padding: 0 20px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 6px 18px; margin: 10px 0 4px; }
.meta div { overflow-wrap: anywhere; }
.meta div span { display: block; color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f9; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: var(--fault); font-weight: 600; } .good { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); }
.bar { background: #eceff4; border-radius: 3px; height: 10px; width: 160px; display: inline-block;
       vertical-align: middle; }
.bar i { display: block; height: 10px; border-radius: 3px; background: var(--ok); }
figure { margin: 8px 0 14px; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12px; }
.stills { display: flex; flex-wrap: wrap; gap: 14px; } .stills figure { width: 300px; margin: 0; }
.stills img { width: 100%; border: 1px solid var(--line); border-radius: 4px; }
ul.faults li { margin-bottom: 6px; } .cue { font-style: italic; }
footer { margin-top: 30px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { margin: 0; max-width: none; font-size: 11.5px; }
  section.exercise, figure, table.reps tr, .stills figure { break-inside: avoid; }
  section.exercise + section.exercise { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(value: object) -> str:
    """Text made safe for HTML (names, notes, file names: `<script>` shows as text)."""
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML document (a CSP forbids any request the page might make)."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title><style>{CSS}</style></head>
<body>
{body}
<footer>Made by formcheck from saved results, offline. Angles are measured from video in 2-D and are
estimates: use them to follow change, alongside clinical examination.</footer>
</body></html>
"""


def meta_grid(items: list[tuple[str, object]]) -> str:
    """Label/value pairs in a grid."""
    cells = "".join(f"<div><span>{esc(k)}</span>{esc(v)}</div>" for k, v in items)
    return f'<div class="meta">{cells}</div>'


def bar(fraction: float) -> str:
    """A small horizontal bar for a completion fraction."""
    pct = max(0.0, min(1.0, fraction)) * 100
    return f'<span class="bar"><i style="width:{pct:.0f}%"></i></span>'
