"""Reading stored assessments back: team history, period snapshots, org history, timestamps."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import cast

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from assessments.storage.views import SubmissionView
from tests.integration.conftest import START, Clock
from tests.integration.storage_samples import ANA, FULL, submitted


def test_history_keeps_latest_submitted_revision_per_period_in_order(org: ReadinessService):
    q3 = submitted(org, "checkout", "2026-Q3")
    q1 = submitted(org, "checkout", "2026-Q1")
    first_q4 = submitted(org, "checkout", "2026-Q4")
    revision = org.open_draft("checkout", "2026-Q4", actor=ANA)
    second_q4 = org.submit(revision.id, expected_version=1, actor=ANA)
    org.open_draft("checkout", "2027-Q1", actor=ANA)
    submitted(org, "billing", "2026-Q2")
    history = org.team_history("checkout")
    assert [(h.period, h.revision, h.id) for h in history] == [
        ("2026-Q1", 1, q1.id),
        ("2026-Q3", 1, q3.id),
        ("2026-Q4", 2, second_q4.id),
    ]
    assert first_q4.id not in {h.id for h in history}
    assert org.periods() == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    assert org.latest_submitted("runtime", "2026-Q4") is None


def test_period_snapshot_lists_every_team_with_frames_of_latest_submissions(
    org: ReadinessService,
):
    old = submitted(org, "checkout", "2026-Q4", removed=("prod-write",))
    revision = org.open_draft("checkout", "2026-Q4", actor=ANA)
    latest = org.submit(revision.id, expected_version=1, actor=ANA)
    billing = submitted(
        org,
        "billing",
        "2026-Q4",
        answers={"BR-01": AnswerEntry(value=2), **{k: v for k, v in FULL.items() if k != "BR-01"}},
        removed=("tool-approval",),
    )
    org.open_draft("runtime", "2026-Q4", actor=ANA)
    submitted(org, "runtime", "2026-Q3")

    snapshot = org.period_snapshot("2026-Q4")
    assert snapshot.period == "2026-Q4"
    assert [(t.team.slug, t.latest and t.latest.id, t.has_draft) for t in snapshot.teams] == [
        ("billing", billing.id, False),
        ("checkout", latest.id, False),
        ("runtime", None, True),
    ]
    assert [t.team.slug for t in snapshot.submitted] == ["billing", "checkout"]
    assert old.id not in set(snapshot.answers["assessment_id"])
    rows = sorted(
        (
            r.assessment_id,
            r.question_id,
            r.kind,
            None if math.isnan(cast(float, r.value)) else r.value,
            r.has_evidence,
        )
        for r in snapshot.answers.itertuples(index=False)
    )
    assert rows == [
        (latest.id, "BR-01", "value", 3.0, True),
        (latest.id, "BR-02", "value", 0.0, False),
        (latest.id, "OS-01", "value", 2.0, False),
        (latest.id, "PA-01", "dont_know", None, False),
        (latest.id, "PA-02", "not_applicable", None, False),
        (billing.id, "BR-01", "value", 2.0, False),
        (billing.id, "BR-02", "value", 0.0, False),
        (billing.id, "OS-01", "value", 2.0, False),
        (billing.id, "PA-01", "dont_know", None, False),
        (billing.id, "PA-02", "not_applicable", None, False),
    ]
    assert list(snapshot.answers.dtypes.astype(str)) == [
        "int64",
        "object",
        "object",
        "float64",
        "bool",
    ]
    removed = snapshot.removed.sort_values("assessment_id").to_dict("records")
    assert removed == [
        {"assessment_id": latest.id, "chain_id": "prod-write"},
        {"assessment_id": billing.id, "chain_id": "tool-approval"},
    ]


def test_period_snapshot_lists_who_submitted_the_latest_revision_and_when(
    org: ReadinessService, clock: Clock
):
    submitted(org, "checkout", "2026-Q4")
    revision = org.open_draft("checkout", "2026-Q4", actor="bo@example.com")
    clock.advance(30)
    latest = org.submit(revision.id, expected_version=1, actor="bo@example.com")
    snapshot = org.period_snapshot("2026-Q4")
    assert [t.latest for t in snapshot.teams if t.team.slug == "checkout"] == [
        SubmissionView(
            id=latest.id,
            period="2026-Q4",
            revision=2,
            questionnaire_id="test-readiness",
            questionnaire_version="3",
            submitted_by="bo@example.com",
            submitted_at=START + timedelta(minutes=30),
        )
    ]


def test_period_snapshot_of_an_empty_period_has_empty_frames_with_columns(org: ReadinessService):
    snapshot = org.period_snapshot("2030-Q1")
    assert [(t.team.slug, t.latest, t.has_draft) for t in snapshot.teams] == [
        ("billing", None, False),
        ("checkout", None, False),
        ("runtime", None, False),
    ]
    assert list(snapshot.answers.columns) == [
        "assessment_id",
        "question_id",
        "kind",
        "value",
        "has_evidence",
    ]
    assert list(snapshot.removed.columns) == ["assessment_id", "chain_id"]
    assert (len(snapshot.answers), len(snapshot.removed)) == (0, 0)


VERSIONS = {
    "questionnaire_id": "test-readiness",
    "questionnaire_version": "3",
    "catalogue_id": "test-chains",
    "catalogue_version": "1",
}


def test_org_history_frames_hold_latest_submission_of_every_team_and_period(
    org: ReadinessService,
):
    q3 = submitted(org, "runtime", "2026-Q3", removed=("tool-approval",))
    q4 = submitted(org, "checkout", "2026-Q4")
    org.open_draft("billing", "2026-Q4", actor=ANA)
    history = org.org_history()
    assert history.assessments.to_dict("records") == [
        {
            "assessment_id": q3.id,
            "team_slug": "runtime",
            "unit_slug": "platform",
            "period": "2026-Q3",
            "revision": 1,
            **VERSIONS,
        },
        {
            "assessment_id": q4.id,
            "team_slug": "checkout",
            "unit_slug": "payments",
            "period": "2026-Q4",
            "revision": 1,
            **VERSIONS,
        },
    ]
    assert sorted(set(history.answers["assessment_id"])) == sorted([q3.id, q4.id])
    assert len(history.answers) == 10
    assert history.removed.to_dict("records") == [
        {"assessment_id": q3.id, "chain_id": "tool-approval"}
    ]


def test_timestamps_come_back_timezone_aware_in_utc(org: ReadinessService):
    done = submitted(org, "checkout", "2026-Q4")
    for stamp in (done.created_at, done.updated_at, done.submitted_at):
        assert stamp is not None
        assert stamp.utcoffset() is not None
        assert stamp == START
    entry = org.audit_entries(limit=1)[0]
    assert entry.at.tzinfo is not None
