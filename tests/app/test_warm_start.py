"""The server's warm-up scores the org pages before the first visitor: that visitor's review
and heatmap read no assessments from the database (without the warm-up they read them all)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import streamlit as st
from sqlalchemy import event

from assessments.demo.records import DemoOrg
from tests.app.conftest import DEMO_PERIOD, new_session
from ui import org_data, resources


@pytest.fixture
def assessment_reads(demo_org: DemoOrg) -> Iterator[list[str]]:
    """The app's reads of stored assessments: every period snapshot and history read asks for
    their removed chains (the answers go through the driver, past SQLAlchemy's events)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    engine = resources.service().engine
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM chain_states" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize(
    "page",
    ["app_pages/quarterly_review.py", "app_pages/org_heatmap.py", "app_pages/chains_matrix.py"],
)
def test_the_first_visit_after_a_warm_start_reads_no_assessments(
    assessment_reads: list[str], page: str
) -> None:
    org_data.warm_up(DEMO_PERIOD)
    warmed = len(assessment_reads)
    at = new_session(page, period=DEMO_PERIOD)
    assert not at.exception
    titles = {"quarterly_review": "Quarterly review", "org_heatmap": "Org heatmap"}
    assert [t.value for t in at.title] == [titles.get(page[10:-3], "Approval chains across teams")]
    assert warmed > 0
    assert assessment_reads[warmed:] == []


def test_without_a_warm_up_the_first_visit_scores_the_history(
    assessment_reads: list[str],
) -> None:
    at = new_session("app_pages/quarterly_review.py", period=DEMO_PERIOD)
    assert not at.exception
    assert len(assessment_reads) >= 2  # the period's and every period's (the history)


def test_a_quarter_without_assessments_is_not_scored_at_start(assessment_reads: list[str]) -> None:
    org_data.warm_up("2031-Q1")
    assert assessment_reads == []
