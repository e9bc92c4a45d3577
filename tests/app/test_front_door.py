"""The home page per role, the chain catalogue, and a team picker only where it matters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessments.access import Grant, Role
from assessments.demo.records import DemoOrg
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine
from tests.app.conftest import APP, CONTENT, DEMO_PERIOD

AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret",
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://example.com/.well-known/openid-configuration",
    }
}


def _as(email: str | None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if email is None:
        at.secrets = {"tests": "local mode"}
    else:
        at.secrets = AUTH
        at.user = {"is_logged_in": True, "email": email}
    at.session_state["period"] = DEMO_PERIOD
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception
    return at


def _grant(email: str, grant: Grant, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    engine = make_engine(os.environ["READINESS_DATABASE_URL"])
    ReadinessService(engine, CONTENT).grant_role(email, grant, actor="test")
    engine.dispose()


def test_the_app_opens_on_a_home_page_for_leadership_not_on_a_team(demo_org: DemoOrg) -> None:
    at = _as(None)

    assert at.title[0].value == "Autonomy Readiness"
    assert at.subheader[0].value == f"The organisation in {DEMO_PERIOD}"
    submitted = {
        a.team_slug
        for a in demo_org.assessments
        if a.period == DEMO_PERIOD and a.status == "submitted"
    }
    assert at.metric[0].value == f"{len(submitted)} of {len(demo_org.teams)}"
    assert [s.key for s in at.selectbox] == ["period"]


def test_a_manager_sees_their_team_this_quarter_and_the_next_chain(
    demo_org: DemoOrg, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.conftest import DEMO_WITH_NEXT

    slug = DEMO_WITH_NEXT[0]
    team = next(t for t in demo_org.teams if t.slug == slug)
    _grant("mia@example.com", Grant(Role.TEAM_EDITOR, slug), monkeypatch)

    at = _as("mia@example.com")

    assert at.subheader[0].value == f"Your team in {DEMO_PERIOD}"
    texts = [m.value for m in at.markdown]
    assert f"#### {team.name}" in texts
    assert any(t.startswith("**Remove next:**") for t in texts)
    assert not any(s.value.startswith("The organisation") for s in at.subheader)


def test_the_chain_catalogue_lists_every_chain_with_its_uptake(demo_org: DemoOrg) -> None:
    at = _as(None, "app_pages/chain_catalogue.py")

    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [
        f"#### {c.order}. {c.name}" for c in sorted(CONTENT.catalogue.chains, key=lambda c: c.order)
    ]
    uptake = [c.value for c in at.caption if c.value.startswith("Removed by ")]
    assert len(uptake) == len(CONTENT.catalogue.chains)
    conditions = next(m.value for m in at.markdown if m.value.startswith("**May be removed when:"))
    question = CONTENT.questionnaire.questions[0]
    assert f"- {question.id} " in conditions
    assert "or not applicable" in conditions


@pytest.mark.parametrize(
    ("page", "picker"),
    [
        ("app_pages/team_report.py", True),
        ("app_pages/self_assessment.py", True),
        ("app_pages/org_heatmap.py", False),
        ("app_pages/quarterly_review.py", False),
        ("app_pages/chain_catalogue.py", False),
        ("app_pages/admin.py", False),
    ],
)
def test_the_team_picker_shows_only_on_pages_about_one_team(demo_org, page, picker) -> None:
    at = _as(None, page)

    assert ("team" in [s.key for s in at.selectbox]) is picker
