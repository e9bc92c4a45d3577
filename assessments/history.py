"""The reading part of the service: submissions, team history, org snapshots and the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from assessments import audit
from assessments.audit import AuditEntryView
from assessments.org import find_team, team_view
from assessments.repository import draft_views
from assessments.service_core import ServiceCore
from assessments.tables import AnswerRow, AssessmentRow, AuditRow, ChainStateRow, TeamRow
from assessments.views import (
    ANSWER_FRAME_COLUMNS,
    ASSESSMENT_FRAME_COLUMNS,
    REMOVED_FRAME_COLUMNS,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    TeamSnapshot,
)
from scoring.model import AnswerKind

# (assessment_id, question_id, value, is_not_applicable, dont_know, has_evidence)
AnswerFacts = tuple[int, str, int | None, bool, bool, bool]


class HistoryQueries(ServiceCore):
    """Reads for reports, org views and the audit page."""

    def latest_submitted(self, team_slug: str, period: str) -> DraftView | None:
        """The newest submitted revision of the team's assessment for the period, if any."""
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            row = repo.latest_submitted(team.id, period=period)
            if row is None:
                return None
            return draft_views([(row, team)], repo.stored_answers([row.id]))[0]

    def current_assessment(self, team_slug: str, period: str) -> DraftView | None:
        """The newest revision for the period, draft or submitted, if any (creates nothing)."""
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            row = repo.latest_revision(team.id, period)
            if row is None:
                return None
            return draft_views([(row, team)], repo.stored_answers([row.id]))[0]

    def team_history(self, team_slug: str) -> list[DraftView]:
        """The newest submitted revision for each period, oldest period first."""
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            ids = repo.latest_submitted_query().where(AssessmentRow.team_id == team.id)
            rows = repo.assessments_with_teams(ids)
            stored = repo.stored_answers([a.id for a, _, _ in rows])
            return draft_views(((a, t) for a, t, _ in rows), stored)

    def period_snapshot(self, period: str) -> PeriodSnapshot:
        """Every team in the period with its latest submission, and frames for `score_org`."""
        with self.unit_of_work() as repo:
            teams = repo.teams()
            rows = repo.assessments_with_teams(repo.latest_submitted_query(period))
            stored = repo.stored_answers([a.id for a, _, _ in rows])
            drafting = repo.team_ids_with_draft(period)
        views = {view.team_slug: view for view in draft_views(((a, t) for a, t, _ in rows), stored)}
        snapshots = tuple(
            TeamSnapshot(team_view(team, unit), views.get(team.slug), team.id in drafting)
            for team, unit in teams
        )
        facts = (
            (
                a.assessment_id,
                a.question_id,
                a.value,
                a.not_applicable is not None,
                a.dont_know,
                a.evidence is not None,
            )
            for a in stored.answers
        )
        removed = ((c.assessment_id, c.chain_id) for c in stored.chains if c.removed)
        return PeriodSnapshot(period, snapshots, answer_frame(facts), removed_frame(removed))

    def org_history(self) -> OrgHistory:
        """The latest submission of every team in every period, as frames for `score_org`."""
        with self.unit_of_work() as repo:
            latest = repo.latest_submitted_query()
            rows = repo.assessments_with_teams(latest)
            answers = repo.session.execute(
                select(
                    AnswerRow.assessment_id,
                    AnswerRow.question_id,
                    AnswerRow.value,
                    AnswerRow.not_applicable.is_not(None),
                    AnswerRow.dont_know,
                    AnswerRow.evidence.is_not(None),
                )
                .where(AnswerRow.assessment_id.in_(latest))
                .order_by(AnswerRow.id)
            )
            chains = repo.session.execute(
                select(ChainStateRow.assessment_id, ChainStateRow.chain_id)
                .where(ChainStateRow.assessment_id.in_(latest), ChainStateRow.removed.is_(True))
                .order_by(ChainStateRow.id)
            )
            assessments = _assessment_frame(rows)
            return OrgHistory(assessments, answer_frame(answers), removed_frame(chains))

    def data_version(self) -> str:
        """A token that changes with every committed write, for invalidating cached reads.

        Every write is audited in its own transaction and audit rows are never deleted, so the
        row count grows on every commit (the max id alone could miss a slower transaction that
        took a lower id but committed later).
        """
        with self.unit_of_work() as repo:
            count, last = repo.session.execute(
                select(func.count(AuditRow.id), func.max(AuditRow.id))
            ).one()
        return f"{count}-{last or 0}"

    def audit_entries(
        self,
        *,
        limit: int = 200,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditEntryView]:
        """The newest audit entries first, optionally for one actor, one action, a time span."""
        with self.unit_of_work() as repo:
            return audit.entries(
                repo.session, limit=limit, actor=actor, action=action, since=since, until=until
            )

    def audit_actors(self) -> list[str]:
        """Everyone who appears in the audit log as the author of a write."""
        with self.unit_of_work() as repo:
            return audit.actors(repo.session)


def answer_frame(facts: Iterable[AnswerFacts]) -> pd.DataFrame:
    """Long-form answers: assessment_id, question_id, kind, value (float, NaN), has_evidence."""
    records: list[dict[str, Any]] = [
        {
            "assessment_id": assessment_id,
            "question_id": question_id,
            "kind": (
                AnswerKind.VALUE.value
                if value is not None
                else AnswerKind.NOT_APPLICABLE.value
                if not_applicable
                else AnswerKind.DONT_KNOW.value
            ),
            "value": float("nan") if value is None else float(value),
            "has_evidence": bool(has_evidence),
        }
        for assessment_id, question_id, value, not_applicable, _dont_know, has_evidence in facts
    ]
    frame = pd.DataFrame.from_records(records, columns=list(ANSWER_FRAME_COLUMNS))
    return frame.astype(
        {
            "assessment_id": "int64",
            "question_id": "object",
            "kind": "object",
            "value": "float64",
            "has_evidence": "bool",
        }
    )


def removed_frame(pairs: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """Long-form removed chains: assessment_id, chain_id."""
    frame = pd.DataFrame.from_records(list(pairs), columns=list(REMOVED_FRAME_COLUMNS))
    return frame.astype({"assessment_id": "int64", "chain_id": "object"})


def _assessment_frame(rows: Iterable[tuple[AssessmentRow, TeamRow, Any]]) -> pd.DataFrame:
    records = [(a.id, t.slug, u.slug, a.period, a.revision) for a, t, u in rows]
    frame = pd.DataFrame.from_records(records, columns=list(ASSESSMENT_FRAME_COLUMNS))
    return frame.astype(
        {
            "assessment_id": "int64",
            "team_slug": "object",
            "unit_slug": "object",
            "period": "object",
            "revision": "int64",
        }
    )
