"""One cue at a time: highest priority first, none repeated within its cooldown, each shown long enough to read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from formcheck.engine.records import Cue

COOLDOWN_S = 8.0  # the same correction is not repeated within this time (the patient is already trying)
SHOW_S = 2.5  # a cue stays on screen at least this long: about one spoken sentence
_RANK = {"stop": 0, "setup": 1, "prompt": 1, "major": 2, "fault": 3, "praise": 4, "info": 5}


def rank(cue: Cue, severity: Mapping[str, str]) -> int:
    """Lower is more urgent: stop, setup and the session's prompts (switch sides, rest, next), major faults,
    minor faults, praise, information."""
    if cue.kind == "fault":
        return _RANK["major" if severity.get(cue.rule_id) == "major" else "fault"]
    return _RANK.get(cue.kind, _RANK["info"])


class CueManager:
    """Chooses what to say now out of everything the engine and the session offer."""

    def __init__(self, severity: Mapping[str, str] | None = None, cooldown_s: float = COOLDOWN_S,
                 show_s: float = SHOW_S) -> None:  # fmt: skip
        self.severity = dict(severity or {})
        self.cooldown_s = cooldown_s
        self.show_s = show_s
        self.current: Cue | None = None
        self._shown_at = -1e9
        self._last_said: dict[tuple[str, str], float] = {}

    def offer(self, cues: Iterable[Cue], now: float) -> Cue | None:
        """Consider this frame's cues; returns a cue to announce now, or None."""
        fresh = [c for c in cues if now - self._last_said.get((c.rule_id, c.text), -1e9) >= self.cooldown_s]
        if not fresh:
            return None
        best = min(fresh, key=lambda c: rank(c, self.severity))
        showing = self.current is not None and now - self._shown_at < self.show_s
        if showing and self.current is not None and rank(best, self.severity) >= rank(self.current, self.severity):
            return None  # let the patient read the current cue; only something more urgent interrupts
        self.current, self._shown_at = best, now
        self._last_said[(best.rule_id, best.text)] = now
        return best

    def visible(self, now: float) -> Cue | None:
        """The cue to keep on screen now."""
        if self.current is not None and now - self._shown_at < self.show_s:
            return self.current
        return None
