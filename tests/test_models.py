"""Pose model bundles: metadata writing, reproducible build, clear errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from formcheck.errors import FormcheckError
from formcheck.models import install as installer
from formcheck.models import sources
from formcheck.models.paths import model_path
from formcheck.models.tflite_metadata import has_metadata, with_image_metadata


def test_unknown_variant() -> None:
    with pytest.raises(FormcheckError, match="choose one of lite, full, heavy"):
        model_path("medium")


def test_installed_model_matches_its_recorded_sha256(full_model: str) -> None:
    import json

    path = model_path(full_model)
    record = json.loads((path.parent / "installed.json").read_text())["full"]
    assert sources.sha256(path.read_bytes()) == record["sha256"]
    with zipfile.ZipFile(path) as bundle:
        assert set(bundle.namelist()) == {"pose_detector.tflite", "pose_landmarks_detector.tflite"}
        assert has_metadata(bundle.read("pose_landmarks_detector.tflite"))


def test_build_from_cached_npm_package_is_reproducible(full_model: str, tmp_path: Path) -> None:
    cache = model_path(full_model).parent / ".cache"
    if not list(cache.glob("mediapipe-pose-*.tgz")):
        pytest.skip("no cached npm package (the model came from the official download)")
    raw = sources.from_npm("lite", cache)
    assert not has_metadata(raw.landmarker)
    assert has_metadata(with_image_metadata(raw.landmarker, "x", 0.0, 255.0))
    built = installer.build_bundle(raw)
    assert sources.sha256(built) == installer.BUILT_SHA256[(raw.origin, "lite")]
    result = installer.install("lite", target_dir=tmp_path, offline=True, log=lambda _: None)
    assert result.sha256 == installer.BUILT_SHA256[(raw.origin, "lite")]
