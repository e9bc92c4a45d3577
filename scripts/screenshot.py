"""Take full-page screenshots of the running app in headless Chromium (for looking at pages).

Usage: [SCREENSHOT_HEIGHT=3000] .venv/bin/python scripts/screenshot.py URL OUT.png [URL OUT.png ...]
"""

from __future__ import annotations

import os
import sys

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def main(argv: list[str]) -> int:
    pairs = list(zip(argv[::2], argv[1::2], strict=True))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=ARGS
        )
        # Streamlit scrolls inside its own container, so a tall viewport shows the whole page.
        height = int(os.environ.get("SCREENSHOT_HEIGHT", "1000"))
        page = browser.new_page(viewport={"width": 1400, "height": height})
        for url, out in pairs:
            page.goto(url)
            page.wait_for_selector(IDLE, timeout=60_000)
            page.wait_for_timeout(3000)
            page.screenshot(path=out, full_page=True)
            print(out)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
