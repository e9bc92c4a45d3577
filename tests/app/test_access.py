"""Who sees what in the app: login, no access, local mode, and pages a role may not use."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from tests.app.conftest import APP, CONTENT, PERIOD, new_session
from tests.app.vega_charts import chart, charts, rows, spec
from ui.sign_in import LOCAL_MODE_BANNER
from ui.text import inert

ASSESSMENT = "app_pages/self_assessment.py"
REPORT = "app_pages/team_report.py"
HEATMAP = "app_pages/org_heatmap.py"
CHAINS = "app_pages/chains_matrix.py"
REVIEW = "app_pages/quarterly_review.py"
ADMIN = "app_pages/admin.py"
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-of-enough-length",
        "client_id": "readiness",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
    }
}


@pytest.fixture
def roles(service: ReadinessService) -> ReadinessService:
    """Ana edits checkout-web; Vic views the whole org; both submitted-free to start."""
    service.grant_role("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout-web"), actor="t")
    service.grant_role("vic@example.com", Grant(Role.ORG_VIEWER), actor="t")
    return service


def signed_in(user: dict[str, Any], page: str | None = None, **picked: str) -> AppTest:
    """A session with OIDC configured and this `st.user`, on a page, with sidebar picks."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = AUTH
    at.user = user
    at.session_state["period"] = PERIOD
    at.run()
    if page is not None:
        at.switch_page(page)
    # Set after the first run, as a link or an earlier pick would bring them to this page.
    for key, value in picked.items():
        at.session_state[key] = value
    return at.run()


def as_person(email: str, page: str | None = None, **picked: str) -> AppTest:
    return signed_in({"is_logged_in": True, "email": email}, page, **picked)


def test_a_team_editor_cannot_open_another_teams_draft(roles: ReadinessService):
    roles.grant_role("ana@example.com", Grant(Role.TEAM_EDITOR, "ledger"), actor="t")
    at = as_person("Ana@Example.com", ASSESSMENT, team="ledger")
    assert at.button(key="start_empty").label == "Start the assessment"
    ledger = next(r for r in roles.role_assignments() if r.grant.scope == "ledger")
    roles.revoke_role(ledger.id, actor="admin@example.com")

    at.run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        "You cannot edit this assessment: ana@example.com (team editor of checkout-web)"
        " may not edit ledger's draft (ask an admin if you need access)"
    ]
    assert len(at.radio) == 0
    assert [b.key for b in at.button] == ["logout"]
    assert at.selectbox(key="team").options == ["Payments · Checkout Web"]
    assert roles.current_assessment("ledger", PERIOD) is None


def test_a_link_to_another_teams_report_is_refused(roles: ReadinessService):
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = AUTH
    at.user = {"is_logged_in": True, "email": "ana@example.com"}
    at.query_params["team"] = "ledger"

    at.run()
    at.switch_page(REPORT).run()

    assert [e.value for e in at.error] == [
        "You cannot see this team: ana@example.com (team editor of checkout-web) may"
        " not read ledger's assessments (ask an admin if you need access)"
    ]
    assert at.get("metric") == []


def test_a_team_editor_picks_only_their_own_teams_and_may_start_a_draft(
    roles: ReadinessService,
):
    at = as_person("ana@example.com", ASSESSMENT)

    assert at.selectbox(key="team").options == ["Payments · Checkout Web"]
    at.button(key="start_empty").click().run()

    draft = roles.current_assessment("checkout-web", PERIOD)
    assert draft is not None
    assert (draft.status, draft.created_by) == ("draft", "ana@example.com")
    # The form opens on the first pillar's tab: its questions, one radio each.
    first = CONTENT.questionnaire.pillars[0].id
    expected = [q.id for q in CONTENT.questionnaire.questions if q.pillar == first]
    assert [str(r.key).split("_")[2] for r in at.radio] == expected


def test_a_team_editor_is_told_the_org_views_are_not_theirs(roles: ReadinessService):
    at = as_person("ana@example.com", HEATMAP)

    assert [w.value for w in at.warning] == [
        r"The org views are for org viewers and admins; you are signed in as"
        " `ana@example.com` (team editor of Checkout Web). Your teams' reports are on the"
        " Team report page; ask an admin if you need to see the whole organisation."
    ]
    assert charts(at) == []


def test_an_org_viewer_sees_the_heatmap_and_no_edit_controls(roles: ReadinessService):
    heatmap = as_person("vic@example.com", HEATMAP)

    assert not heatmap.exception
    assert heatmap.title[0].value == "Org heatmap"
    assert [w.value for w in heatmap.warning] == []

    assessment = as_person("vic@example.com", ASSESSMENT, team="checkout-web")

    assert not assessment.exception
    assert [e.value for e in assessment.error] == [
        "You cannot edit this assessment: vic@example.com (org viewer of the whole"
        " organisation) may not edit checkout-web's draft (ask an admin if you need access)"
    ]
    assert len(assessment.radio) == 0
    assert len(assessment.checkbox) == 0
    assert [b.key for b in assessment.button] == ["logout"]


