"""The architecture as the README states it: layers that only point down, small modules and functions."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "formcheck"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("module", ["formcheck.engine.engine", "formcheck.kinematics.stream", "formcheck.session.core"])
def test_core_loads_neither_cv2_nor_mediapipe(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in ('cv2', 'mediapipe') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _imports(path: object) -> set[str]:
    tree = ast.parse(open(path).read())  # noqa: SIM115
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_layers_only_point_down() -> None:
    rules = {  # package → what it must not import
        "draw": ("formcheck.session.coach", "formcheck.live"),
        "io": ("formcheck.kinematics", "formcheck.live", "formcheck.pipeline", "cv2", "mediapipe"),
        "engine": ("formcheck.session", "formcheck.io", "formcheck.live", "cv2", "mediapipe"),
        "kinematics": ("formcheck.engine", "formcheck.session", "cv2", "mediapipe"),
        "session": ("formcheck.live", "formcheck.pipeline", "formcheck.io", "cv2", "mediapipe"),
    }
    for package, banned in rules.items():
        for path in (PACKAGE / package).glob("*.py"):
            bad = [m for m in _imports(path) if m.startswith(banned)]
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
    # mediapipe is imported at module level by the pose stage only (the model builder imports it where used)
    for path in PACKAGE.rglob("*.py"):
        top = ast.parse(path.read_text()).body
        modules = {n.module for n in top if isinstance(n, ast.ImportFrom) and n.module}
        modules |= {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
        if any(m.split(".")[0] == "mediapipe" for m in modules):
            assert path.name == "estimator.py", path


def test_modules_and_functions_are_small() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        assert text.count("\n") <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= MAX_FUNCTION_LINES, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length}"


def test_no_untyped_dicts_in_the_core_public_signatures() -> None:
    for package in ("engine", "kinematics", "session"):
        for path in (PACKAGE / package).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    signature = ast.unparse(node.args) + " -> " + (ast.unparse(node.returns) if node.returns else "")
                    assert "dict[str, Any]" not in signature, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
