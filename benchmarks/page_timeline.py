"""Where a page's load goes in the browser: a timeline of each page in a warm tab.

For every page of the page benchmark (same 2,000 × 8 org, same server as `make run`) and for
the empty page, a MutationObserver installed before the page's own scripts marks, in
milliseconds since the navigation started: the script starting to run on the server
(`running`), the first heading on screen (`heading`), the script done (`done`), the main
element's container in the page (`element`) and drawn (`drawn`, e.g. the chart's SVG). The
median of `--runs` new tabs of one browser is printed per page. It says whether the time
after the empty page's is the server's (running → done) or the browser's (done → drawn).

Run: `.venv/bin/python benchmarks/page_timeline.py --reuse` (a few minutes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_report import print_table
from browser_timing import VIEWPORT, launch, start_server, time_page_load
from page_bench import BUTTON, FLOOR_SCRIPT, PAGES, PERIOD, REPO, pick_teams, seed, url
from playwright.sync_api import sync_playwright

MARKS = ("running", "heading", "done", "element", "drawn")
OBSERVER = """
window.__marks = {};
const mark = (name) => { if (!(name in window.__marks)) window.__marks[name] = performance.now(); };
new MutationObserver(() => {
  const app = document.querySelector("[data-testid='stApp']");
  const state = app && app.getAttribute("data-test-script-state");
  if (state === "running") mark("running");
  if (state === "notRunning" && "running" in window.__marks) mark("done");
  if (document.querySelector("h1")) mark("heading");
  if (document.querySelector(ELEMENT)) mark("element");
  for (const drawn of document.querySelectorAll(DRAWN)) {
    const box = drawn.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) mark("drawn");
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def timeline(browser: Any, address: str, selector: str, runs: int) -> dict[str, float]:
    """Median milliseconds of each mark over `runs` warm tabs (after one load to warm up)."""
    element = selector.split(" ")[0]
    script = OBSERVER.replace("ELEMENT", repr(element)).replace("DRAWN", repr(selector))
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(script)
    seen: list[dict[str, float]] = []
    for index in range(runs + 1):
        load = time_page_load(browser, address, selector, context=context)
        load.page.wait_for_timeout(200)  # marks that land just after the wait
        if index:
            seen.append(load.page.evaluate("window.__marks"))
        load.page.close()
    context.close()
    return {
        mark: statistics.median(m[mark] for m in seen if mark in m)
        for mark in MARKS
        if any(mark in m for m in seen)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep/copy the seeded db in var/")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="page-timeline-") as folder, sync_playwright() as p:
        work = Path(folder)
        db = work / "bench.db"
        seed(db, args)
        teams = pick_teams(db)
        (work / "floor.py").write_text(FLOOR_SCRIPT)
        env = {"READINESS_DATABASE_URL": url(db), "READINESS_SEED_DEMO": "0"}
        floor = start_server(work / "floor.py", work / "floor.log", {}, work)
        app = start_server(REPO / "ui" / "server.py", work / "app.log", env, REPO)
        browser = launch(p)
        try:
            cases = [("empty page (floor)", floor.url, BUTTON)]
            for case in PAGES:
                address = f"{app.url}/{case.path}?period={PERIOD}&team={teams[case.team]}"
                cases.append((case.name, address, case.selector))
            for name, address, selector in cases:
                marks = timeline(browser, address, selector, args.runs)
                rows.append((name, *(f"{marks[m]:.0f}" if m in marks else "" for m in MARKS)))
                print(f"  {name}: {marks}", file=sys.stderr, flush=True)
        finally:
            browser.close()
            floor.stop()
            app.stop()
    print_table(("page", *(f"{m} ms" for m in MARKS)), rows, markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
