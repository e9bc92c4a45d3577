"""Messages that carry what someone typed (an email, a name) show it literally: no bold, no
colour, no LaTeX, no link."""

from __future__ import annotations

import pytest

from assessments.access import Grant, Role
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session
from tests.app.test_access import as_person
from ui.text import inert

ASSESSMENT = "app_pages/self_assessment.py"
ADMIN = "app_pages/admin.py"
PAYLOAD_EMAIL = "**bold**:red[x]$y$[z](http://evil)@example.com"


def test_the_conflict_message_shows_the_other_editors_email_literally(
    service: ReadinessService,
):
    service.grant_role(PAYLOAD_EMAIL, Grant(Role.TEAM_EDITOR, "checkout-web"), actor="t")
    service.grant_role("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout-web"), actor="t")
    draft = service.open_draft("checkout-web", PERIOD, actor="ana@example.com")
    ana = as_person("ana@example.com", ASSESSMENT, team="checkout-web")
    other = as_person(PAYLOAD_EMAIL, ASSESSMENT, team="checkout-web")
    other.radio(key=f"a{draft.id}_g0_BR-01_choice").set_value("2").run()

    ana.radio(key=f"a{draft.id}_g0_BR-01_choice").set_value("4").run()

    changed_at = service.get_assessment(draft.id).updated_at
    message = (
        f"This draft was changed by {PAYLOAD_EMAIL} at {changed_at:%H:%M} UTC after you opened"
        " it; your change to BR-01 was kept aside, reload to see both."
    )
    assert [e.value for e in ana.error] == [inert(message)]
    assert inert(PAYLOAD_EMAIL) == r"\*\*bold\*\*\:red\[x\]\$y\$\[z\](http://evil)@example.com"


@pytest.mark.parametrize(
    "typed",
    ["**bold** :red[x]", "$x^2$ [link](http://evil)", "<b>html</b> `code`"],
)
def test_a_refused_grant_echoes_the_typed_email_literally(service: ReadinessService, typed: str):
    at = new_session(ADMIN)
    at.text_input(key="grant_email").input(typed)
    at.selectbox(key="grant_role").set_value(Role.ADMIN).run()
    at.button(key="grant").click().run()

    assert [e.value for e in at.error] == [
        inert(f"'{typed}' is not an email address (write name@example.com)")
    ]
    assert service.role_assignments() == []
