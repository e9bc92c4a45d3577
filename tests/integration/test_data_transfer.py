"""Full export → empty database → import gives the same assessments, scores and audit trail."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, ContentError, InvalidInputError
from assessments.service.content_versions import put_in_force, stored_library
from assessments.service.readiness import ReadinessService
from assessments.storage.db import upgrade_to_head
from scoring.assessment import score_assessment
from tests.integration.conftest import Clock, Database

FULL = {
    "BR-01": AnswerEntry(value=3, evidence="https://wiki.example.com/sandbox", note="per task"),
    "BR-02": AnswerEntry(value=0),
    "PA-01": AnswerEntry(dont_know=True),
    "PA-02": AnswerEntry(not_applicable="no production data"),
    "OS-01": AnswerEntry(value=1, note='<b>inert</b> "quoted"'),
}


def _answer_all(service: ReadinessService, team: str, period: str, clock: Clock) -> int:
    draft = service.open_draft(team, period, actor="ana@example.com")
    version = draft.version
    for qid, entry in FULL.items():
        clock.advance(1)
        version = service.save_answer(
            draft.id, qid, entry, expected_version=version, actor="ana@example.com"
        ).version
    version = service.set_chain_state(
        draft.id, "tool-approval", True, expected_version=version, actor="ana@example.com"
    ).version
    return service.submit(draft.id, expected_version=version, actor="ana@example.com").id


@pytest.fixture
def source(org: ReadinessService, clock: Clock) -> ReadinessService:
    """Submitted and draft assessments, a second revision, a conflict, roles and their audit."""
    org.grant_role("Admin@Example.com", Grant(Role.ADMIN), actor="setup")
    org.grant_role(
        "ana@example.com", Grant(Role.TEAM_EDITOR, "checkout"), actor="admin@example.com"
    )
    _answer_all(org, "checkout", "2026-Q3", clock)
    _answer_all(org, "runtime", "2026-Q3", clock)
    _answer_all(org, "runtime", "2026-Q3", clock)  # revision 2
    draft = org.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    draft = org.prefill_from_previous(
        draft.id, expected_version=draft.version, actor="ana@example.com"
    )
    clock.advance(5)
    org.save_answer(
        draft.id, "BR-02", AnswerEntry(value=4), expected_version=draft.version, actor="ana@x.io"
    )
    with pytest.raises(ConflictError):
        org.save_answer(
            draft.id, "BR-02", None, expected_version=draft.version, actor="bob@example.com"
        )
    return org


@pytest.fixture
def target(another_database: Database, content, clock: Clock) -> ReadinessService:
    upgrade_to_head(another_database.engine)
    return ReadinessService(another_database.engine, content, clock=clock)


def _audit(service: ReadinessService, skip: str) -> list[tuple[object, ...]]:
    return [
        (e.at, e.actor, e.action, e.entity, e.entity_id, e.details)
        for e in service.audit_entries(limit=10_000)
        if e.action != skip
    ]


def test_export_then_import_into_an_empty_database_gives_identical_data(
    source: ReadinessService, target: ReadinessService, content
):
    audit_before = _audit(source, skip="data.export")
    document = source.export_data(actor="admin@example.com")

    summary = target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    assert summary.counts == {
        "units": 2,
        "teams": 3,
        "assessments": 4,
        "answers": 20,
        "conflicting_edits": 1,
        "audit_log": len(audit_before),
        "role_assignments": 2,
        "content_versions": 0,
        "removal_requests": 0,
        "incidents": 0,
        "evidence_scans": 0,
    }
    ids = [a["id"] for a in document["assessments"]]
    assert [target.get_assessment(i) for i in ids] == [source.get_assessment(i) for i in ids]
    scores = [
        score_assessment(
            content.rubric, content.scoring_catalogue, s.get_assessment(i).to_scoring()
        )
        for s in (source, target)
        for i in ids
    ]
    assert scores[: len(ids)] == scores[len(ids) :]
    assert _audit(target, skip="data.import") == audit_before
    assert target.conflicting_edits(ids[-1]) == source.conflicting_edits(ids[-1])
    assert [(r.email, r.grant, r.source) for r in target.role_assignments()] == [
        (r.email, r.grant, r.source) for r in source.role_assignments()
    ]
    assert target.list_teams() == source.list_teams()
    assert target.periods() == source.periods() == ["2026-Q3", "2026-Q4"]
    imported = target.audit_entries(limit=1)[0]
    assert (imported.action, imported.actor, imported.details["assessments"]) == (
        "data.import",
        "admin@example.com",
        4,
    )


def test_the_imported_database_takes_new_records_after_the_kept_ids(
    source: ReadinessService, target: ReadinessService
):
    target.import_data(json.dumps(source.export_data(actor="a")), "export.json", actor="a")

    unit = target.create_unit("data", "Data", actor="a")
    team = target.create_team("lake", "Lake", "data", actor="a")
    draft = target.open_draft("lake", "2026-Q4", actor="a")

    assert (unit.id, team.id, draft.id) == (3, 4, 5)


def test_importing_into_a_database_that_holds_an_org_is_refused(source: ReadinessService):
    document = json.dumps(source.export_data(actor="admin@example.com"))
    before = source.data_version()

    with pytest.raises(InvalidInputError) as refused:
        source.import_data(document, "export.json", actor="admin@example.com")

    assert str(refused.value) == (
        "this database already holds 2 units, 3 teams, 4 assessments; import only into an"
        " empty database (a fresh READINESS_DATABASE_URL), so nothing here is overwritten"
    )
    assert source.data_version() == before


def test_grants_and_audit_entries_already_in_the_target_are_kept(
    source: ReadinessService, target: ReadinessService
):
    target.grant_role("admin@example.com", Grant(Role.ADMIN), actor="roles-file")
    target.grant_role("ops@example.com", Grant(Role.ORG_VIEWER), actor="roles-file")

    summary = target.import_data(
        json.dumps(source.export_data(actor="a")), "export.json", actor="a"
    )

    assert summary.counts["audit_log"] == len(_audit(source, skip="data.export"))
    assert [(r.email, r.grant.role.value, r.grant.scope) for r in target.role_assignments()] == [
        ("admin@example.com", "admin", ""),
        ("ana@example.com", "team_editor", "checkout"),
        ("ops@example.com", "org_viewer", ""),
    ]
    kept = [e.details for e in target.audit_entries(limit=10_000) if e.actor == "roles-file"]
    assert kept == [
        {"change": "grant", "role": "org_viewer", "scope": ""},
        {"change": "grant", "role": "admin", "scope": ""},
    ]


def _broken(document: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    broken["teams"][0]["unit"] = "nowhere"
    broken["assessments"][0]["answers"]["BR-01"] = {"value": -1}
    broken["assessments"][1]["id"] = broken["assessments"][0]["id"]
    broken["assessments"][2]["answer"] = {}
    broken["conflicting_edits"][0]["assessment"] = 99
    broken["role_assignments"][0]["email"] = "not an email"
    return broken


def test_a_malformed_export_is_rejected_whole_with_every_reason(
    source: ReadinessService, target: ReadinessService
):
    broken = _broken(source.export_data(actor="a"))

    with pytest.raises(ContentError) as rejected:
        target.import_data(json.dumps(broken), "export.json", actor="a")

    assert [str(p) for p in rejected.value.problems] == [
        "export.json: assessments[0].answers.BR-01.value: must be at least 0, got -1",
        "export.json: assessments[2].answer: unknown field 'answer' (hint: did you mean"
        " 'answers'?)",
    ]
    del broken["assessments"][2]["answer"]
    broken["assessments"][0]["answers"]["BR-01"] = {"value": 1}

    with pytest.raises(ContentError) as rejected:
        target.import_data(json.dumps(broken), "export.json", actor="a")

    assert [str(p) for p in rejected.value.problems] == [
        "export.json: teams[0].unit: 'nowhere' is not in this export",
        "export.json: assessments[1]: assessment id 1 appears twice",
        "export.json: conflicting_edits[0].assessment: 99 is not in this export",
        "export.json: role_assignments[0]: 'not an email' is not an email address"
        " (write name@example.com)",
    ]
    assert target.list_teams() == []
    assert target.audit_entries() == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '{"format": "autonomy-readiness-export",\n  "units": [,]}',
            "export.json:2:13: invalid JSON: Expecting value",
        ),
        (
            "[1, 2]",
            "export.json:1:1: expected a JSON object at the top, not a list (hint: an export"
            ' starts with {"format": "autonomy-readiness-export")',
        ),
        (
            '{"format": "autonomy-readiness-export", "format_version": 2}',
            "export.json: format_version: format_version 2 is not supported; this app reads 1",
        ),
        (
            '{"format": "something-else", "format_version": 1}',
            "export.json: format: unknown value 'something-else' (hint: allowed values:"
            " autonomy-readiness-export)",
        ),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_its_reason(
    target: ReadinessService, text: str, problem: str
):
    with pytest.raises(ContentError) as rejected:
        target.check_import(text, "export.json")

    assert str(rejected.value.problems[0]) == problem


def test_an_export_answered_on_a_questionnaire_not_stored_here_is_refused_with_the_reason(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="admin@example.com")
    document["assessments"][0]["questionnaire_version"] = "2"

    with pytest.raises(ContentError) as caught:
        target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    assert [str(p) for p in caught.value.problems] == [
        "export.json: assessments[0].questionnaire_version: answered on questionnaire"
        " test-readiness version 2, which is neither stored here nor carried by this export, so"
        " it could not be scored as answered (hint: put questionnaire test-readiness version 2"
        " in force once (then switch back), or export again from a database that holds it)"
    ]
    assert target.list_teams() == []


def test_stored_versions_travel_with_the_export(
    source: ReadinessService, target: ReadinessService, content, clock: Clock
):
    put_in_force(source.engine, content, clock)
    document = source.export_data(actor="admin@example.com")
    assert [(v["kind"], v["content_id"], v["version"]) for v in document["content_versions"]] == [
        ("questionnaire", "test-readiness", "3"),
        ("catalogue", "test-chains", "1"),
    ]
    # An assessment on an older version the export carries is accepted and stays scorable.
    summary = target.import_data(json.dumps(document), "export.json", actor="admin@example.com")
    assert summary.counts["content_versions"] == 2
    library = stored_library(target.engine, content)
    assert library.content_for(("test-readiness", "3"), ("test-chains", "1")) == content
