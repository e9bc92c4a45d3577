"""Role × action matrix for the track record, against the service layer, SQLite and PostgreSQL.

Org: payments (checkout, billing), platform (runtime); checkout submitted 2026-Q3 so that
`tool-approval` is eligible; a pending request for it by checkout's editor (Ana); one incident
per team. Each allowed action succeeds with the exact result; each other one raises
AuthorizationError with a plain message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.errors import AuthorizationError
from assessments.service.authorized import AuthorizedService
from assessments.service.readiness import ReadinessService
from tests.integration.conftest import START

ANSWERS = {"BR-01": 3, "BR-02": 3, "PA-01": 2, "PA-02": 2, "OS-01": 1}
ROLES = {
    "admin": ("admin@example.com", Grant(Role.ADMIN)),
    "org viewer (org)": ("vp@example.com", Grant(Role.ORG_VIEWER)),
    "org viewer (unit)": ("head@example.com", Grant(Role.ORG_VIEWER, "payments")),
    "team editor (own team)": ("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout")),
    "team editor (other team)": ("bob@example.com", Grant(Role.TEAM_EDITOR, "billing")),
    "approver (org)": ("rita@example.com", Grant(Role.APPROVER)),
    "approver (other unit)": ("pat@example.com", Grant(Role.APPROVER, "platform")),
}
EVERYONE = set(ROLES)
EDITORS = {"admin", "team editor (own team)"}
CSV = "team,date,severity,pillar,summary\ncheckout,2026-10-01,low,blast_radius,Near miss\n"


@dataclass(frozen=True)
class Action:
    """A track-record call; `denied` is the start of the refusal for roles not in `allowed`."""

    call: Callable[[AuthorizedService, int], Any]
    allowed: set[str]
    expected: Callable[[str], Any]
    denied: str


def _seed(service: ReadinessService) -> int:
    service.create_unit("payments", "Payments", actor="seed")
    service.create_unit("platform", "Platform", actor="seed")
    for team, unit in (("checkout", "payments"), ("billing", "payments"), ("runtime", "platform")):
        service.create_team(team, team.title(), unit, actor="seed")
    for team in ("checkout", "billing"):
        draft = service.open_draft(team, "2026-Q3", actor="seed")
        for qid, value in ANSWERS.items():
            draft = service.save_answer(
                draft.id,
                qid,
                AnswerEntry(value=value),
                expected_version=draft.version,
                actor="seed",
            )
        service.submit(draft.id, expected_version=draft.version, actor="seed")
    for email, grant in ROLES.values():
        service.grant_role(email, grant, actor="seed")
    for team in ("checkout", "runtime"):
        service.record_incident(
            {"team": team, "date": "2026-10-02", "severity": "low", "pillar": "blast_radius",
             "summary": f"{team} near miss"},
            actor="seed",
        )  # fmt: skip
    return service.request_removal(
        "checkout", "tool-approval", reason="ready", planned_on=START.date(),
        actor="ana@example.com",
    ).id  # fmt: skip


ACTIONS = {
    "request a removal for billing": Action(
        lambda s, _: (
            s.request_removal(
                "billing", "tool-approval", reason="x", planned_on=START.date() + timedelta(days=1)
            ).status
        ),
        {"admin", "team editor (other team)"},
        lambda role: "pending",
        "may not request chain removals for billing",
    ),
    "approve checkout's request": Action(
        lambda s, request_id: s.decide_removal(request_id, approve=True, note="ok").status,
        {"admin", "approver (org)"},
        lambda role: "approved",
        "may not",
    ),
    "record an incident for checkout": Action(
        lambda s, _: (
            s.record_incident(
                {
                    "team": "checkout",
                    "date": "2026-10-03",
                    "severity": "medium",
                    "pillar": "blast_radius",
                    "summary": "x",
                }
            ).severity
        ),
        EDITORS,
        lambda role: "medium",
        "may not record incidents for checkout",
    ),
    "import incidents for checkout": Action(
        lambda s, _: s.import_incidents(CSV, "incidents.csv"),
        EDITORS,
        lambda role: 1,
        "may not",
    ),
    "see requests": Action(
        lambda s, _: len(s.removal_requests()),
        EVERYONE,
        lambda role: 0 if role in ("team editor (other team)", "approver (other unit)") else 1,
        "",
    ),
    "see incidents": Action(
        lambda s, _: sorted(i.team_slug for i in s.incidents()),
        EVERYONE,
        lambda role: {
            "admin": ["checkout", "runtime"],
            "org viewer (org)": ["checkout", "runtime"],
            "approver (org)": ["checkout", "runtime"],
            "org viewer (unit)": ["checkout"],
            "team editor (own team)": ["checkout"],
            "approver (other unit)": ["runtime"],
        }.get(role, []),
        "",
    ),
}


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_track_record_role_action_matrix(service: ReadinessService, role: str, action: str):
    request_id = _seed(service)
    email, _ = ROLES[role]
    spec = ACTIONS[action]
    bound = AuthorizedService(service, service.principal_for(email))
    before = len(service.audit_entries())

    if role in spec.allowed:
        assert spec.call(bound, request_id) == spec.expected(role)
    else:
        with pytest.raises(AuthorizationError) as refused:
            spec.call(bound, request_id)
        assert email in str(refused.value)
        assert spec.denied in str(refused.value)
        assert len(service.audit_entries()) == before
