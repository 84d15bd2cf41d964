"""`formcheck analyze`: a recorded video (or a landmarks CSV) through the session core into result files.

The same core, recorder and loop as the live session; here the source is read as fast as the model goes
(no frame dropped), the coach is unguided, and the run is written into a hidden folder that is moved into
place only when it is complete, so a crash or a second run at the same time never leaves half a session
where a whole one is expected.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from formcheck.engine.looks import unlike_warning
from formcheck.engine.records import HoldRecord, RepRecord
from formcheck.errors import FormcheckError
from formcheck.evidence import evidence_warnings, nothing_found_warning, rep_warnings
from formcheck.io.landmarks_csv import missing_joints
from formcheck.io.recorder import SessionRecorder
from formcheck.io.session_folder import claim, publish
from formcheck.kinematics.stream import FILE_BATCH, SIGNAL_NAMES
from formcheck.pipeline.loop import Ending, Sink, drive
from formcheck.pipeline.pose_worker import Posed
from formcheck.session.core import SessionCore, Tick
from formcheck.session.plan import Step
from formcheck.summary import ExerciseSummary, SessionSummary, VideoMeta
from formcheck.types import People, Pose, PoseTrack, VideoInfo


@dataclass(frozen=True)
class Analysis:
    """What an analysis produced: the summaries, the records and where the files are."""

    session: SessionSummary
    exercise: ExerciseSummary
    records: list[RepRecord | HoldRecord]
    folder: Path
    seconds: float  # wall time of the run
    asked: Path  # the folder asked for (`folder` is another one when that already held a session)


@dataclass(frozen=True)
class Request:
    """What to analyse and how."""

    step: Step
    out: Path
    model: str = "full"
    annotate: bool = False
    every_frame: bool = False
    replace: bool = False  # overwrite an existing session folder instead of refusing
    head: SessionSummary = field(default_factory=SessionSummary)  # patient, pain, programme…
    progress: Callable[[int, int], None] | None = None


class _FileSink:
    """Progress and, with --annotate, the annotated video drawn and encoded on its own thread."""

    def __init__(self, request: Request, info: VideoInfo, folder: Path) -> None:
        self.request = request
        self.total = info.frame_count
        self.frames = 0
        self.annotated = None
        if request.annotate:
            from formcheck.pipeline.annotate import AnnotatedVideo

            self.annotated = AnnotatedVideo(folder / "annotated.mp4", info, request.step)

    def frame(self, posed: Posed, pose: Pose, ticks: Sequence[Tick]) -> str:
        self.frames += 1
        if self.request.progress is not None:
            self.request.progress(posed.captured.frame.index + 1, self.total)
        if self.annotated is not None:
            self.annotated.add(posed.captured.frame, pose, ticks)
        return ""

    def ended(self, ticks: Sequence[Tick]) -> None:
        if self.annotated is not None:
            self.annotated.finish(ticks)

    def done(self, core: SessionCore, t: float) -> bool:
        return False


def recorded_at(path: Path) -> str:
    """When the recording was made, as far as the file tells (its modification time), ISO 8601 local."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")


NICER = 5  # how much lower than the pose thread this thread runs while analysing a file


def yield_to_inference() -> None:
    """Let the pose model have the cores first: this thread (the core and the files, ~1.3 ms a 720p frame) runs at a
    lower priority, so its work fills the moments the model leaves the cores idle instead of slowing it. The
    pose and decode threads were started before and keep theirs. Once per thread: a raised niceness cannot be
    lowered again without privileges, so it is never undone."""
    import contextlib
    import os
    import threading

    if getattr(_lowered, "done", False) or not hasattr(os, "setpriority"):
        return
    _lowered.done = True
    tid = threading.get_native_id()
    with contextlib.suppress(OSError):  # not allowed here: the analysis is the same, only a little slower
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + NICER)


_lowered = __import__("threading").local()


def _head(request: Request, source: Path, model: str) -> SessionSummary:
    started = request.head.started or recorded_at(source)
    named = request.head.source or str(source)  # a batch worker analyses a copy; the summary names the original
    return replace(request.head, kind="analyze", status="in progress", started=started, source=named, model=model)


def analyze_video(video: Path, request: Request) -> Analysis:
    """Run the pose model over a video and judge it; every file lands in `request.out`."""
    from formcheck.pipeline.grabber import FrameGrabber
    from formcheck.pipeline.pose_worker import PoseWorker
    from formcheck.video.sampling import DEFAULT_MAX_FPS
    from formcheck.video.source import FileSource

    source = FileSource(video, max_fps=None if request.every_frame else DEFAULT_MAX_FPS)
    info = source.info
    grabber = FrameGrabber(source, drop=False)
    worker = PoseWorker(grabber, request.model, drop=False).start()
    try:  # the threads end with the run, also when it fails before its first frame (an output folder refused)
        grabber.start()
        yield_to_inference()
        head = _head(request, video, request.model)
        return _run(request, info, head, lambda core, rec, sink: drive(core, worker, rec, sink, ""),
                    frames_read=lambda: source.frames_read)  # fmt: skip
    finally:
        worker.stop()
        grabber.stop()


