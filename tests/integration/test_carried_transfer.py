"""A draft's carried answers survive a data export and import; older exports still import."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assessments.errors import ContentError
from assessments.service.readiness import ReadinessService
from assessments.storage.db import upgrade_to_head
from tests.integration.conftest import Clock, Database
from tests.integration.storage_samples import ANA, FULL, submitted


@pytest.fixture
def source(org: ReadinessService) -> ReadinessService:
    """A 2026-Q3 submission and a 2026-Q4 draft prefilled from it, blast radius confirmed."""
    submitted(org, "checkout", "2026-Q3")
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    draft = org.prefill_from_previous(draft.id, expected_version=draft.version, actor=ANA)
    org.confirm_answers(draft.id, "blast_radius", expected_version=draft.version, actor=ANA)
    return org


@pytest.fixture
def target(another_database: Database, content, clock: Clock) -> ReadinessService:
    upgrade_to_head(another_database.engine)
    return ReadinessService(another_database.engine, content, clock=clock)


def _draft(document: dict[str, Any]) -> dict[str, Any]:
    drafts: list[dict[str, Any]] = [a for a in document["assessments"] if a["status"] == "draft"]
    [draft] = drafts
    return draft


def test_the_export_lists_a_drafts_carried_answers_and_the_import_keeps_them(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="admin@example.com")
    exported = _draft(document)

    target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    carried = {"PA-01": "2026-Q3", "PA-02": "2026-Q3", "OS-01": "2026-Q3"}
    assert exported["carried"] == carried
    assert target.get_assessment(exported["id"]).carried == carried
    assert target.get_assessment(exported["id"]) == source.get_assessment(exported["id"])
    submission = next(a for a in document["assessments"] if a["status"] == "submitted")
    assert "carried" not in submission


def test_an_export_made_before_carried_answers_were_kept_imports_with_none_carried(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="admin@example.com")
    del _draft(document)["carried"]

    target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    imported = target.get_assessment(_draft(document)["id"])
    assert (imported.answers, imported.carried) == (FULL, {})


@pytest.mark.parametrize(
    ("status", "carried", "message"),
    [
        (
            "draft",
            {"BR-01": "2026-Q3", "XX-09": "2026-Q3"},
            "assessments[1].carried.XX-09: XX-09 is carried but not answered",
        ),
        (
            "draft",
            {"BR-01": "2026-Q4"},
            "assessments[1].carried.BR-01: carried from 2026-Q4, which is not before the"
            " assessment's 2026-Q4",
        ),
        (
            "submitted",
            {"BR-01": "2026-Q3"},
            "assessments[1].carried: a submitted assessment has no carried answers left to confirm",
        ),
    ],
)
def test_carried_marks_that_name_no_answer_a_later_period_or_a_submission_are_refused(
    source: ReadinessService,
    target: ReadinessService,
    status: str,
    carried: dict[str, str],
    message: str,
):
    document = source.export_data(actor="admin@example.com")
    draft = _draft(document)
    draft["carried"] = carried
    if status == "submitted":
        draft.update(status=status, submitted_by=ANA, submitted_at=draft["updated_at"])

    with pytest.raises(ContentError) as raised:
        target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    assert str(raised.value) == f"export.json: {message}"
    assert target.list_teams() == []
