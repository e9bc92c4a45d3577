"""What each kind of element costs in the browser: the empty page, and the same page with one
more kind of element (a Vega-Lite chart, a table, a sidebar picker, ten radios, …), every page
served and timed in the same run.

The page benchmark's targets are ratios to an empty page; this shows how much of a page's
ratio one kind of element takes before any of the app's own work. Every page has its own
server, all of them up at once; one browser loads them in turns (round-robin), so a drift in
the machine's load reaches every page alike. The first round is cold (nothing cached), the
next `--runs` are new tabs of that browser (warm: static files cached, as for a returning
visitor). Prints seconds and ratios to the empty page.

Run: `.venv/bin/python benchmarks/chart_floor.py` (about two minutes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench_report import print_table
from browser_timing import VIEWPORT, Server, launch, start_server, time_page_load
from playwright.sync_api import sync_playwright

FLOOR = """import streamlit as st

st.button("Rerun", key="rerun")
"""
BUTTON = "[data-testid='stButton']"
FRAME = """import pandas as pd

teams = [f"Team {i}" for i in range(25)]
frame = pd.DataFrame({"Team": teams, "Level": [i % 5 for i in range(25)]})
"""
OPTIONS = '["0 · None", "1 · Some", "2 · Most", "3 · All", "Not applicable", "Don\'t know"]'
PAGES: dict[str, tuple[str, str]] = {
    "empty page (floor)": ("", BUTTON),
    "one Vega-Lite chart (3 bars)": (
        FRAME + 'st.bar_chart(frame.head(3), x="Team", y="Level", horizontal=True)\n',
        "[data-testid='stVegaLiteChart'] svg",
    ),
    "one interactive table (25 rows)": (
        FRAME + 'st.dataframe(frame, key="table", hide_index=True)\n',
        "[data-testid='stDataFrame'] canvas",
    ),
    "one static table (25 rows)": (FRAME + "st.table(frame)\n", "[data-testid='stTable']"),
    "a picker in the sidebar": (
        'st.sidebar.selectbox("Period", ["2026-Q4", "2026-Q3", "2026-Q2"])\n',
        "[data-testid='stSelectbox']",
    ),
    "three metrics": (
        "for column in st.columns(3):\n    column.metric('Submitted', '12 of 40', border=True)\n",
        "[data-testid='stMetric']",
    ),
    "ten radios with captions": (
        "for i in range(10):\n"
        f"    st.radio(f'Q{{i}}', {OPTIONS}, captions=['a level'] * 6, index=None,"
        " key=f'q{i}')\n",
        "[data-testid='stRadio']",
    ),
    "twenty Markdown blocks": (
        "for i in range(20):\n"
        "    st.markdown(f'**Item {i}**: a line with `code` and a [link](https://example.com)')\n",
        "[data-testid='stMarkdown']",
    ),
    "five tabs": (
        "tabs = st.tabs(['A', 'B', 'C', 'D', 'E'])\ntabs[0].write('x')\n",
        "[data-testid='stTab']",
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6, help="warm loads per page (median)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    with tempfile.TemporaryDirectory(prefix="chart-floor-") as folder, sync_playwright() as p:
        work = Path(folder)
        servers: dict[str, Server] = {}
        try:
            for index, (name, (source, _)) in enumerate(PAGES.items()):
                script = work / f"page{index}.py"
                script.write_text(FLOOR + source)
                servers[name] = start_server(script, work / f"page{index}.log", {}, work)
            browser = launch(p)
            context = browser.new_context(viewport=VIEWPORT)
            for round_ in range(args.runs + 1):
                for name, (_, selector) in PAGES.items():
                    # Round 0 is cold: each page in a new browser context, nothing cached.
                    load = time_page_load(
                        browser, servers[name].url, selector, context=context if round_ else None
                    )
                    (load.page if round_ else load.page.context).close()
                    times[name].append(load.seconds)
            browser.close()
        finally:
            for server in servers.values():
                server.stop()
    cold_floor, *warm_floor = times["empty page (floor)"]
    floor = statistics.median(warm_floor)
    rows = []
    for name, (cold, *warm) in times.items():
        median = statistics.median(warm)
        ratios = (f"{cold / cold_floor:.2f}×", f"{median:.2f}", f"{median / floor:.2f}×")
        rows.append((name, f"{cold:.2f}", *ratios, f"{median - floor:+.2f}"))
    header = ("page", "cold s", "÷ floor", "warm s", "÷ floor", "warm − floor s")
    print_table(header, rows, markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
