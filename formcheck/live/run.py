"""`formcheck live`: open the source, run the session frame by frame, and always save what was recorded."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from formcheck.errors import FormcheckError
from formcheck.kinematics.track import LiveKinematics
from formcheck.live.coach import Coach, Step
from formcheck.live.grabber import FrameGrabber
from formcheck.live.recorder import SessionRecorder
from formcheck.live.session import LiveSession
from formcheck.live.voice import Voice
from formcheck.types import Frame, VideoInfo

DONE_LINGER_S = 3.0  # "All done" stays on screen this long before the window closes


@dataclass
class LiveOptions:
    """What `formcheck live` was asked to do."""

    steps: list[Step]
    out: Path
    source: Path | None = None  # a recording played as if it were a camera
    camera: int = 0
    model: str = "lite"
    voice: bool = False
    headless: bool = False
    record: Path | None = None
    speed: float = 1.0  # --source only: play faster than real time (tests)
    countdown_s: float = 3.0
    session: dict[str, Any] = field(default_factory=dict)  # extra fields for summary.json (programme, pain, …)


@dataclass(frozen=True)
class LiveOutcome:
    """How the session ended and what it wrote."""

    summary: dict[str, Any]
    parts: list[dict[str, Any]]
    exit_code: int  # 0 finished or quit, 3 the source was lost
    message: str


def default_out(now: dt.datetime | None = None) -> Path:
    """A dated session folder under the user's data directory."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "formcheck" / "sessions"
    return base / (now or dt.datetime.now()).strftime("%Y-%m-%d_%H%M%S")


def open_source(options: LiveOptions) -> tuple[Iterable[Frame], VideoInfo]:
    """The camera, or a recording paced like one."""
    if options.source is not None:
        from formcheck.video.paced import paced
        from formcheck.video.source import FileSource

        file = FileSource(options.source)
        return paced(file, speed=options.speed), file.info
    from formcheck.video.camera import CameraSource

    camera = CameraSource(options.camera)
    return camera, camera.info


class _Interrupted(Exception):
    pass


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted


def run_live(options: LiveOptions, frames: tuple[Iterable[Frame], VideoInfo] | None = None) -> LiveOutcome:
    """Run a whole session; the files in `options.out` are complete whatever ends it."""
    from formcheck.live.pose_worker import PoseWorker
    from formcheck.video.display import Display

    source, info = frames or open_source(options)
    Display.check(options.headless)
    grabber = FrameGrabber(source)
    worker = PoseWorker(grabber, options.model).start()  # loads the model before any frame is read
    grabber.start()
    voice = Voice() if options.voice else None
    started = dt.datetime.now().astimezone()
    session = {"started": started.isoformat(timespec="seconds"), "source": info.source, "model": options.model,
               **options.session}  # fmt: skip
    display = Display(options.headless, options.record, info.width, info.height, info.fps)
    recorder = SessionRecorder(options.out, info, options.steps, session)
    coach = Coach(options.steps, options.countdown_s)
    live = LiveSession(coach, LiveKinematics(info.width, info.height), recorder, voice)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    status, code, message = "completed", 0, ""
    done_at: float | None = None
    try:
        while True:
            posed = worker.latest(timeout=0.5)
            if posed is None:
                if worker.ended:
                    break
                continue
            captured = posed.captured
            processed = live.process(posed)
            live.draw(processed)
            going = live.key(display.show(captured.frame.image, captured.frame.t))
            if not going:
                break
            if coach.stage == "done":
                done_at = captured.frame.t if done_at is None else done_at
                if options.headless or captured.frame.t - done_at >= DONE_LINGER_S:
                    break
    except (KeyboardInterrupt, _Interrupted):
        coach.stop(live.t, "Stopped: interrupted")
        message = "interrupted; the session so far is saved"
    finally:
        signal.signal(signal.SIGTERM, previous)
        grabber.stop()
        worker.stop()
        if grabber.error is not None:
            coach.stop(live.t, str(grabber.error))
            code, message = getattr(grabber.error, "exit_code", 2), str(grabber.error)
        elif coach.stage not in ("done", "stopped"):
            coach.stop(live.t, "Stopped: the recording ended" if options.source else "Stopped: the camera ended")
        live.key("")  # drains the records closed by stop()
        if coach.stage == "stopped":
            status = "stopped"
        ended = dt.datetime.now().astimezone()
        extra = {
            "ended": ended.isoformat(timespec="seconds"),
            "stop_reason": coach.stop_reason,
            "duration_s": round(live.t, 2),
            "live": {
                **live.stats.summary(grabber.captured, grabber.dropped + worker.dropped),
                "model_ms": round(1000 * worker.model_s / max(worker.frames, 1), 1),
            },
            "world": live.world,
            "recording": str(options.record) if options.record else None,
        }
        summary = recorder.close(status, extra)
        parts = recorder.part_summaries()
        display.close()
        if voice is not None:
            voice.close(wait_s=2.0)
    if grabber.captured == 0 and code == 0:
        raise FormcheckError(f"{info.source}: sent no frames; check the camera or the file")
    return LiveOutcome(summary, parts, code, message)
