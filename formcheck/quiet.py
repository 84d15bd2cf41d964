"""Keep the native libraries' log lines (MediaPipe, TFLite, glog) out of the user's terminal.

They write straight to file descriptor 2 from C++, past Python. Unless --verbose, descriptor 2 is pointed at
/dev/null and Python's own stderr is moved to a copy of the terminal's, so formcheck's messages still show.
"""

from __future__ import annotations

import os
import sys

_done = False


def quiet_native_logs() -> None:
    """Silence descriptor 2 for native code, keep sys.stderr on the terminal (once per process)."""
    global _done
    if _done:
        return
    _done = True
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.stderr.flush()
    terminal = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stderr = os.fdopen(terminal, "w", buffering=1, encoding=sys.stderr.encoding, errors="backslashreplace")
