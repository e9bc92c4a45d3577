"""The full role × action matrix, against the service layer, on SQLite and PostgreSQL.

Org: payments (checkout, billing) and platform (runtime). Checkout and runtime submitted
2026-Q3; checkout has a complete 2026-Q4 draft. Each allowed action succeeds (with the exact
result where the role shapes it); each other one raises AuthorizationError with a plain
message and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.errors import AuthorizationError
from assessments.service.authorized import AuthorizedService, TeamAccess
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.views import DraftView
from tests.integration.conftest import Clock, make_content

ANSWERS = {"BR-01": 3, "BR-02": 3, "PA-01": 2, "PA-02": 2, "OS-01": 1}
ORG_FILE = "units:\n  - unit: Data\n    unit_slug: data\nteams:\n  - team: Lake\n    unit: data\n"

ROLES = {
    "admin": ("admin@example.com", Grant(Role.ADMIN)),
    "org viewer (org)": ("vp@example.com", Grant(Role.ORG_VIEWER)),
    "org viewer (unit)": ("head@example.com", Grant(Role.ORG_VIEWER, "payments")),
    "team editor (own team)": ("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout")),
    "team editor (other team)": ("bob@example.com", Grant(Role.TEAM_EDITOR, "billing")),
}
WHO = {
    "admin": "admin@example.com (admin)",
    "org viewer (org)": "vp@example.com (org viewer of the whole organisation)",
    "org viewer (unit)": "head@example.com (org viewer of payments)",
    "team editor (own team)": "ana@example.com (team editor of checkout)",
    "team editor (other team)": "bob@example.com (team editor of billing)",
}
EVERYONE = set(ROLES)
READERS_OF_CHECKOUT = {"admin", "org viewer (org)", "org viewer (unit)", "team editor (own team)"}
EDITORS_OF_CHECKOUT = {"admin", "team editor (own team)"}
ORG_VIEWERS = {"admin", "org viewer (org)", "org viewer (unit)"}
ADMINS = {"admin"}


@dataclass
class World:
    """The seeded database, the raw service, and the ids the actions need."""

    service: ReadinessService
    draft_id: int
    draft_version: int
    export: str


def _submit(service: ReadinessService, team: str, period: str) -> int:
    draft = service.open_draft(team, period, actor="seed@example.com")
    version = draft.version
    for qid, value in ANSWERS.items():
        version = service.save_answer(
            draft.id, qid, AnswerEntry(value=value), expected_version=version, actor="seed"
        ).version
    return service.submit(draft.id, expected_version=version, actor="seed").id


def _seed_org(service: ReadinessService) -> tuple[int, int]:
    service.create_unit("payments", "Payments", actor="seed")
    service.create_unit("platform", "Platform", actor="seed")
    service.create_team("checkout", "Checkout", "payments", actor="seed")
    service.create_team("billing", "Billing", "payments", actor="seed")
    service.create_team("runtime", "Runtime", "platform", actor="seed")
    _submit(service, "checkout", "2026-Q3")
    _submit(service, "runtime", "2026-Q3")
    draft = service.open_draft("checkout", "2026-Q4", actor="seed")
    draft = service.prefill_from_previous(draft.id, expected_version=draft.version, actor="seed")
    for pillar in ("blast_radius", "production_access", "orchestrator_skill"):
        draft = service.confirm_answers(
            draft.id, pillar, expected_version=draft.version, actor="seed"
        )
    return draft.id, draft.version


def _export_of_another_org() -> str:
    engine = make_engine("sqlite://")
    upgrade_to_head(engine)
    other = ReadinessService(engine, make_content(), clock=Clock())
    other.create_unit("data", "Data", actor="seed")
    other.create_team("lake", "Lake", "data", actor="seed")
    _submit(other, "lake", "2026-Q3")
    document = other.export_data(actor="seed")
    engine.dispose()
    return json.dumps(document)


@dataclass(frozen=True)
class Action:
    """One thing a page may ask for; `empty` actions run on a database with no org."""

    call: Callable[[AuthorizedService, World], Any]
    allowed: set[str]
    denied: str
    empty: bool = False


def _status(view: DraftView | None) -> str | None:
    return None if view is None else view.status


def _list_teams(s: AuthorizedService, w: World) -> list[str]:
    return [t.slug for t in s.list_teams()]


def _snapshot(s: AuthorizedService, w: World) -> list[tuple[str, bool | int]]:
    snapshot = s.period_snapshot("2026-Q3")
    return [(t.team.slug, t.latest is not None) for t in snapshot.teams] + [
        ("answers", len(snapshot.answers))
    ]


def _history(s: AuthorizedService, w: World) -> list[str]:
    return sorted(s.org_history().assessments["team_slug"])


ACTIONS = {
    "list teams": Action(_list_teams, EVERYONE, ""),
    "read submitted report": Action(
        lambda s, w: _status(s.latest_submitted("checkout", "2026-Q3")),
        READERS_OF_CHECKOUT,
        "read checkout's assessments",
    ),
    "read another unit's report": Action(
        lambda s, w: _status(s.latest_submitted("runtime", "2026-Q3")),
        {"admin", "org viewer (org)"},
        "read runtime's assessments",
    ),
    "read draft": Action(
        lambda s, w: s.get_assessment(w.draft_id).status,
        EDITORS_OF_CHECKOUT,
        "read checkout's drafts",
    ),
    "open draft": Action(
        lambda s, w: s.open_draft("checkout", "2026-Q4").id == w.draft_id,
        EDITORS_OF_CHECKOUT,
        "edit checkout's draft",
    ),
    "save answer": Action(
        lambda s, w: s.save_answer(
            w.draft_id, "BR-01", AnswerEntry(value=4), expected_version=w.draft_version
        ).answers["BR-01"],
        EDITORS_OF_CHECKOUT,
        "edit checkout's draft",
    ),
    "set chain": Action(
        lambda s, w: (
            s.set_chain_state(
                w.draft_id, "tool-approval", True, expected_version=w.draft_version
            ).removed_chains
        ),
        EDITORS_OF_CHECKOUT,
        "edit checkout's draft",
    ),
    "prefill": Action(
        lambda s, w: s.prefill_from_previous(w.draft_id, expected_version=w.draft_version).version,
        EDITORS_OF_CHECKOUT,
        "prefill checkout's draft",
    ),
    "confirm carried answers": Action(
        lambda s, w: (
            s.confirm_answers(w.draft_id, "blast_radius", expected_version=w.draft_version).version
        ),
        EDITORS_OF_CHECKOUT,
        "confirm carried answers in checkout's draft",
    ),
    "submit": Action(
        lambda s, w: s.submit(w.draft_id, expected_version=w.draft_version).status,
        EDITORS_OF_CHECKOUT,
        "submit checkout's draft",
    ),
    "period snapshot": Action(_snapshot, ORG_VIEWERS, "read the org snapshot of 2026-Q3"),
    "org history": Action(_history, ORG_VIEWERS, "read the org history"),
    "audit entries": Action(
        lambda s, w: s.audit_entries(limit=1)[0].action, ADMINS, "read the audit trail"
    ),
    "org import": Action(
        lambda s, w: s.apply_org_import(ORG_FILE, "org.yaml").summary(),
        ADMINS,
        "import the org structure",
    ),
    "role change": Action(
        lambda s, w: s.grant_role("New@Example.com", Grant(Role.ORG_VIEWER)).email,
        ADMINS,
        "change roles",
    ),
    "export": Action(
        lambda s, w: [a["team"] for a in s.export_data()["assessments"]],
        ADMINS,
        "export all data",
    ),
    "import": Action(
        lambda s, w: s.import_data(w.export, "export.json").counts["assessments"],
        ADMINS,
        "import data",
        empty=True,
    ),
}

# What an allowed action returns, where the role shapes it (else the same for every role).
RESULTS: dict[str, dict[str, Any]] = {
    "list teams": {
        "admin": ["billing", "checkout", "runtime"],
        "org viewer (org)": ["billing", "checkout", "runtime"],
        "org viewer (unit)": ["billing", "checkout"],
        "team editor (own team)": ["checkout"],
        "team editor (other team)": ["billing"],
    },
    "read submitted report": {role: "submitted" for role in READERS_OF_CHECKOUT},
    "read another unit's report": {"admin": "submitted", "org viewer (org)": "submitted"},
    "read draft": {role: "draft" for role in EDITORS_OF_CHECKOUT},
    "open draft": {role: True for role in EDITORS_OF_CHECKOUT},
    "save answer": {role: AnswerEntry(value=4) for role in EDITORS_OF_CHECKOUT},
    "set chain": {role: frozenset({"tool-approval"}) for role in EDITORS_OF_CHECKOUT},
    "prefill": {role: 6 for role in EDITORS_OF_CHECKOUT},
    "confirm carried answers": {role: 6 for role in EDITORS_OF_CHECKOUT},
    "submit": {role: "submitted" for role in EDITORS_OF_CHECKOUT},
    "period snapshot": {
        "admin": [("billing", False), ("checkout", True), ("runtime", True), ("answers", 10)],
        "org viewer (org)": [
            ("billing", False),
            ("checkout", True),
            ("runtime", True),
            ("answers", 10),
        ],
        "org viewer (unit)": [("billing", False), ("checkout", True), ("answers", 5)],
    },
    "org history": {
        "admin": ["checkout", "runtime"],
        "org viewer (org)": ["checkout", "runtime"],
        "org viewer (unit)": ["checkout"],
    },
    "audit entries": {"admin": "answers.confirm"},
    "org import": {
        "admin": "1 unit to create, 0 to rename, 0 unchanged; 1 team to create,"
        " 0 to update, 0 unchanged"
    },
    "role change": {"admin": "new@example.com"},
    "export": {"admin": ["checkout", "runtime", "checkout"]},
    "import": {"admin": 1},
}


@pytest.fixture
def world(service: ReadinessService, request: pytest.FixtureRequest) -> World:
    for email, grant in ROLES.values():
        service.grant_role(email, grant, actor="seed")
    action = ACTIONS[request.node.callspec.params["action"]]
    if action.empty:
        return World(service, 0, 0, _export_of_another_org())
    draft_id, version = _seed_org(service)
    return World(service, draft_id, version, "")


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_exactly_what_its_grants_allow(world: World, role: str, action: str):
    email, _ = ROLES[role]
    authorized = AuthorizedService(world.service, world.service.principal_for(email))
    step = ACTIONS[action]
    before = world.service.data_version()

    if role in step.allowed:
        assert step.call(authorized, world) == RESULTS[action][role]
    else:
        with pytest.raises(AuthorizationError) as denied:
            step.call(authorized, world)
        assert str(denied.value) == (
            f"{WHO[role]} may not {step.denied} (ask an admin if you need access)"
        )
        assert world.service.data_version() == before


def test_the_matrix_covers_every_role_for_every_action():
    for action, results in RESULTS.items():
        assert set(results) == ACTIONS[action].allowed, action


@pytest.mark.parametrize(
    ("email", "grants", "team", "access", "message"),
    [
        (
            "ana@example.com",
            [Grant(Role.TEAM_EDITOR, "checkout")],
            "runtime",
            TeamAccess.EDIT,
            "ana@example.com (team editor of checkout) may not edit runtime's draft",
        ),
        (
            "cy@example.com",
            [Grant(Role.ORG_VIEWER, "platform"), Grant(Role.TEAM_EDITOR, "checkout")],
            "billing",
            TeamAccess.READ,
            "cy@example.com (org viewer of platform; team editor of checkout) may not read"
            " billing's assessments",
        ),
        (
            "nobody@example.com",
            [],
            "checkout",
            TeamAccess.READ,
            "nobody@example.com (no role) may not read checkout's assessments",
        ),
    ],
)
def test_a_refusal_names_the_person_their_roles_and_the_team(
    service: ReadinessService, email, grants, team, access, message
):
    _seed_org(service)
    for grant in grants:
        service.grant_role(email, grant, actor="seed")
    authorized = AuthorizedService(service, service.principal_for(email.upper()))

    with pytest.raises(AuthorizationError) as denied:
        authorized.require_team_access(team, access)

    assert str(denied.value) == f"{message} (ask an admin if you need access)"


def test_a_reader_who_may_not_edit_sees_the_submission_not_the_newer_draft(
    service: ReadinessService,
):
    _seed_org(service)
    service.grant_role("vp@example.com", Grant(Role.ORG_VIEWER), actor="seed")
    service.grant_role("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout"), actor="seed")
    _submit(service, "checkout", "2026-Q2")
    draft = service.open_draft("checkout", "2026-Q2", actor="seed")
    viewer = AuthorizedService(service, service.principal_for("vp@example.com"))
    editor = AuthorizedService(service, service.principal_for("ana@example.com"))

    seen_by_viewer = viewer.current_assessment("checkout", "2026-Q2")
    seen_by_editor = editor.current_assessment("checkout", "2026-Q2")

    assert seen_by_viewer is not None and seen_by_editor is not None
    assert (seen_by_viewer.revision, seen_by_viewer.status) == (1, "submitted")
    assert (seen_by_editor.id, seen_by_editor.status) == (draft.id, "draft")
