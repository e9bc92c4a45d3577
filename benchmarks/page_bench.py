"""Time every page in headless Chromium at 2,000 teams × 8 quarters, against an empty page.

Seeds `readiness demo --teams 2000 --units 40 --quarters 8` into a temporary SQLite file,
serves the app with `streamlit run app.py` and, in the same run, an empty one-line Streamlit
page (the floor). Each page gets a freshly started server: the first session is "cold" (every
cache empty, as after a deploy, in a new browser), then `--runs` new sessions are "warm"
(median): new tabs of the same browser, whose cache holds the app's static files as a
returning visitor's does (`--new-browser`: a new browser context each, nothing cached).
Also times
answering one question on the self-assessment page against a rerun of the empty page, writing
the whole org's review pack with `readiness report`, and the server's peak RSS (VmHWM) after
one server has served every page. Prints seconds and ratios to the floor.

Run: `.venv/bin/python benchmarks/page_bench.py` (`--markdown` for docs/performance.md;
`--reuse` keeps the seeded database in var/ for the next run, which copies it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_report import print_table
from browser_timing import (
    VIEWPORT,
    Server,
    launch,
    start_server,
    time_click,
    time_page_load,
    time_switch,
)
from playwright.sync_api import sync_playwright

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head

REPO = Path(__file__).resolve().parents[1]
PERIOD = "2026-Q4"
# The floor: an empty page with one button whose label counts the runs of the session.
FLOOR_SCRIPT = """import streamlit as st

runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
st.button(f"Rerun {runs}", key="rerun")
"""
BUTTON = "[data-testid='stButton']"
CHART = "[data-testid='stVegaLiteChart'] svg"


@dataclass(frozen=True)
class PageCase:
    """One page to time: its URL path and the element that shows it is ready."""

    name: str
    path: str
    selector: str
    team: str = "report_team"


PAGES = (
    PageCase("home", "", CHART),  # the default page
    PageCase("team report", "report", CHART),
    PageCase("self-assessment", "assessment", "[data-testid='stRadio']", "draft_team"),
    PageCase("org heatmap", "heatmap", CHART),
    PageCase("chains matrix", "chains", CHART),
    PageCase("quarterly review", "review", CHART),
)


@dataclass
class Timing:
    """Cold and warm seconds of one page, the WebSocket bytes of a load, its server's peak RSS."""

    name: str
    cold: float
    warm: list[float]
    rss_mib: float
    sent_kib: float

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm)


def seed(db: Path, args: argparse.Namespace) -> None:
    """Seed the demo org into `db` (copied from var/ when `--reuse` kept one)."""
    kept = REPO / "var" / f"page-bench-{args.teams}x{args.quarters}.db"
    if args.reuse and kept.exists():
        shutil.copy(kept, db)
        return
    started = time.perf_counter()
    readiness = Path(sys.executable).parent / "readiness"
    command = [str(readiness), "demo", "--teams", str(args.teams), "--units", str(args.units)]
    command += ["--quarters", str(args.quarters)]
    subprocess.run(command, check=True, env={**os.environ, "READINESS_DATABASE_URL": url(db)})
    print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
    if args.reuse:
        kept.parent.mkdir(exist_ok=True)
        shutil.copy(db, kept)


def url(db: Path) -> str:
    return f"sqlite:///{db}"


def pick_teams(db: Path) -> dict[str, str]:
    """A team that submitted in PERIOD (for its report), and a new draft on one that did not."""
    engine = make_engine(url(db))
    try:
        upgrade_to_head(engine)  # a database kept by `--reuse` may predate a migration
        service = ReadinessService(engine, load_content())
        snapshot = service.period_snapshot(PERIOD)
        report = next(t.team.slug for t in snapshot.teams if t.latest is not None)
        empty = next(t.team.slug for t in snapshot.teams if t.latest is None and not t.has_draft)
        service.open_draft(empty, PERIOD, actor="page-bench")
    finally:
        engine.dispose()
    return {"report_team": report, "draft_team": empty}


