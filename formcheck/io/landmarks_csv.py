"""landmarks.csv: `t`, `frame`, then `{name}_x,_y,_z,_v` for the 33 landmarks (x, y normalised to the image),
then `{name}_wx,_wy,_wz`: the model's 3-D world landmarks in metres (origin between the hips)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import TextIO

import numpy as np

from formcheck.errors import FormcheckError
from formcheck.landmarks import NAMES
from formcheck.types import Pose, PoseTrack

WORLD_COLUMNS: tuple[str, ...] = tuple(f"{n}_w{c}" for n in NAMES for c in "xyz")
COLUMNS: tuple[str, ...] = ("t", "frame", *(f"{n}_{c}" for n in NAMES for c in "xyzv"), *WORLD_COLUMNS)
META_NAME = "video.json"  # image size and fps beside the CSV, so a replay measures angles the same way


def _fmt(v: float) -> str:
    return "" if not math.isfinite(v) else f"{v:.6g}"


class LandmarksWriter:
    """Appends one row per frame and flushes, so a crash keeps every row already written."""

    def __init__(self, path: Path, width: int, height: int, fps: float, source: str, flush_every: int = 1) -> None:
        self.path = path
        self._flush_every = flush_every  # 1 for live (a crash loses nothing); more for files (less I/O)
        self._rows = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / META_NAME).write_text(
            json.dumps({"width": width, "height": height, "fps": fps, "source": source}, indent=2) + "\n"
        )
        self._file: TextIO = path.open("w", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(COLUMNS)

    def write(self, t: float, frame: int, pose: Pose) -> None:
        """One frame's landmarks (NaN cells stay empty)."""
        values = np.concatenate([pose.xyzv.reshape(-1), pose.world.reshape(-1)])
        self._writer.writerow([f"{t:.4f}", frame, *(_fmt(float(v)) for v in values)])
        self._rows += 1
        if self._rows % self._flush_every == 0:
            self._file.flush()

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def write_track(path: Path, track: PoseTrack, fps: float, source: str) -> None:
    """Write a whole track."""
    writer = LandmarksWriter(path, track.width, track.height, fps, source)
    try:
        for i in range(len(track)):
            world = track.world[i] if track.world is not None else Pose.missing().world
            writer.write(float(track.t[i]), int(track.frame[i]), Pose(track.xyzv[i], world))
    finally:
        writer.close()


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            rows = list(reader) if header else []
    except (UnicodeDecodeError, csv.Error) as exc:
        raise FormcheckError(f"{path}: not a text CSV file ({exc.__class__.__name__}); give a landmarks CSV") from exc
    if not header:
        raise FormcheckError(f"{path}: empty file, expected a header with landmark columns like nose_x")
    return header, rows


def _image_size(path: Path, width: int | None, height: int | None, need_size: bool) -> tuple[int, int, float]:
    meta_path = path.parent / META_NAME
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    if need_size and not (width and height) and not ("width" in meta and "height" in meta):
        raise FormcheckError(f"{path}: no {META_NAME} beside it to give the image size the landmarks were "
                             "measured in; pass --size WIDTHxHEIGHT")  # fmt: skip
    return width or int(meta.get("width", 1)), height or int(meta.get("height", 1)), float(meta.get("fps", 30.0))


def read_track(path: Path, width: int | None = None, height: int | None = None, need_size: bool = False) -> PoseTrack:
    """Read landmarks.csv (or any CSV with a subset of the landmark columns) back into a track.

    Missing landmarks are NaN; without `t`, frames are taken 1/fps s apart; the image size comes from the
    arguments, else from video.json beside the file. Angles depend on it (x and y are fractions of the
    image's width and height), so with `need_size` a CSV without either is refused rather than measured
    as if the image were square. Values written as inf or nan are treated as missing and counted.
    """
    if not path.is_file():
        raise FormcheckError(f"{path}: no such landmarks file")
    w, h, fps = _image_size(path, width, height, need_size)
    header, rows = _rows(path)
    cols = {name.strip().lower(): i for i, name in enumerate(header)}
    known = [(j, c, cols[f"{n}_{c}"]) for j, n in enumerate(NAMES) for c in "xyzv" if f"{n}_{c}" in cols]
    if not any(c == "x" for _, c, _ in known):
        raise FormcheckError(f"{path}: no landmark columns found (expected names like left_hip_x, left_hip_y); "
                             "is this a formcheck landmarks CSV?")  # fmt: skip
    world_cols = [(j, c, cols[f"{n}_w{c}"]) for j, n in enumerate(NAMES) for c in "xyz" if f"{n}_w{c}" in cols]
    xyzv = np.full((len(rows), len(NAMES), 4), np.nan)
    world = np.full((len(rows), len(NAMES), 3), np.nan) if world_cols else None
    for r, row in enumerate(rows):
        for j, c, k in known:
            xyzv[r, j, "xyzv".index(c)] = _cell(path, header, row, r, k)
        for j, c, k in world_cols:
            world[r, j, "xyz".index(c)] = _cell(path, header, row, r, k)  # type: ignore[index]
    # A subset CSV without visibility columns: treat present landmarks as seen.
    has_v = {j for j, c, _ in known if c == "v"}
    for j in {j for j, c, _ in known if c == "x"} - has_v:
        xyzv[:, j, 3] = np.where(np.isfinite(xyzv[:, j, 0]), 1.0, np.nan)
    t = np.array([_cell(path, header, row, r, cols["t"]) for r, row in enumerate(rows)]) if "t" in cols else (
        np.arange(len(rows)) / fps)  # fmt: skip
    if "t" in cols and not (np.all(np.isfinite(t)) and np.all(np.diff(t) > 0)):
        raise FormcheckError(f"{path}: the t column must be increasing times in seconds")
    frame = np.array([int(float(row[cols["frame"]])) for row in rows]) if "frame" in cols else np.arange(len(rows))
    # inf, -inf or nan written as text: a value the tracker did not have. Treated as missing, and counted.
    bad = int(np.sum(np.isinf(xyzv)) + _nan_text(rows, [k for _, _, k in known]))
    xyzv[~np.isfinite(xyzv)] = np.nan
    if world is not None:
        world[~np.isfinite(world)] = np.nan
    return PoseTrack(t, frame, xyzv, w, h, world, fps, bad)


def _nan_text(rows: list[list[str]], columns: list[int]) -> int:
    return sum(1 for row in rows for k in columns if k < len(row) and row[k].strip().lower() == "nan")


def missing_joints(track: PoseTrack, joints: tuple[str, ...]) -> list[str]:
    """The joints (e.g. "knee") of which neither side has a single position in the track."""
    from formcheck.landmarks import side_landmark

    seen = np.isfinite(track.xyzv[:, :, 0]).any(axis=0)
    return [j for j in joints if not any(seen[side_landmark(s, j)] for s in ("left", "right"))]


def _cell(path: Path, header: list[str], row: list[str], r: int, k: int) -> float:
    cell = row[k] if k < len(row) else ""
    if not cell.strip():
        return math.nan
    try:
        return float(cell)
    except ValueError as exc:
        raise FormcheckError(f"{path}: line {r + 2}: '{cell}' in column {header[k]} is not a number") from exc
