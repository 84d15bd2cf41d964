"""Headless Chromium (Debian's `chromium`): print a report to PDF, or open it over the DevTools protocol
to check it the way a reader's browser sees it (console errors, network requests, DOM, screenshot)."""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from formcheck.errors import FormcheckError

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync")  # fmt: skip


def find() -> str:
    """The Chromium executable, or a clear error saying how to get it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise FormcheckError("--pdf needs Chromium: install it (apt install chromium) or print the HTML from a browser")


def print_pdf(html: Path, pdf: Path, timeout_s: float = 120.0) -> None:
    """Render `html` to `pdf` with the page's print stylesheet."""
    exe = find()
    with tempfile.TemporaryDirectory(prefix="formcheck-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf.resolve()}", html.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)  # noqa: S603
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise FormcheckError(f"Chromium could not print {html} to PDF: {done.stderr.strip()[-200:]}")


@dataclass
class PageCheck:
    """What happened while a page loaded."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for (data: URLs excluded)


class Browser:
    """A headless Chromium with a fresh profile, driven over the DevTools protocol (needs websocket-client)."""

    def __init__(self, width: int = 1100, height: int = 1400) -> None:
        import websocket  # dev dependency: only tests and screenshots drive the browser

        self._profile = tempfile.TemporaryDirectory(prefix="formcheck-chromium-")
        self._proc = subprocess.Popen(  # noqa: S603
            [find(), *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self._proc.poll() is not None:
                self.close()
                raise FormcheckError("Chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self._ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=60, suppress_origin=True)
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and wait for its answer (events arriving meanwhile are kept)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        self._ws.send(json.dumps(message))
        while True:
            reply = json.loads(self._ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise FormcheckError(f"Chromium: {method}: {reply['error'].get('message')}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def _wait_for(self, method: str, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise FormcheckError(f"Chromium: no {method} within {timeout_s:.0f} s")
            self.events.append(json.loads(self._ws.recv()))

    def open(self, path: Path) -> PageCheck:
        """Load a local file and report console errors and requests made while it loaded."""
        self.events.clear()
        url = path.resolve().as_uri()
        self.call("Page.navigate", session=True, url=url)
        self._wait_for("Page.loadEventFired")
        self.evaluate("new Promise(r => setTimeout(r, 300))")  # late requests and errors
        check = PageCheck()
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.consoleAPICalled" and p.get("type") == "error":
                check.console_errors.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif e.get("method") == "Runtime.exceptionThrown":
                check.console_errors.append(p["exceptionDetails"].get("text", "exception"))
            elif e.get("method") == "Log.entryAdded" and p["entry"]["level"] == "error":
                check.console_errors.append(p["entry"]["text"])
            elif e.get("method") == "Network.requestWillBeSent":
                req = p["request"]["url"]
                if not req.startswith("data:") and req != url:
                    check.requests.append(req)
        return check

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)  # fmt: skip
        return result.get("result", {}).get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        """A PNG of the viewport (or of the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                                "scale": 1})  # fmt: skip
        data = self.call("Page.captureScreenshot", session=True, **params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Quit the browser and remove its profile."""
        ws = getattr(self, "_ws", None)
        if ws is not None:
            with contextlib.suppress(OSError):
                ws.close()
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
        self._profile.cleanup()
