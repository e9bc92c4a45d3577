"""Real-browser fixtures: `streamlit run app.py` on a free port, driven by headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing but REQUIRE_BROWSER is set (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing; set REQUIRE_BROWSER=1 to make this a failure")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running `streamlit run app.py`; its log is printed if a test fails."""

    def __init__(self, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.process = process
        self.log = log

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(database_url: str, tmp_path: Path, *, seed_demo: bool = False) -> Server:
    """Start the app on a free port and wait until /_stcore/health answers ok."""
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {
        **os.environ,
        "READINESS_DATABASE_URL": database_url,
        "READINESS_SEED_DEMO": "1" if seed_demo else "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')}")


def one_team_database(tmp_path: Path) -> tuple[str, Engine, ReadinessService]:
    """A SQLite database at the current schema holding one unit (Payments) with one team
    (checkout-web): its URL, engine (the caller disposes it) and a service on it."""
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, load_content())
    service.create_unit("payments", "Payments", actor="e2e")
    service.create_team("checkout-web", "Checkout Web", "payments", actor="e2e")
    return url, engine, service


@contextmanager
def serving(
    database_url: str, tmp_path: Path, request: pytest.FixtureRequest | None = None
) -> Iterator[Server]:
    """The app served for the block; stopped after it, its log printed if the test failed."""
    running = start_server(database_url, tmp_path)
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)
        report = None if request is None else getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            print(running.log_text())


@pytest.fixture
def browser_page(request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh headless Chromium page (Debian's chromium, driven by Playwright)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        try:
            yield page
        finally:
            browser.close()


def wait_until_idle(page: Page) -> None:
    """Wait until the Streamlit script run triggered by the last action has finished."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    page.wait_for_timeout(200)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Remember each phase's report on the test item, so fixtures can see a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
