"""When to look for everyone in view, and whether to follow one person or several (the pose stage's people census).

Tracking one person is the cheap case. Every `every_s`, and at once whenever the tracked person is lost, everyone
in view is looked for; a second person must be found in CONFIRM_HITS of CONFIRM_FRAMES frames in a row before
several are followed (a body the detector makes up for a frame or two is not a second person). While several are
followed, everyone is found in every frame; two censuses in a row that find one person go back to tracking one.
"""

from __future__ import annotations

SINGLE_AFTER = 2  # censuses in a row that find one person before going back to tracking one
CONFIRM_FRAMES = 5  # a crowded census is checked on the frames that follow, this many in all ...
CONFIRM_HITS = 3  # ... of which this many must find more than one person
RECHECK_S = 1.0  # after a check that found a second person only now and then, look again this soon


class Census:
    """One call of due() per frame; seen() with the number of people found whenever they were looked for."""

    def __init__(self, every_s: float | None) -> None:
        self.every_s = every_s or 0.0
        self.multi = False  # following several people: everyone is found in every frame
        self.people = 1  # people in view at the last look
        self._next = 0.0
        self._alone = 0  # censuses in a row (while following several) that found one person
        self._checks: list[bool] = []  # while checking a crowded census: which frames found several

    def due(self, t: float) -> bool:
        """Look for everyone in this frame?"""
        return self.every_s > 0 and (self.multi or t >= self._next)

    def lost(self, t: float) -> None:
        """The tracked person was lost: look for everyone on the next frame (while several are followed everyone is
        looked for in every frame anyway, and a frame with nobody is a gap, not a census)."""
        if not self.multi:
            self._next = min(self._next, t)

    def seen(self, t: float, found: int) -> None:
        """Everyone was looked for at `t` and `found` people were."""
        census = t >= self._next
        if self.multi:
            if found > 1:
                self._alone, self.people = 0, found
            if census:
                self._next = t + self.every_s
                self._alone += int(found == 1)  # nobody found is a gap in tracking, not someone gone
                if self._alone >= SINGLE_AFTER:
                    self.multi, self.people = False, found
            return
        if not census:
            return
        if found > 1 or self._checks:
            self._check(t, found)
            return
        self.people, self._next = found, t + self.every_s

    def _check(self, t: float, found: int) -> None:
        self._checks.append(found > 1)
        hits = sum(self._checks)
        if hits >= CONFIRM_HITS:
            self.multi, self.people, self._alone, self._checks = True, max(found, 2), 0, []
            self._next = t + self.every_s
        elif len(self._checks) >= CONFIRM_FRAMES:
            self._checks = []
            self._next = t + (RECHECK_S if hits > 1 else self.every_s)
        else:
            self._next = t  # the next frame
