"""Pain ratings: 0 to 10, given on the command line or asked in the terminal."""

from __future__ import annotations

from formcheck.errors import FormcheckError


def check_pain(value: int | None) -> int | None:
    """A 0–10 rating, or a clear error."""
    if value is not None and not 0 <= value <= 10:
        raise FormcheckError(f"pain must be 0 to 10, not {value}")
    return value


def parse_pain(answer: str) -> int | None:
    """A typed answer: empty skips; anything but 0–10 is an error."""
    answer = answer.strip()
    if not answer:
        return None
    if not answer.isdigit():
        raise FormcheckError(f"pain must be a whole number 0 to 10, not {answer!r}")
    return check_pain(int(answer))
