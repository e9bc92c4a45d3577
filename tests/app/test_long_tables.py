"""Long org tables are sent a page at a time, once opened: removals without sign-off at 150
teams."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assessments.demo.organisation import generate_demo_org
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from tests.app.conftest import CONTENT, DEMO_PERIOD, new_session

HEATMAP = "app_pages/org_heatmap.py"


def _unsigned(at: AppTest) -> pd.DataFrame:
    """The table of chains removed without sign-off (the one with Team and Chain columns)."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == ["Team", "Chain"])


@pytest.fixture
def big_org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    url = f"sqlite:///{tmp_path / 'big.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    demo = generate_demo_org(
        CONTENT.questionnaire, CONTENT.catalogue, teams=150, units=3, quarters=2,
        last_period=DEMO_PERIOD, seed=5,
    )  # fmt: skip
    seed_demo(ReadinessService(engine, CONTENT), demo)
    engine.dispose()
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    yield


def test_removals_without_sign_off_are_paged_fifty_at_a_time(big_org: None) -> None:
    at = new_session(HEATMAP, period=DEMO_PERIOD)
    assert not at.exception
    total = int(next(m for m in at.metric if "without sign-off" in m.label).value)
    assert total > 50  # the seeded org has more than one page of them
    assert not [d for d in at.dataframe if list(d.value.columns) == ["Team", "Chain"]]

    # The table is read and sent once its expander is opened.
    at.session_state["heatmap_track_unsigned_open"] = True
    at.run()
    pages = at.selectbox(key="heatmap_track_unsigned_page")
    assert len(_unsigned(at)) == 50
    assert pages.options[0] == f"Chains 1–50 of {total:,}"

    pages.select_index(len(pages.options) - 1).run()
    last = len(_unsigned(at))
    assert last == total - 50 * (len(pages.options) - 1)
    assert 1 <= last <= 50
