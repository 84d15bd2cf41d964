"""`formcheck analyze`: a recorded video (or a landmarks CSV) through the pipeline into result files."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formcheck.draw.overlay import draw_angles, draw_panel, draw_skeleton
from formcheck.engine.records import FrameResult, HoldRecord, RepRecord
from formcheck.errors import FormcheckError
from formcheck.exercises.spec import Exercise
from formcheck.io.landmarks_csv import LandmarksWriter, read_track
from formcheck.io.results import AnglesWriter, FrameCounts, prescribed, summarise, write_records, write_summary
from formcheck.kinematics.track import KinematicsTrack, offline
from formcheck.pipeline import StageTimes, run_engine
from formcheck.types import PoseTrack
from formcheck.video.prefetch import prefetch


@dataclass
class Analysis:
    """Everything an analysis produced, in memory."""

    exercise: Exercise
    track: PoseTrack
    kinematics: KinematicsTrack
    results: list[FrameResult]
    records: list[RepRecord | HoldRecord]
    summary: dict[str, Any]
    times: StageTimes
    warnings: list[str]


def judge_track(
    exercise: Exercise, track: PoseTrack, out: Path | None, extra: dict[str, Any], times: StageTimes
) -> Analysis:
    """Kinematics and engine over a pose track; writes angles.csv, reps.json, summary.json to `out`."""
    t0 = time.perf_counter()
    kin = offline(track)
    frames = list(kin)  # built once: the engine and angles.csv read the same per-frame view
    results, records = run_engine(exercise, frames)
    times.kinematics_engine += time.perf_counter() - t0
    counts = FrameCounts(
        frames=len(track),
        with_pose=int(kin.present.sum()),
        counted=sum(r.ready for r in results),
        views=dict(Counter(str(v) for v in kin.view[kin.present])),
    )
    sides = ("both",) if exercise.sides == "both" else ("left", "right")
    warnings: list[str] = list(extra.pop("warnings", []))
    if counts.with_pose and not counts.counted:
        reasons = Counter(r.setup_message for r in results if r.setup_message)
        warnings.append(f"nothing counted: {reasons.most_common(1)[0][0] if reasons else 'setup never passed'}")
    dosage = exercise.dosage
    asked = prescribed(exercise, dosage.sets, dosage.reps, dosage.hold_s, sides)
    summary = summarise(exercise, records, counts, sides, {**extra, "prescribed": asked, "warnings": warnings})
    if out is not None:
        angles = AnglesWriter(out / "angles.csv")
        try:
            for fk, result in zip(frames, results, strict=True):
                angles.write(fk, result.phase)
        finally:
            angles.close()
        write_records(out / "reps.json", records)
        write_summary(out / "summary.json", summary)
    return Analysis(exercise, track, kin, results, records, summary, times, warnings)


def _recorded_at(video: Path) -> str:
    """When the video was made, as far as the file tells (its modification time), ISO 8601 local."""
    return dt.datetime.fromtimestamp(video.stat().st_mtime).astimezone().isoformat(timespec="seconds")


def analyze_video(
    video: Path, exercise: Exercise, out: Path, model: str = "full", annotate: bool = False,
    progress: Callable[[int, int], None] | None = None, context: dict[str, Any] | None = None,
) -> Analysis:  # fmt: skip
    """Run the pose model over a video, then judge it; every file lands in `out`."""
    from formcheck.pipeline import extract_poses
    from formcheck.pose.estimator import PoseEstimator
    from formcheck.video.source import FileSource

    source = FileSource(video)
    info = source.info
    times = StageTimes()
    out.mkdir(parents=True, exist_ok=True)
    writer = LandmarksWriter(out / "landmarks.csv", info.width, info.height, info.fps, str(video), flush_every=30)
    try:
        with PoseEstimator(model) as estimator:
            track = extract_poses(
                prefetch(source), estimator, info.width, info.height, times,
                on_frame=lambda i: progress(i + 1, info.frame_count) if progress else None,
                on_pose=writer.write,
            )  # fmt: skip
    finally:
        writer.close()
    warnings: list[str] = []
    if len(track) < 0.9 * info.frame_count and info.frame_count > 10:
        warnings.append(
            f"the video ends early: decoded {len(track)} of {info.frame_count} frames (truncated file?); "
            "results cover what could be read"
        )
    if times.multi_person_frames:
        warnings.append(
            f"{times.multi_person_frames} sampled frames show more than one person: followed the one seen first"
        )
    if not track.has_pose.any():
        raise FormcheckError(
            f"{video}: no person found in any of {len(track)} frames; film the whole body in good light"
        )
    extra = {
        "kind": "analyze", "started": _recorded_at(video), "source": str(video), "model": model,
        "video": {"width": info.width, "height": info.height,
        "fps": round(info.fps, 3), "duration_s": round(float(track.t[-1]), 3)},
        "warnings": warnings, **(context or {}),
    }  # fmt: skip
    analysis = judge_track(exercise, track, out, extra, times)
    if annotate:
        write_annotated(video, analysis, out / "annotated.mp4")
    return analysis


def analyze_landmarks(
    csv: Path, exercise: Exercise, out: Path | None, context: dict[str, Any] | None = None
) -> Analysis:
    """Replay a landmarks CSV without the model."""
    track = read_track(csv)
    if len(track) == 0:
        raise FormcheckError(f"{csv}: no rows of landmarks")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    extra = {"kind": "analyze", "started": _recorded_at(csv), "source": str(csv), "model": "replay", "warnings": [],
             **(context or {})}  # fmt: skip
    return judge_track(exercise, track, out, extra, StageTimes())


def write_annotated(video: Path, analysis: Analysis, path: Path) -> None:
    """A second pass over the video drawing skeleton, angles and counts onto each frame."""
    from formcheck.video.source import FileSource
    from formcheck.video.writer import H264Writer

    source = FileSource(video)
    times = analysis.times
    target = analysis.exercise.dosage.reps
    writer = H264Writer(path, source.info.width, source.info.height, source.info.fps)
    try:
        t0 = time.perf_counter()
        for i, frame in enumerate(prefetch(source)):
            t1 = time.perf_counter()
            times.decode += t1 - t0
            if i < len(analysis.results):
                fk = analysis.kinematics.at(i)
                xyzv = analysis.track.xyzv[i]
                draw_skeleton(frame.image, xyzv)
                draw_angles(frame.image, xyzv, fk, analysis.exercise, analysis.results[i].work_side)
                draw_panel(frame.image, analysis.exercise, analysis.results[i], target)
            t2 = time.perf_counter()
            writer.write(frame.image)
            t0 = time.perf_counter()
            times.drawing += t2 - t1
            times.encode += t0 - t2
    finally:
        t3 = time.perf_counter()
        writer.close()
        times.encode += time.perf_counter() - t3
