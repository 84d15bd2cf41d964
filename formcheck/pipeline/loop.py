"""The one session loop: posed frames → the session core → the recorder and a driver's sink.

analyze and live both run this loop; they differ only in the source behind the pose worker and in the
sink (progress and the annotated video for a file; overlay, window, keys and voice live).
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass
from types import FrameType
from typing import Protocol

from formcheck.errors import FormcheckError
from formcheck.io.recorder import SessionRecorder
from formcheck.pipeline.pose_worker import Posed, PoseWorker
from formcheck.session.coach import PAIN_STOP
from formcheck.session.core import SessionCore, Tick
from formcheck.types import Pose

STOP_KEYS = {"q": "Stopped: you pressed q", "p": PAIN_STOP}


class Sink(Protocol):
    """What a driver does with each frame besides recording it."""

    def frame(self, posed: Posed, pose: Pose, ticks: Sequence[Tick]) -> str:
        """Show or keep the frame; returns a key pressed ("" when none)."""

    def ended(self, ticks: Sequence[Tick]) -> None:
        """The last frames judged when the session stopped."""

    def done(self, core: SessionCore, t: float) -> bool:
        """Whether the session has nothing left to do."""


@dataclass(frozen=True)
class Ending:
    """How the loop ended."""

    reason: str  # why the session stopped ("" when the source simply ended)
    interrupted: bool = False  # Ctrl-C or a termination signal
    error: FormcheckError | None = None  # the source or the model failed


class _Interrupted(Exception):
    pass


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted


def record(core: SessionCore, recorder: SessionRecorder, ticks: Sequence[Tick]) -> None:
    """Ticks, finished reps/holds and events from the core into the session's files."""
    for tick in ticks:
        result = tick.view.result
        phase = result.phase if result is not None else tick.view.stage
        ready = bool(result and result.ready)
        recorder.tick(tick.view.step, tick.fk, phase, ready, result.setup_message if result else "")
    for kept in core.kept:
        recorder.record(kept.step, kept.set_no, kept.record)
    core.kept.clear()
    for step, advice in core.advice:
        recorder.advise(step, advice)
    core.advice.clear()
    recorder.events(core.events)
    core.events.clear()


def drive(core: SessionCore, worker: PoseWorker, recorder: SessionRecorder, sink: Sink, end_reason: str) -> Ending:
    """Run the session until the source ends, a stop key, a signal or a failure; the files are always closed
    over everything seen (`end_reason` is what the session says when the source simply ends)."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    reason, interrupted = "", False
    try:
        reason = _loop(core, worker, recorder, sink)
    except (KeyboardInterrupt, _Interrupted):
        reason, interrupted = "Stopped: interrupted", True
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.stop()
        worker.grabber.stop()
        error = worker.grabber.error or worker.error
        final = str(error) if error is not None else (reason or end_reason)
        if core.stage not in ("done", "stopped"):
            ticks = core.stop(final)
            sink.ended(ticks)  # first: the sink may log the cues of these last frames
            record(core, recorder, ticks)
    return Ending(reason, interrupted, error)


def _loop(core: SessionCore, worker: PoseWorker, recorder: SessionRecorder, sink: Sink) -> str:
    while True:
        posed = worker.next(timeout=0.5)
        if posed is None:
            if worker.finished:
                return ""
            continue
        frame = posed.captured.frame
        pose, ticks = core.feed(frame.t, frame.index, posed.people)
        recorder.pose(frame.t, frame.index, pose)
        record(core, recorder, ticks)
        key = sink.frame(posed, pose, ticks)
        if key in STOP_KEYS:
            return STOP_KEYS[key]
        if key:
            core.key(key, frame.t)
            record(core, recorder, [])
        if sink.done(core, frame.t):
            return ""
