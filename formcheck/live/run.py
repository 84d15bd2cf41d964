"""`formcheck live`: open the source, run the session core frame by frame, and always save what was recorded."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from formcheck.engine.looks import unlike_warning
from formcheck.errors import FormcheckError
from formcheck.evidence import nothing_found_warning, rep_warnings, seen_warnings
from formcheck.io.recorder import SessionRecorder
from formcheck.kinematics.stream import SIGNAL_NAMES
from formcheck.live.sink import LiveSink
from formcheck.live.voice import Voice
from formcheck.models.paths import LIVE_MODEL
from formcheck.pipeline.loop import drive
from formcheck.session.core import SessionCore
from formcheck.session.plan import Step
from formcheck.summary import ExerciseSummary, SessionSummary
from formcheck.types import Frame, VideoInfo
from formcheck.video.recording import Recording

INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C


@dataclass
class LiveOptions:
    """What `formcheck live` was asked to do."""

    steps: list[Step]
    out: Path
    source: Path | None = None  # a recording played as if it were a camera
    camera: int = 0
    model: str = LIVE_MODEL
    voice: bool = False
    headless: bool = False
    record: Path | None = None
    speed: float = 1.0  # --source only: play faster than real time (tests)
    every_frame: bool = False  # --source only: every analysed frame, at the model's pace (the frames analyze sees)
    countdown_s: float = 3.0
    head: SessionSummary = field(default_factory=lambda: SessionSummary(kind="live"))  # patient, pain, programme


@dataclass(frozen=True)
class LiveOutcome:
    """How the session ended and what it wrote."""

    summary: SessionSummary
    parts: list[ExerciseSummary]
    folder: Path
    exit_code: int  # 0 finished or quit, 130 interrupted, 3 the source was lost, 4 the model failed
    message: str


def default_out(now: dt.datetime | None = None) -> Path:
    """A dated session folder under the user's data directory."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "formcheck" / "sessions"
    return base / (now or dt.datetime.now()).strftime("%Y-%m-%d_%H%M%S")


def open_source(options: LiveOptions) -> tuple[Iterable[Frame], VideoInfo]:
    """The camera, or a recording paced like one."""
    if options.source is not None:
        from formcheck.video.paced import paced
        from formcheck.video.sampling import DEFAULT_MAX_FPS
        from formcheck.video.source import FileSource

        if options.every_frame:  # no pacing, no frame dropped: exactly the frames analyze looks at
            file = FileSource(options.source, max_fps=DEFAULT_MAX_FPS)
            return file, file.info
        file = FileSource(options.source)
        return paced(file, speed=options.speed), file.info
    from formcheck.video.camera import CameraSource

    camera = CameraSource(options.camera)
    return camera, camera.info


def new_folder(out: Path) -> Path:
    """Create the session folder, never reusing one that exists (`out-2`, `out-3`… instead)."""
    target, number = out, 1
    while True:
        try:
            target.mkdir(parents=True, exist_ok=False)
            return target
        except FileExistsError:
            number += 1
            target = out.with_name(f"{out.name}-{number}")
        except OSError as exc:
            raise FormcheckError(
                f"{out}: cannot create the session folder ({exc.strerror}); give another --out"
            ) from exc


def run_live(options: LiveOptions, frames: tuple[Iterable[Frame], VideoInfo] | None = None) -> LiveOutcome:
    """Run a whole session; the files in the session folder are complete whatever ends it."""
    from formcheck.pipeline.grabber import FrameGrabber
    from formcheck.pipeline.pose_worker import PoseWorker
    from formcheck.video.display import Window, check_screen

    check_screen(options.headless)
    source, info = frames or open_source(options)
    drop = not options.every_frame
    grabber = FrameGrabber(source, drop=drop)
    worker = PoseWorker(grabber, options.model, drop=drop).start()  # loads the model before any frame is read
    try:
        folder = new_folder(options.out)
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        head = replace(options.head, kind="live", status="in progress", started=started, source=info.source,
                       model=options.model)  # fmt: skip
        recorder = SessionRecorder(folder, info, options.steps, head, SIGNAL_NAMES, flush_every=1)
        core = SessionCore(options.steps, info.width, info.height, guided=True, countdown_s=options.countdown_s)
        window = Window(info.width, info.height) if not options.headless else None
        recording = _recording(options, info)
        voice = Voice() if options.voice else None
        sink = LiveSink(core, window, recording, voice, options.headless)
    except BaseException:
        worker.stop()  # the session could not be set up: the model's thread does not outlive it
        raise
    ended = "Stopped: the recording ended" if options.source else "Stopped: the camera ended"
    try:
        # Frames are read once everything is ready: a live session keeps only the newest result, so a file's frames
        # posed while the files, the window and the recording were being opened were lost (a camera's are stale).
        grabber.start()
        ending = drive(core, worker, recorder, sink, ended)
    finally:
        closing = [c.close for c in (recording, window) if c is not None]
        problems = _close_all(closing)
        if voice is not None:
            voice.close(wait_s=2.0)
    code, message = 0, ""
    if ending.error is not None:
        code, message = ending.error.exit_code, str(ending.error)
    elif ending.interrupted:
        code, message = INTERRUPTED, "interrupted; the session so far is saved"
    if problems and not code:
        code, message = 2, problems[0]
    stats = sink.stats.summary(grabber.captured, grabber.dropped + worker.dropped,
                               round(1000 * worker.model_s / max(worker.frames, 1), 1))  # fmt: skip
    final = replace(head, status="stopped" if core.stage == "stopped" else "completed",
                    ended=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    stop_reason=core.coach.stop_reason, duration_s=round(core.t, 2), live=stats, world=sink.world,
                    recording=str(options.record) if options.record else None)  # fmt: skip
    _warn(recorder, options.steps)
    summary = recorder.close(final)
    if grabber.captured == 0 and code == 0:
        raise FormcheckError(f"{info.source}: sent no frames; check the camera or the file")
    return LiveOutcome(summary, recorder.summaries(), folder, code, message)


def _warn(recorder: SessionRecorder, steps: Sequence[Step]) -> None:
    """What each exercise's result rests on, as analyze says it: a person seldom in view, counting held back by the
    setup check, reps that did not move as the exercise does (the wrong exercise chosen?)."""
    for index in recorder.started():
        summary = recorder.summary(index)
        warnings = seen_warnings(summary, recorder.setup_issue(index))
        unlike = unlike_warning(steps[index].exercise, recorder.records(index))
        nothing = nothing_found_warning(steps[index].exercise, summary)
        reps = rep_warnings(steps[index].exercise, recorder.records(index))
        for warning in [*warnings, *(w for w in (unlike, nothing) if w), *reps]:
            recorder.warn(index, warning)


def _recording(options: LiveOptions, info: VideoInfo) -> Recording | None:
    if options.record is None:
        return None
    return Recording(options.record, info.width, info.height, info.fps)


def _close_all(closers: list) -> list[str]:
    """Close every sink; a failure is reported, never allowed to lose the session's files."""
    problems = []
    for close in closers:
        try:
            close()
        except FormcheckError as exc:
            problems.append(str(exc))
    return problems
