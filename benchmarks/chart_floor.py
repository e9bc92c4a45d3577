"""What one chart and one table cost in the browser: an empty page, the same page with one
Vega-Lite chart, and with one table, each served and timed in the same run.

The page benchmark's targets are ratios to an empty page; this shows how much of a page's
ratio one chart, or one table, takes before any of the app's own work. Each page gets its
own server; the first load is cold (new browser context), the next `--runs` are new tabs of
that browser (warm, static files cached). Prints seconds and ratios to the empty page.

Run: `.venv/bin/python benchmarks/chart_floor.py` (about a minute).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench_report import print_table
from browser_timing import VIEWPORT, launch, start_server, time_page_load
from playwright.sync_api import sync_playwright

BUTTON = """import streamlit as st

st.button("Rerun", key="rerun")
"""
PAGES = {
    "empty page (floor)": (BUTTON, "[data-testid='stButton']"),
    "one Vega-Lite chart": (
        BUTTON
        + """import pandas as pd

frame = pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 2, 3]})
st.bar_chart(frame, x="x", y="y", horizontal=True)
""",
        "[data-testid='stVegaLiteChart'] svg",
    ),
    "one table": (
        BUTTON
        + """import pandas as pd

frame = pd.DataFrame({"Team": ["a", "b", "c"], "Level": [1, 2, 3]})
st.dataframe(frame, key="table", hide_index=True)
""",
        "[data-testid='stDataFrame'] canvas",
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm loads per page (median)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="chart-floor-") as folder, sync_playwright() as p:
        work = Path(folder)
        browser = launch(p)
        for index, (name, (source, selector)) in enumerate(PAGES.items()):
            script = work / f"page{index}.py"
            script.write_text(source)
            server = start_server(script, work / f"page{index}.log", {}, work)
            context = browser.new_context(viewport=VIEWPORT)
            times = []
            try:
                for _ in range(args.runs + 1):
                    load = time_page_load(browser, server.url, selector, context=context)
                    load.page.close()
                    times.append(load.seconds)
            finally:
                context.close()
                server.stop()
            results[name] = (times[0], statistics.median(times[1:]))
            print(f"  {name}: {[round(t, 2) for t in times]}", file=sys.stderr, flush=True)
        browser.close()
    cold_floor, warm_floor = results["empty page (floor)"]
    rows = [
        (
            name,
            f"{cold:.2f}",
            f"{cold / cold_floor:.1f}×",
            f"{warm:.2f}",
            f"{warm / warm_floor:.1f}×",
        )
        for name, (cold, warm) in results.items()
    ]
    print_table(("page", "cold s", "÷ floor", "warm s", "÷ floor"), rows, markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