def measure(
    browser: Any,
    server: Server,
    address: str,
    selector: str,
    runs: int,
    name: str,
    *,
    new_browser: bool = False,
) -> Timing:
    """The first session (cold: new server, new browser), then `runs` new sessions (warm).

    Warm sessions are new tabs of the browser that made the first visit, so its cache holds
    the app's static files (served `immutable`) as a returning visitor's does; with
    `new_browser` each warm session gets a new browser context (nothing cached) instead.
    """
    first = browser.new_context(viewport=VIEWPORT)
    loads = []
    for index in range(runs + 1):
        fresh = new_browser and index > 0
        load = time_page_load(browser, address, selector, context=None if fresh else first)
        (load.page.context if fresh else load.page).close()
        loads.append(load)
    first.close()
    times = [load.seconds for load in loads]
    sent = loads[-1].websocket_bytes / 1024
    print(
        f"  {name}: cold {times[0]:.2f} s, warm {[round(t, 2) for t in times[1:]]},"
        f" {sent:,.0f} KiB over the WebSocket",
        flush=True,
    )
    return Timing(name, times[0], times[1:], server.peak_rss_mib(), sent)


def served(start: Callable[[], Server], work: Callable[[Server], Any]) -> Any:
    server = start()
    try:
        return work(server)
    finally:
        server.stop()


def answer_clicks(browser: Any, server: Server, teams: dict[str, str], runs: int) -> list[float]:
    """Seconds from clicking an answer until the draft shows it saved, one new question each."""
    address = f"{server.url}/assessment?period={PERIOD}&team={teams['draft_team']}"
    page = time_page_load(browser, address, "[data-testid='stRadio']").page
    total = len(load_content().questionnaire.questions)
    times = []
    for index in range(runs):
        radio = page.locator("[data-testid='stRadio']").nth(index)
        option = radio.locator("label").nth(2)
        text = f"{index + 1} of {total} questions answered"
        times.append(time_click(page, option, "[data-testid='stProgress']", text))
    page.context.close()
    return times


def floor_clicks(browser: Any, server: Server, runs: int) -> list[float]:
    """Seconds from clicking the empty page's button until its rerun shows the new count."""
    page = time_page_load(browser, server.url, BUTTON).page
    button = page.locator(f"{BUTTON} button")
    times = [time_click(page, button, BUTTON, f"Rerun {n + 2}") for n in range(runs)]
    page.context.close()
    return times


def switches(
    browser: Any, server: Server, teams: dict[str, str], runs: int
) -> dict[str, list[float]]:
    """Seconds from clicking a page's sidebar link until it is drawn, in one tab (one session,
    no new document: how people move between pages), each page `runs` times in turn.

    The team pages open on the report team (the sidebar remembers it); the self-assessment
    is left out: that team has submitted, so its page shows no questions to wait for.
    """
    cases = [case for case in PAGES if case.path != "assessment"]
    page = time_page_load(browser, f"{server.url}/?period={PERIOD}", CHART).page
    page.goto(f"{server.url}/report?period={PERIOD}&team={teams['report_team']}")
    times: dict[str, list[float]] = {case.name: [] for case in cases}
    for _ in range(runs + 1):  # the first round draws each page once in this tab
        for case in cases:
            times[case.name].append(time_switch(page, case.path, case.selector))
    page.context.close()
    return {name: seconds[1:] for name, seconds in times.items()}