def test_an_org_viewer_is_shown_no_draft_and_no_link_to_edit(roles: ReadinessService):
    roles.open_draft("checkout-web", PERIOD, actor="ana@example.com")

    viewer = as_person("vic@example.com", REPORT, team="checkout-web")
    admin = new_session(REPORT, team="checkout-web")

    assert viewer.info[0].value == (
        "Checkout Web has no assessment for 2026-Q4 yet. Answer the questionnaire to get a"
        " recommendation."
    )
    assert viewer.get("page_link") == []
    assert len(new_session(REPORT, team="ledger").get("page_link")) == 1
    assert [w.value for w in admin.warning][1].startswith("Preview of the unsubmitted draft")


def test_local_mode_shows_its_banner_on_every_page(service: ReadinessService):
    for page in (REPORT, ASSESSMENT, HEATMAP, CHAINS, REVIEW, ADMIN):
        at = new_session(page, team="checkout-web")

        assert not at.exception, page
        assert at.warning[0].value == LOCAL_MODE_BANNER, page


def test_an_unknown_email_sees_the_no_access_page(roles: ReadinessService):
    at = as_person("stranger@example.com", HEATMAP)

    assert not at.exception
    assert [t.value for t in at.title] == ["No access yet"]
    assert [w.value for w in at.warning] == [
        "You are signed in as `stranger@example.com`, but no one has given you a role here"
        " yet. Ask an admin to add you as a team editor (to assess your team) or as an org"
        " viewer (to see the org views)."
    ]
    assert [b.key for b in at.button] == ["logout_no_access"]
    assert charts(at) == []


def test_an_unverified_email_is_no_identity(roles: ReadinessService):
    at = signed_in({"is_logged_in": True, "email": "vic@example.com", "email_verified": False})

    assert [t.value for t in at.title] == ["No access yet"]
    assert at.warning[0].value.startswith("Your sign-in did not include a verified email")


def test_a_signed_out_visitor_sees_only_the_login_page(roles: ReadinessService):
    at = signed_in({"is_logged_in": False}, team="checkout-web")

    assert [t.value for t in at.title] == ["Autonomy Readiness"]
    assert [b.label for b in at.button] == ["Log in"]
    assert len(at.selectbox) == 0


def test_a_non_admin_is_told_the_admin_page_is_for_admins(roles: ReadinessService):
    at = as_person("vic@example.com", ADMIN)

    assert [w.value for w in at.warning] == [
        "Only admins can use the admin page; you are signed in as `vic@example.com` (org"
        " viewer of the whole organisation)."
    ]
    assert len(at.tabs) == 0


def _submit_all(service: ReadinessService, team: str) -> None:
    draft = service.open_draft(team, PERIOD, actor="seed")
    version = draft.version
    for question in service.content.questionnaire.questions:
        version = service.save_answer(
            draft.id, question.id, AnswerEntry(value=2), expected_version=version, actor="seed"
        ).version
    service.submit(draft.id, expected_version=version, actor="seed")


def test_an_org_viewer_of_one_unit_sees_only_that_units_teams(roles: ReadinessService):
    roles.create_unit("platform", "Platform", actor="t")
    roles.create_team("runtime", "Runtime", "platform", actor="t")
    _submit_all(roles, "checkout-web")
    _submit_all(roles, "runtime")
    roles.grant_role("hana@example.com", Grant(Role.ORG_VIEWER, "platform"), actor="t")

    at = as_person("hana@example.com", HEATMAP)

    assert not at.exception
    heatmap = chart(at, "heatmap_chart")
    assert [
        (b["title"]["text"], b["layer"][0]["encoding"]["y"]["sort"])
        for b in spec(heatmap)["vconcat"]
    ] == [("Platform", ["Runtime"])]
    (cells,) = rows(heatmap)
    assert set(cells["slug"]) == {"runtime"}
    assert at.selectbox(key="heatmap_unit").options == ["All units", "Platform"]
    report = as_person("hana@example.com", REPORT)
    assert report.selectbox(key="team").options == ["Platform · Runtime"]


def test_the_roles_file_is_synced_at_start_up(
    service: ReadinessService, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    roles_file = tmp_path / "roles.yaml"
    roles_file.write_text("roles:\n  - {email: Lee@Example.com, role: admin}\n")
    monkeypatch.setenv("READINESS_ROLES_FILE", str(roles_file))

    at = as_person("lee@example.com", ADMIN)

    assert not at.exception
    assert [t.value for t in at.title] == ["Admin"]
    assert [(a.email, a.source) for a in service.role_assignments()] == [
        ("lee@example.com", "file")
    ]


def test_a_broken_roles_file_stops_the_app_with_its_problems(
    service: ReadinessService, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    roles_file = tmp_path / "roles.yaml"
    roles_file.write_text("roles:\n  - {email: lee, role: admin}\n")
    monkeypatch.setenv("READINESS_ROLES_FILE", str(roles_file))

    at = as_person("lee@example.com")

    assert [e.value for e in at.error] == [
        "The app cannot start; fix these and reload:\n\n- "
        + inert(
            f"{roles_file}:2:6: roles[0].email: 'lee' is not an email address (hint: write it"
            " as name@example.com)"
        )
    ]
    assert len(at.selectbox) == 0
