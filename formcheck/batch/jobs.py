"""What a batch is: one job per video, from a folder or a CSV manifest, each with its own output folder."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck.errors import FormcheckError
from formcheck.io.session_folder import is_session

if TYPE_CHECKING:
    from formcheck.session.plan import Step
    from formcheck.summary import ProgrammeInfo

VIDEO_SUFFIXES = {".mp4", ".mov", ".avi", ".mkv", ".m4v", ".webm", ".gif", ".mpg", ".mpeg", ".wmv"}
MANIFEST_COLUMNS = ("video", "exercise", "patient")


@dataclass(frozen=True)
class Job:
    """One video to analyse."""

    video: Path
    exercise: str
    patient: str
    out: Path  # its session folder
    # Resolved here, shipped to the worker as values (a Ray worker has no access to this machine's files):
    step: Step | None = None  # the exercise as a --programme sets it (None: the catalogue's)
    programme: ProgrammeInfo | None = None
    annotate: bool = False  # also write annotated.mp4
    model: str = "full"  # the pose model, --model resolved for the job's exercise (formcheck.models.choice)


def _out_folders(videos: list[Path], root: Path) -> list[Path]:
    """out/<video name>, numbered when two videos share a name (clinic archives often do: IMG_0001.mov)."""
    seen: dict[str, int] = {}
    out = []
    for video in videos:
        n = seen.get(video.stem, 0) + 1
        seen[video.stem] = n
        out.append(root / (video.stem if n == 1 else f"{video.stem}-{n}"))
    return out


def from_folder(folder: Path, exercise: str, patient: str, root: Path) -> list[Job]:
    """Every video in a folder (and its sub-folders), all of one exercise."""
    if not exercise:
        raise FormcheckError(f"{folder}: a folder of videos needs --exercise NAME (or give a --manifest CSV)")
    videos = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)
    if not videos:
        raise FormcheckError(f"{folder}: no video files in it ({', '.join(sorted(VIDEO_SUFFIXES))})")
    return [Job(v, exercise, patient, o) for v, o in zip(videos, _out_folders(videos, root), strict=True)]


def from_manifest(manifest: Path, root: Path) -> list[Job]:
    """A CSV with the columns video, exercise, patient (video paths relative to the manifest)."""
    try:
        with manifest.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FormcheckError(f"{manifest}: cannot read the manifest ({exc}); give a CSV file") from exc
    if not rows or not {"video", "exercise"} <= set(rows[0]):
        raise FormcheckError(f"{manifest}: a manifest is a CSV with the columns {', '.join(MANIFEST_COLUMNS)}")
    videos = [(manifest.parent / r["video"].strip()).resolve() for r in rows]
    outs = _out_folders(videos, root)
    return [Job(v, r["exercise"].strip(), (r.get("patient") or "").strip(), o)
            for v, r, o in zip(videos, rows, outs, strict=True)]  # fmt: skip


def pending(jobs: list[Job], force: bool) -> tuple[list[Job], list[Job]]:
    """(to do, already done): a finished session folder is skipped unless forced."""
    done = [j for j in jobs if not force and is_session(j.out)]
    return [j for j in jobs if j not in done], done
