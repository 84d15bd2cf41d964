#!/usr/bin/env bash
# Set formcheck up in .venv: the package, its tools and the pose models (lite and full).
# With --demo, then analyse a shipped sample video and print the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/formcheck models install --variant full
.venv/bin/formcheck models install --variant lite
if [ "${1:-}" = "--demo" ]; then
  sample=sample_videos/squat_side.mp4
  .venv/bin/formcheck analyze "$sample" --exercise squat --out out/demo --annotate
fi
