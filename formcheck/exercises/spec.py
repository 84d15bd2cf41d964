"""What an exercise is, as data: view, posture, needed landmarks, motion, dosage and form rules."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

View = Literal["side", "front", "oblique"]
Posture = Literal["upright", "horizontal", "quadruped"]
SideMode = Literal["both", "each"]  # "both": one bilateral count; "each": per side, worked side detected
Measure = Literal[
    "max", "min", "mean", "abs_max", "range", "peak", "peak_over_start", "duration_s", "down_s", "top_hold_s", "top_sag"
]
SideRef = Literal["work", "other", "max", "near"]


@dataclass(frozen=True)
class ViewSignal:
    """The signal a rep is counted on from some views, where the default one foreshortens."""

    views: tuple[View, ...]
    signal: str
    combine: Literal["max", "min"] | None = None  # how the two sides combine on this signal (default: the motion's)
    # Whether the rep's top (hold time, sag) is timed on this signal too; False where the default signal is the
    # more accurate one from these views and this one is counted on only so that a view flicker changes nothing.
    times_top: bool = True


@dataclass(frozen=True)
class Looks:
    """How a rep of this exercise looks at its turning point, unlike the exercises it could be mistaken for (a
    wrong --exercise, a wrong row of a clinic's manifest): the two sides' `signal` ("apart": their difference;
    "lower": the smaller) inside [low, high]. Judged only from `views`; `unlike` says what a rep outside looks like.
    """

    signal: str
    measure: Literal["apart", "lower"]
    low: float
    high: float
    views: tuple[View, ...]
    unlike: str


@dataclass(frozen=True)
class RepMotion:
    """Reps as cycles of one signal (formcheck.engine.cycles): out of rest, through a turning point, back.

    `rest` and `typical_range` are where counting starts before this person's own reps are seen (clinical
    figures, quoted with the exercise); `min_excursion` keeps jitter from ever counting.
    """

    signal: str
    rest: float  # typical resting value (deg)
    typical_range: float  # typical excursion of one rep (deg)
    min_excursion: float  # no rep smaller than this (deg)
    rising: bool = True  # True when the signal grows during the rep (e.g. knee flexion in a squat)
    combine: Literal["max", "min"] = "max"  # one side at a time: the side moving most; "min": both sides move
    top_tolerance: float = 5.0  # "at the top" means within this many degrees of the rep's peak
    side_signal: str | None = None  # the worked side is the one higher on this signal at the turning point
    by_view: tuple[ViewSignal, ...] = ()  # other signals for views where `signal` foreshortens
    # Views where `signal` shows an unknown share of the movement (from a few per cent to most of it, as the
    # person moves): there no typical range is assumed, and the first reps need only `min_excursion`.
    foreshortened: tuple[View, ...] = ()
    looks: Looks | None = None  # what the movement looks like, unlike others mistaken for it (a warning, not a rule)

    def _from(self, view: str) -> ViewSignal | None:
        """The view's own signal, when it has one."""
        return next((v for v in self.by_view if view in v.views), None)

    def signal_for(self, view: str) -> str:
        """The signal counted from this view."""
        own = self._from(view)
        return own.signal if own else self.signal

    def top_signal_for(self, view: str) -> str:
        """The signal the rep's top is timed on from this view."""
        own = self._from(view)
        return own.signal if own and own.times_top else self.signal

    def combine_for(self, view: str) -> str:
        """How the two sides' values combine into the counted one from this view."""
        own = self._from(view)
        return own.combine if own and own.combine else self.combine


@dataclass(frozen=True)
class HoldMotion:
    """A hold timed only while `signal` stays inside [low, high]; excursions under grace_s forgiven."""

    signal: str
    low: float
    high: float
    grace_s: float = 1.0
    min_record_s: float = 2.0  # shorter stays in the band are passing through, not holds
    also: tuple[Band, ...] = ()  # further conditions of the held posture (same side unless `other`)
    # Views where the image angles foreshorten the posture: there every signal is read from the 3-D world
    # landmarks instead (its "_3d" twin, where there is one).
    world_in: tuple[View, ...] = ()
    # A posture the model reads foreshortened from some views: the band starts this far above the person's own
    # rest when that is under `low` (formcheck.engine.holds.RestLevel).
    above_rest: float | None = None

    def signal_for(self, name: str, view: str, signals: Collection[str]) -> str:
        """The signal to read for `name` from this view."""
        twin = f"{name}_3d"
        return twin if view in self.world_in and twin in signals else name


@dataclass(frozen=True)
class Band:
    """A signal that must stay within [low, high] for a hold to run."""

    signal: str
    low: float
    high: float
    other: bool = False  # read on the other side
    views: tuple[View, ...] = ()  # the views it is judged from (all, when empty)


@dataclass(frozen=True)
class Dosage:
    """What a programme prescribes by default: sets, reps or hold seconds, per side or bilateral."""

    sets: int = 1
    reps: int | None = 10
    hold_s: float | None = None
    rest_s: float = 60.0
    # Home programmes for hip pain ask for slow, controlled reps: about 2 s up and 2 s down (a programme file
    # sets its own tempo with rep_s). Judged per set, as advice (formcheck.engine.tempo).
    rep_s: float | None = 4.0


@dataclass(frozen=True)
class Rule:
    """One form rule: a measure of a signal over a rep or hold, compared with a threshold."""

    id: str
    description: str
    signal: str
    measure: Measure
    op: Literal["<=", ">="]
    threshold: float
    cue: str
    source: str  # where the threshold comes from
    views: tuple[View, ...] = ("side",)
    side: SideRef = "work"
    severity: Literal["major", "minor"] = "minor"  # a major fault makes the rep not valid
    during: Literal["rep", "top"] = "rep"  # judge over the whole rep, or only near its peak
    enabled: bool = True
    praise: str = "Better, that's it."
    check: str = ""  # rules judging one thing from different views share a check (default: the id)
    experimental: bool = False  # reported, never deciding validity: not shown to work on renders and clips

    @property
    def check_id(self) -> str:
        """The check this rule belongs to."""
        return self.check or self.id


@dataclass(frozen=True)
class Exercise:
    """One declared exercise."""

    name: str
    title: str
    view: View  # the view the form rules are written for
    counting_views: tuple[View, ...]  # views in which reps/holds can be counted at all
    posture: tuple[Posture, ...]  # postures in which it can be done (the first is the one to ask for)
    needs: tuple[str, ...]  # joints that must be visible: near side in side views, both sides from the front
    sides: SideMode
    motion: RepMotion | HoldMotion
    dosage: Dosage
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    setup_hint: str = ""

    def rule(self, rule_id: str) -> Rule:
        """A rule by id (KeyError when unknown)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def kind(self) -> str:
        """ "reps" or "hold"."""
        return "reps" if isinstance(self.motion, RepMotion) else "hold"
