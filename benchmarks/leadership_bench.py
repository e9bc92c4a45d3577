"""Time the leadership views on a large organisation, on SQLite and on PostgreSQL.

Builds a demo organisation (default 2,000 teams × 8 quarters) into a fresh database per
backend and prints, per backend: seeding, loading one period and the whole history, org
scoring, building the quarterly review, the AppTest render of each leadership page (cold data
cache, then warm), the tracemalloc peak of each Python-side step and the process's max RSS.

Run: `.venv/bin/python benchmarks/leadership_bench.py` (`--markdown` for docs/performance.md).
Each backend runs in a fresh process, so caches and max RSS start clean. PostgreSQL comes from
`READINESS_BENCH_POSTGRES_URL` (default: the local `test` database), in a schema created for
the run and dropped after; it is skipped, with the reason, when the server is unreachable.
Exits 1 if a page raises or does not render.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import streamlit as st
from bench_report import BackendReport, print_report, print_summary, shown
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import Content, load_content
from assessments.demo.organisation import generate_demo_org
from assessments.periods import period_sequence, previous_period
from assessments.reports.org_table import period_table, score_history
from assessments.service.quarterly_review import build_review
from assessments.service.readiness import ReadinessService
from assessments.settings import DATABASE_URL_ENV
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from scoring.vectorised import score_org
from ui import resources

APP = Path(__file__).resolve().parents[1] / "app.py"
POSTGRES_URL_ENV = "READINESS_BENCH_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgres")
LAST_PERIOD = "2026-Q4"
RENDER_TIMEOUT = 300
MIB = 1024 * 1024
LEADERSHIP_PAGES = (
    ("org heatmap", "app_pages/org_heatmap.py", "Org heatmap"),
    ("chains matrix", "app_pages/chains_matrix.py", "Approval chains across teams"),
    ("quarterly review", "app_pages/quarterly_review.py", "Quarterly review"),
)
T = TypeVar("T")


class BenchmarkError(Exception):
    """A page raised or did not render what it should; its timing would mean nothing."""


@dataclass(frozen=True)
class Config:
    """What to build, where, and which period to load, score and render."""

    backend: str
    url: str
    teams: int
    units: int
    quarters: int
    period: str
    seed: int


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each backend in its own process and print its table, then the summary."""
    parser = _parser()
    args = parser.parse_args(argv)
    periods = period_sequence(LAST_PERIOD, args.quarters)
    if args.period not in periods:
        parser.error(f"--period must be one of {', '.join(periods)}; got {args.period}")
    started = time.perf_counter()
    reports = []
    for backend in args.backends:
        with _fresh_database(backend) as url:
            if url is None:
                continue
            config = Config(
                backend, url, args.teams, args.units, args.quarters, args.period, args.seed
            )
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                try:
                    report = pool.submit(run_backend, config).result()
                except BenchmarkError as error:
                    print(f"{backend}: FAILED: {error}", file=sys.stderr)
                    return 1
        reports.append(report)
        print_report(report, config.url, config.period, markdown=args.markdown)
    if len(reports) > 1:
        print_summary(reports, markdown=args.markdown)
    print(f"whole run: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


def run_backend(config: Config) -> BackendReport:
    """Seed the organisation into `config.url`, then time reads, scoring and page renders."""
    os.environ[DATABASE_URL_ENV] = config.url
    os.environ["READINESS_SEED_DEMO"] = "0"
    report = BackendReport(config.backend)
    content = load_content()
    service = _seeded_service(config, content, report)
    _measure_reads(config, content, service, report)
    service.engine.dispose()
    _measure_pages(config, report)
    resources.service().engine.dispose()
    return report


def _seeded_service(config: Config, content: Content, report: BackendReport) -> ReadinessService:
    _progress(config, f"generating {config.teams:,} teams × {config.quarters} quarters")
    org = _timed_step(
        report,
        "generate demo org",
        lambda: generate_demo_org(
            content.questionnaire,
            content.catalogue,
            teams=config.teams,
            units=config.units,
            quarters=config.quarters,
            last_period=LAST_PERIOD,
            seed=config.seed,
        ),
        traced=False,
    )
    engine = make_engine(config.url)
    _timed_step(report, "migrate empty schema", lambda: upgrade_to_head(engine), traced=False)
    service = ReadinessService(engine, content)
    _progress(config, f"seeding {len(org.assessments):,} assessments")
    # Seeding runs once (a second seed would collide with the first): RSS shows its memory.
    summary = _timed_step(report, "seed (seed_demo)", lambda: seed_demo(service, org), traced=False)
    report.counts.update(summary.__dict__)
    return service


def _measure_reads(
    config: Config, content: Content, service: ReadinessService, report: BackendReport
) -> None:
    rubric, chains = content.rubric, content.scoring_catalogue
    _progress(config, f"loading and scoring {config.period} and the history")
    snapshot = _timed_step(
        report, "load period (period_snapshot)", lambda: service.period_snapshot(config.period)
    )
    history = _timed_step(report, "load history (org_history)", service.org_history)
    period_ids = [t.latest.id for t in snapshot.submitted if t.latest is not None]
    history_ids = history.assessments["assessment_id"].tolist()
    report.counts["period_submissions"] = len(period_ids)
    report.counts["history_submissions"] = len(history_ids)
    _timed_step(
        report,
        "score_org (period)",
        lambda: score_org(
            rubric, chains, snapshot.answers, snapshot.removed, assessment_ids=period_ids
        ),
    )
    _timed_step(
        report,
        "score_org (history)",
        lambda: score_org(
            rubric, chains, history.answers, history.removed, assessment_ids=history_ids
        ),
    )
    table = period_table(snapshot, rubric, chains)
    previous = period_table(service.period_snapshot(previous_period(config.period)), rubric, chains)
    scored = score_history(history, rubric, chains)
    _timed_step(
        report,
        "build_review (whole org)",
        lambda: build_review(content, table, previous, scored, period=config.period),
    )


def _timed_step(
    report: BackendReport, name: str, run: Callable[[], T], *, traced: bool = True
) -> T:
    """Time `run`; if `traced`, run it again under tracemalloc (which slows it) for its peak."""
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    peak = None
    if traced:
        tracemalloc.start()
        try:
            run()
            peak = tracemalloc.get_traced_memory()[1] / MIB
        finally:
            tracemalloc.stop()
    report.record(name, seconds, peak)
    return result


def _measure_pages(config: Config, report: BackendReport) -> None:
    _progress(config, "rendering the leadership pages with AppTest")
    report.record("app start (team report)", _render(config.period, None, "Team report"))
    for name, page, title in LEADERSHIP_PAGES:
        # Cold: nothing cached but the engine and the content, as after a deploy.
        with _bare_mode():
            st.cache_data.clear()
        report.record(f"{name}: cold", _render(config.period, page, title))
        report.record(f"{name}: warm", _render(config.period, page, title))


def _render(period: str, page: str | None, title: str) -> float:
    """Seconds a new session takes to render `page` (only the switch to it is timed), or the
    default page; BenchmarkError unless it shows `title` to the local admin without error."""
    with _bare_mode():
        at = AppTest.from_file(str(APP), default_timeout=RENDER_TIMEOUT)
        at.session_state["period"] = period
    started = time.perf_counter()
    at.run()
    if page is not None:
        started = time.perf_counter()
        at.switch_page(page).run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise BenchmarkError(f"{title}: " + "; ".join(e.message for e in at.exception))
    who = at.session_state["_principal"]
    if not who.is_admin:
        raise BenchmarkError(f"{title}: rendered for {who.describe()}, not the local admin")
    shown = [t.value for t in at.title]
    if shown[:1] != [title]:
        raise BenchmarkError(f"{title}: the page shows {shown}; warnings {at.warning.values}")
    if page is not None and not at.get("arrow_vega_lite_chart"):
        raise BenchmarkError(f"{title}: no chart rendered")
    return seconds


@contextmanager
def _bare_mode() -> Iterator[None]:
    """Silence the warnings Streamlit logs for every call made outside a script run."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


@contextmanager
def _fresh_database(backend: str) -> Iterator[str | None]:
    """A URL to an empty database: a temporary SQLite file or a new PostgreSQL schema (dropped
    afterwards); None, with the reason printed, when PostgreSQL is unreachable."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="leadership-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'readiness.db'}"
        return
    url = os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL
    admin = create_engine(url, connect_args={"connect_timeout": 3})
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        print(f"postgres: skipped, {shown(url)} is not reachable: {error.orig}", file=sys.stderr)
        admin.dispose()
        yield None
        return
    try:
        yield admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _progress(config: Config, message: str) -> None:
    print(f"{config.backend}: {message}…", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--teams", type=_positive, default=2000)
    parser.add_argument("--units", type=_positive, default=40)
    parser.add_argument("--quarters", type=_positive, default=8)
    parser.add_argument(
        "--backends",
        type=_backends,
        default=list(BACKENDS),
        help="comma-separated, from sqlite,postgres (default both)",
    )
    parser.add_argument(
        "--period", default=LAST_PERIOD, help="the period to load and render (default the last)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    return parser


def _backends(text_: str) -> list[str]:
    names = [name.strip() for name in text_.split(",") if name.strip()]
    unknown = sorted(set(names) - set(BACKENDS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose from {','.join(BACKENDS)}; got {text_!r}")
    return names


def _positive(text_: str) -> int:
    value = int(text_)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more; got {value}")
    return value


if __name__ == "__main__":
    sys.exit(main())