def report_seconds(db: Path, out: Path) -> float:
    started = time.perf_counter()
    readiness = Path(sys.executable).parent / "readiness"
    subprocess.run(
        [str(readiness), "report", "--period", PERIOD, "--out", str(out)],
        check=True,
        env={**os.environ, "READINESS_DATABASE_URL": url(db)},
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def run(args: argparse.Namespace, work: Path) -> None:
    db = work / "bench.db"
    seed(db, args)
    teams = pick_teams(db)
    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR_SCRIPT)
    app_env = {"READINESS_DATABASE_URL": url(db), "READINESS_SEED_DEMO": "0"}

    startups: list[float] = []

    def app() -> Server:
        # As `make run` serves it: app.py behind ui/server.py, which warms up before healthy.
        server = start_server(REPO / "ui" / "server.py", work / "app.log", app_env, REPO)
        startups.append(server.ready_seconds)
        return server

    def floor() -> Server:
        return start_server(floor_script, work / "floor.log", {}, work)

    with sync_playwright() as playwright:
        browser = launch(playwright)

        def floor_loads(server: Server) -> Timing:
            fresh = args.new_browser
            url = server.url
            return measure(browser, server, url, BUTTON, args.runs, "floor", new_browser=fresh)

        floors = [served(floor, floor_loads)]
        pages: list[Timing] = []
        answers: list[float] = []
        for case in PAGES:
            address = f"/{case.path}?period={PERIOD}&team={teams[case.team]}"

            def work_on(server: Server, case: PageCase = case, address: str = address) -> Timing:
                timing = measure(
                    browser,
                    server,
                    server.url + address,
                    case.selector,
                    args.runs,
                    case.name,
                    new_browser=args.new_browser,
                )
                if case.path == "assessment":
                    answers.extend(answer_clicks(browser, server, teams, args.runs))
                return timing

            pages.append(served(app, work_on))
        floor_reruns = served(floor, lambda s: floor_clicks(browser, s, args.runs))
        floors.append(served(floor, floor_loads))

        def every_page(server: Server) -> float:
            for _ in range(2):
                for case in PAGES:
                    address = f"{server.url}/{case.path}?period={PERIOD}&team={teams[case.team]}"
                    time_page_load(browser, address, case.selector).page.context.close()
            return server.peak_rss_mib()

        peak = served(app, every_page)
        switched = served(app, lambda s: switches(browser, s, teams, args.runs))
        browser.close()
    report = report_seconds(db, work / "pack")
    print_results(floors, pages, answers, floor_reruns, peak, report, args)
    print_switches(switched, floors, floor_reruns, args)
    started, starts = statistics.median(startups), len(startups)
    print(f"app server start until healthy, warm-up included: {started:.1f} s (median of {starts})")


def print_results(
    floors: list[Timing],
    pages: list[Timing],
    answers: list[float],
    floor_reruns: list[float],
    peak: float,
    report: float,
    args: argparse.Namespace,
) -> None:
    cold_floor = statistics.mean(f.cold for f in floors)
    warm_floor = statistics.median([t for f in floors for t in f.warm])
    warm = "new browser contexts" if args.new_browser else "new tabs of the first browser"
    scale = f"{args.teams:,} teams × {args.quarters} quarters"
    print(f"\n{scale}; warm = median of {args.runs} {warm}\n")
    floor = ("empty page (floor)", f"{cold_floor:.2f}", "1.0×", f"{warm_floor:.2f}", "1.0×")
    rows = [(*floor, f"{floors[-1].sent_kib:,.0f}", "")]
    for p in pages:
        rows.append(
            (
                p.name,
                f"{p.cold:.2f}",
                f"{p.cold / cold_floor:.1f}×",
                f"{p.warm_median:.2f}",
                f"{p.warm_median / warm_floor:.1f}×",
                f"{p.sent_kib:,.0f}",
                f"{p.rss_mib:,.0f}",
            )
        )
    header = (
        "page",
        "cold s",
        "cold ÷ floor",
        "warm s",
        "warm ÷ floor",
        "sent KiB",
        "server peak RSS MiB",
    )
    print_table(header, rows, markdown=args.markdown)
    answer, rerun = statistics.median(answers), statistics.median(floor_reruns)
    print()
    print_table(
        ("interaction", "median s", "÷ empty-page rerun"),
        [
            ("empty page: button rerun (floor)", f"{rerun:.2f}", "1.0×"),
            ("self-assessment: answer one question", f"{answer:.2f}", f"{answer / rerun:.1f}×"),
        ],
        markdown=args.markdown,
    )
    print(f"\nserver peak RSS after serving every page twice: {peak:,.0f} MiB")
    print(f"readiness report (whole org, HTML + Markdown + CSV): {report:.1f} s")


def print_switches(
    switched: dict[str, list[float]],
    floors: list[Timing],
    floor_reruns: list[float],
    args: argparse.Namespace,
) -> None:
    warm_floor = statistics.median([t for f in floors for t in f.warm])
    rerun = statistics.median(floor_reruns)
    rows = [
        (
            name,
            f"{statistics.median(seconds):.2f}",
            f"{statistics.median(seconds) / warm_floor:.2f}×",
            f"{statistics.median(seconds) / rerun:.1f}×",
        )
        for name, seconds in switched.items()
    ]
    print()
    header = ("switch to (sidebar link, one tab)", "median s", "÷ floor load", "÷ floor rerun")
    print_table(header, rows, markdown=args.markdown)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3, help="warm sessions per page (median)")
    parser.add_argument("--reuse", action="store_true", help="keep/copy the seeded db in var/")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--new-browser",
        action="store_true",
        help="warm sessions in a new browser context each (no cached static files)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-bench-") as work:
        run(args, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
