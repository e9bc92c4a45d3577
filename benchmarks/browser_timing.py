"""What the page benchmark measures in a browser: a served app, a page load, an answer click.

A page load is timed inside the page, from the navigation's start (`performance.now()` counts
from it) until Streamlit's script is done (`data-test-script-state='notRunning'`) and the
page's main element is visible. A click is timed from the click until a marker of the finished
rerun is visible and the script is done.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 120_000

# True once the script is done and the selector's first match has a visible box; returns the
# milliseconds since the navigation started.
_DONE = """
([selector, text]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stException']")) return -1;
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && (!text || element.innerText.includes(text))) {
      return performance.now();
    }
  }
  return false;
}
"""


@dataclass
class Server:
    """A `streamlit run` process on a free port."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    ready_seconds: float = 0.0
    """From launch until /_stcore/health answered ok (start-up and any warm-up)."""

    def peak_rss_mib(self) -> float:
        """The process's peak resident set size so far (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc; Linux only")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(script: Path, log: Path, env: dict[str, str], cwd: Path) -> Server:
    """`streamlit run script` on a free port; returns once /_stcore/health answers ok."""
    port = free_port()
    launched = time.monotonic()
    options = {
        "server.port": str(port),
        "server.headless": "true",
        "browser.gatherUsageStats": "false",
        "server.fileWatcherType": "none",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            *("-m", "streamlit", "run", str(script)),
            *(part for name, value in options.items() for part in (f"--{name}", value)),
        ],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return Server(url, process, log, time.monotonic() - launched)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')}")


class PageFailed(RuntimeError):
    """The page raised (Streamlit shows an exception) or never showed its main element."""


@dataclass
class PageLoad:
    """One timed page load: seconds, bytes the server sent over the WebSocket, the open page."""

    seconds: float
    websocket_bytes: int
    page: Any


def time_page_load(
    browser: Any, url: str, selector: str, text: str = "", context: Any = None
) -> PageLoad:
    """Seconds from navigation to done, in a new tab (a new Streamlit session).

    The tab opens in `context` when given (a returning visitor: the browser's cache holds
    the app's static files), else in a new browser context (a first visit), which the caller
    closes (`load.page.context.close()`).
    """
    if context is None:
        context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    received = [0]

    def count(payload: str | bytes) -> None:
        received[0] += len(payload)

    page.on("websocket", lambda socket: socket.on("framereceived", count))
    page.goto(url, wait_until="commit")
    milliseconds = _wait_done(page, selector, text)
    return PageLoad(milliseconds / 1000, received[0], page)


def time_click(page: Any, target: Any, selector: str, text: str) -> float:
    """Seconds from clicking `target` until `selector` shows `text` and the script is done."""
    target.scroll_into_view_if_needed()
    started = time.perf_counter()
    target.click()
    _wait_done(page, selector, text)
    return time.perf_counter() - started


# True once the URL's path ends with `path`, the script is done and an element matching the
# selector that was not on the page before the click (not marked `data-bench-old`) is visible.
_SWITCHED = """
([path, selector]) => {
  if (!window.location.pathname.endsWith(path)) return false;
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stException']")) return -1;
  for (const element of document.querySelectorAll(selector)) {
    if (element.hasAttribute("data-bench-old")) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
}
"""


def time_switch(page: Any, path: str, selector: str) -> float:
    """Seconds from clicking the sidebar's link to the page at `path` (one tab, one session:
    no new document) until that page's main element is drawn and its script is done."""
    page.locator(selector).evaluate_all(
        "els => els.forEach(e => e.setAttribute('data-bench-old', ''))"
    )
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']")
    started = time.perf_counter()
    link.click()
    handle = page.wait_for_function(_SWITCHED, arg=[f"/{path}", selector], polling="raf")
    if handle.json_value() == -1:
        detail = page.locator("[data-testid='stException']").first.inner_text()
        raise PageFailed(f"{page.url} raised:\n{detail}")
    return time.perf_counter() - started


def _wait_done(page: Any, selector: str, text: str) -> float:
    handle = page.wait_for_function(_DONE, arg=[selector, text], polling="raf")
    value = float(handle.json_value())
    if value < 0:
        detail = page.locator("[data-testid='stException']").first.inner_text()
        raise PageFailed(f"{page.url} raised:\n{detail}")
    return value


def launch(playwright: Any) -> Any:
    """Debian's headless Chromium (Playwright cannot download one here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