def analyze_landmarks(csv: Path, request: Request, size: tuple[int, int] | None = None) -> Analysis:
    """Replay a landmarks CSV through the same core, without the model (`size`: the image's, when the CSV
    has no video.json beside it)."""
    from formcheck.io.landmarks_csv import read_track

    width, height = size if size is not None else (None, None)
    track = read_track(csv, width, height, need_size=True)
    if len(track) == 0:
        raise FormcheckError(f"{csv}: no rows of landmarks")
    exercise = request.step.exercise
    absent = missing_joints(track, exercise.needs)
    if absent and np.isfinite(track.xyzv[:, :, 0]).any():
        names = " or ".join(f"{a}" for a in absent)
        raise FormcheckError(f"{csv}: this file has no {names} landmarks (no left_{absent[0]}_x or right_{absent[0]}_x "
                             f"values); the {exercise.name} needs {', '.join(exercise.needs)}")  # fmt: skip
    info = VideoInfo(track.width, track.height, track.fps, len(track), str(csv))
    head = _head(request, csv, "replay")
    notes = [f"{track.not_finite} landmark values in the file were not finite numbers (inf or nan): read as "
             "missing"] if track.not_finite else []  # fmt: skip
    return _run(request, info, head, lambda core, rec, sink: replay(track, core, rec, sink), lambda: len(track), notes)


def analyze_people(frames: Sequence[tuple[float, int, People]], info: VideoInfo, request: Request) -> Analysis:
    """Replay the pose stage's saved output (each sampled frame's time, index and the people found in it) through
    the same run as `analyze_video`, without the model: the benchmarks re-judge a clip in seconds this way. No
    frames are drawn: `request.annotate` and `request.progress` are not used."""
    # The frames read: the last sampled frame's index + 1 (the source may have read a few more after it, skipped by
    # the sampling: close enough for the "video ends early" warning, which wants 90 % of the frames).
    read = int(frames[-1][1]) + 1 if frames else 0
    head = _head(request, Path(info.source), request.model)
    return _run(request, info, head, lambda core, rec, sink: feed(frames, core, rec, sink), lambda: read)


def feed(frames: Iterable[tuple[float, int, People]], core: SessionCore, recorder: SessionRecorder,
         sink: Sink) -> Ending:  # fmt: skip
    """Feed saved pose-stage output through the core exactly as the pose worker would have."""
    from formcheck.pipeline.loop import record

    for t, index, people in frames:
        followed, ticks = core.feed(t, index, people)
        recorder.pose(t, index, followed)
        record(core, recorder, ticks)
    ticks = core.stop("")
    record(core, recorder, ticks)
    sink.ended(ticks)
    return Ending("")


def replay(track: PoseTrack, core: SessionCore, recorder: SessionRecorder, sink: Sink) -> Ending:
    """Feed saved landmarks through the core exactly as the pose worker would have."""
    poses = (track.pose(i) for i in range(len(track)))
    frames = ((float(t), int(index), People((pose,) if pose.found else (), 1))
              for t, index, pose in zip(track.t, track.frame, poses, strict=True))  # fmt: skip
    return feed(frames, core, recorder, sink)


Runner = Callable[[SessionCore, SessionRecorder, Sink], Ending]


def _run(request: Request, info: VideoInfo, head: SessionSummary, run: Runner, frames_read: Callable[[], int],
         notes: Sequence[str] = ()) -> Analysis:  # fmt: skip
    start = time.perf_counter()
    partial = claim(request.out, request.replace)
    recorder = SessionRecorder(partial, info, [request.step], head, SIGNAL_NAMES, flush_every=30)
    core = SessionCore([request.step], info.width, info.height, guided=False, batch=FILE_BATCH)
    sink = _FileSink(request, info, partial)
    try:
        ending = run(core, recorder, sink)
        summary = recorder.summary(0) if recorder.summaries() else None
        duration = float(core.t)
        evidence = evidence_warnings(summary, info, frames_read(), core.people.multi_frames, duration,
                                     recorder.setup_issue(0))  # fmt: skip
        unlike = unlike_warning(request.step.exercise, recorder.records(0))
        nothing = nothing_found_warning(request.step.exercise, summary) if summary is not None else None
        reps = rep_warnings(request.step.exercise, recorder.records(0))
        for warning in [*notes, *evidence, *(w for w in (unlike, nothing) if w), *reps]:
            recorder.warn(0, warning)
        video = VideoMeta(info.width, info.height, round(info.fps, 3), round(duration, 3))
        final = recorder.close(replace(head, status="completed", video=video, duration_s=round(duration, 2)))
    except BaseException:
        publish(partial, request.out)
        raise
    if ending.error is not None:
        publish(partial, request.out)
        raise ending.error
    exercise = recorder.summary(0)
    if exercise.frames_with_pose == 0:
        publish(partial, request.out)
        raise FormcheckError(f"{info.source}: no person found in any of {exercise.frames} frames; "
                             "film the whole body in good light")  # fmt: skip
    folder = publish(partial, request.out, replace=request.replace)
    return Analysis(final, exercise, recorder.records(0), folder, time.perf_counter() - start, request.out)
