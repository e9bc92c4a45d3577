"""Pages after a questionnaire version change: old scores kept, the change named and marked."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # no stubs; Streamlit ships it
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.version_scenario import seed_two_versions, write_data_folder

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
HISTORY = "Pillar score"
"""The team history's value axis."""


def plain(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def chart_frames(at: AppTest, axis: str = "") -> list[pd.DataFrame]:
    """The rows of every Vega-Lite chart on the page whose spec names `axis`, per dataset.

    (AppTest sees no key on a chart without selections, so charts are told apart by an axis.)
    """
    charts = [c for c in at.get("vega_lite_chart") if axis in c.proto.spec]
    assert charts, f"no Vega-Lite chart with {axis!r} on the page"
    return [
        pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        for chart in charts
        for dataset in chart.proto.datasets
    ]


def rule_labels(at: AppTest, axis: str = "") -> list[str]:
    """The labels of the dotted rules drawn on the page's charts (version changes, baselines)."""
    return [
        label
        for frame in chart_frames(at, axis)
        if {"label", "side"} <= set(frame.columns)
        for label in frame["label"]
    ]


def open_page(page: str, period: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"tests": "local mode"}
    at.session_state["period"] = period
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'versions.db'}"
    seed_two_versions(url)
    monkeypatch.setenv("READINESS_DATA_DIR", str(write_data_folder(tmp_path / "data")))
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    monkeypatch.delenv("READINESS_CATALOGUE", raising=False)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")


def test_an_old_report_keeps_its_scores_and_says_which_version_it_used(two_versions):
    at = open_page("app_pages/team_report.py", "2026-Q3")
    assert [plain(i.value) for i in at.info][:1] == [
        "Answered on questionnaire mini version 1 (in force: mini version 2); scored on the"
        " version it was answered on."
    ]
    captions = [plain(c.value) for c in at.caption]
    # Version 1: BR-01 = 3 and BR-02 = 2 of 4 → 62.5; SK-01 = 1 of 2 and SK-02 = 1 of 1 → 75.
    assert "**Blast radius** — score 62.5 reaches level 3" in captions
    assert "**Skill** — score 75.0 reaches level 3" in captions


def test_the_history_maps_the_older_period_forward_and_marks_the_change(two_versions):
    at = open_page("app_pages/team_report.py", "2026-Q4")
    assert [i.value for i in at.info] == []
    at.session_state["report_tab"] = "History"
    at.run()
    assert rule_labels(at, HISTORY) == ["version 2 (earlier mapped)"]
    (points,) = [f for f in chart_frames(at, HISTORY) if "score" in f.columns]
    # Version 1 (2026-Q3) mapped forward: hollow markers; 2026-Q4 as answered.
    assert sorted(set(zip(points["period"], points["mapped"], strict=True))) == [
        ("2026-Q3", True),
        ("2026-Q4", False),
    ]
    assert set(points["stretch"]) == {0}
    assert (
        "From 2026-Q4 answers are on questionnaire version 2; earlier periods (version 1)"
        " are mapped forward through the migration map for comparison."
    ) in [plain(c.value) for c in at.caption]


@pytest.fixture
def two_versions_without_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'versions.db'}"
    seed_two_versions(url, with_map=False)
    folder = write_data_folder(tmp_path / "data", with_map=False)
    monkeypatch.setenv("READINESS_DATA_DIR", str(folder))
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    monkeypatch.delenv("READINESS_CATALOGUE", raising=False)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")


def review_text(at: AppTest) -> list[str]:
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def test_the_review_compares_through_the_map_and_marks_the_change(two_versions):
    at = open_page("app_pages/quarterly_review.py", "2026-Q4")
    shown = review_text(at)
    assert (
        "2026-Q3: 1 team answered on version 1; their answers are mapped forward to version 2"
        " through the migration map for comparison."
    ) in shown
    assert rule_labels(at) == ["version 2 (earlier mapped)"]


def test_without_a_map_the_review_breaks_the_series_instead_of_joining_it(
    two_versions_without_map,
):
    at = open_page("app_pages/quarterly_review.py", "2026-Q4")
    shown = review_text(at)
    assert (
        "2026-Q3: 1 team answered on version 1, which no map connects to version 2; they are"
        " left out of the comparison rather than compared across two scales."
    ) in shown
    assert rule_labels(at) == ["version 2: series breaks"]
    (trend,) = [f for f in chart_frames(at) if "stretch" in f.columns]
    # Each line is two stretches: 2026-Q3 before the break, 2026-Q4 after it.
    assert sorted(set(zip(trend["period"], trend["stretch"], strict=True))) == [
        ("2026-Q3", 0),
        ("2026-Q4", 1),
    ]


def test_prefill_across_the_change_says_what_was_carried_mapped_or_needs_a_fresh_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    url = f"sqlite:///{tmp_path / 'versions.db'}"
    seed_two_versions(url, answer_q4=False)
    monkeypatch.setenv("READINESS_DATA_DIR", str(write_data_folder(tmp_path / "data")))
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    at = open_page("app_pages/self_assessment.py", "2026-Q4")

    at.button(key="start_prefilled").click().run()

    assert not at.exception
    assert [plain(i.value) for i in at.info][:1] == [
        "From 2026-Q3: 1 carried, 2 mapped to this questionnaire, 1 needs a fresh answer."
    ]
    tables = [d.value for d in at.dataframe if "What happened" in d.value.columns]
    fates = tables[0].to_dict("records")
    assert fates == [
        {
            "Question": "BR-01",
            "What happened": "mapped",
            "Last time": "BR-01 = 3 (Enforced)",
            "Now": "BR-01 = 1 (Partly)",
            "Why": "",
        },
        {
            "Question": "BR-12",
            "What happened": "mapped",
            "Last time": "BR-02 = 2 (Documented)",
            "Now": "BR-12 = 2 (Documented)",
            "Why": "",
        },
        {
            "Question": "SK-02",
            "What happened": "carried",
            "Last time": "SK-02 = 1 (Ad hoc)",
            "Now": "SK-02 = 1 (Ad hoc)",
            "Why": "",
        },
        {
            "Question": "SK-03",
            "What happened": "needs a fresh answer",
            "Last time": "",
            "Now": "",
            "Why": "new question",
        },
    ]
