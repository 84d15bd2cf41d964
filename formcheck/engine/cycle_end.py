"""At the end of the input, whether a movement still in its rising part has reached its turning point (pure logic for
formcheck.engine.cycles: a last rep stopped at its top is a rep cut by the end; one still rising fast is not yet)."""

from __future__ import annotations

from collections.abc import Sequence

from formcheck.engine import cycle_limits as lim
from formcheck.engine.records import SignalPoint


def turned_at_end(top: SignalPoint, recent: Sequence[SignalPoint], usual: float | None, range_deg: float) -> bool:
    """Yes when the signal has stopped rising over the last STILL_RISING_S (`recent`), or when it is at this person's
    usual turning point (`usual`; None before any complete rep) and slowing down into it; `range_deg` is their range."""
    rise = 0.0
    if recent:
        rise = top.v - min(q.v for q in recent)
        fell = top.v - recent[-1].v
        if fell >= lim.STILL_RISING * range_deg or rise < lim.STILL_RISING * range_deg:
            return True
    # Near the usual turning point and slowing down into it (one at full speed at the end has not turned).
    return usual is not None and abs(top.v - usual) <= lim.PEAK_MATCH * range_deg and rise < lim.FAST * range_deg
