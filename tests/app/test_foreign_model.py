"""Every page over an organisation's own maturity model (data/examples/agent-samm)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.service.content_versions import put_in_force
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from assessments.storage.store import utc_now

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
SAMM = REPO / "data" / "examples" / "agent-samm"
PERIOD = "2026-Q3"
PAGES = (
    "app_pages/self_assessment.py",
    "app_pages/team_report.py",
    "app_pages/org_heatmap.py",
    "app_pages/chains_matrix.py",
    "app_pages/quarterly_review.py",
    "app_pages/admin.py",
)


@pytest.fixture
def samm_org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadinessService]:
    """A demo org answered on the agent-samm model, which is in force."""
    monkeypatch.setenv("READINESS_DATA_DIR", str(SAMM))
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    monkeypatch.delenv("READINESS_CATALOGUE", raising=False)
    url = f"sqlite:///{tmp_path / 'samm.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    content = load_content()
    put_in_force(engine, content, utc_now)
    demo = generate_demo_org(
        content.questionnaire,
        content.catalogue,
        teams=6,
        units=2,
        quarters=2,
        last_period=PERIOD,
        seed=3,
    )
    service = ReadinessService(engine, content)
    seed_demo(service, demo)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    yield service
    engine.dispose()


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"tests": "local mode"}
    at.session_state["period"] = PERIOD
    at.run()
    at.switch_page(page).run()
    return at


def shown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [t.value for t in at.title]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_over_the_foreign_model(samm_org: ReadinessService, page: str):
    at = open_page(page)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []


@pytest.mark.parametrize("tab", ["Units", "Coverage"])
def test_the_heatmaps_other_tabs_render_over_the_foreign_model(
    samm_org: ReadinessService, tab: str
):
    at = open_page("app_pages/org_heatmap.py")
    at.session_state["tab"] = tab  # only the open tab is drawn
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []
