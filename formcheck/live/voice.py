"""Spoken cues through espeak-ng (offline, Debian package) on a worker thread: the frame loop never waits."""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import threading

from formcheck.errors import FormcheckError


class Voice:
    """Says the newest cue; a cue that arrives while another is spoken replaces any waiting one."""

    def __init__(self, command: list[str] | None = None) -> None:
        exe = shutil.which("espeak-ng") or shutil.which("espeak")
        if command is None and exe is None:
            raise FormcheckError("voice needs espeak-ng: install it (apt install espeak-ng) or use --no-voice")
        self.command = command or [str(exe), "-s", "150"]
        self.muted = False
        self.spoken: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
        self._thread.start()

    def say(self, text: str) -> None:
        """Queue `text` (dropping a cue still waiting) and return at once."""
        if self.muted or not text:
            return
        with contextlib.suppress(queue.Empty):
            self._queue.get_nowait()  # a stale cue not yet spoken is replaced by the newer one
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(text)

    def toggle_mute(self) -> bool:
        """M: mute or unmute; returns whether muted."""
        self.muted = not self.muted
        return self.muted

    def _run(self) -> None:
        while True:
            text = self._queue.get()
            if text is None:
                return
            try:
                subprocess.run([*self.command, text], check=False, timeout=15,  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
                self.spoken.append(text)
            except (OSError, subprocess.TimeoutExpired):
                self.muted = True  # a broken audio device must not take the session down

    def close(self, wait_s: float = 0.0) -> None:
        """Stop after the cue being spoken."""
        with contextlib.suppress(queue.Full):
            self._queue.put(None, timeout=max(wait_s, 0.01))
        self._thread.join(timeout=wait_s)
