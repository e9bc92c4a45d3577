"""Starting a draft from the last quarter: prefill, what it brings, and confirming it.

A prefill copies the team's last earlier submission into the draft's unanswered questions and
marks each copied answer as carried. A carried answer still scores, but counts as answered only
once someone confirms it (a pillar at a time) or changes it, and a draft with carried answers
left cannot be submitted: "30 of 30 answered" two clicks after a prefill would hide what
needs review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessments.content.draft_rules import check_pillar
from assessments.content.migration import QuestionFate
from assessments.errors import NotFoundError
from assessments.service.drafts import DraftCommands, find_assessment
from assessments.service.guard import allowed, draft_editor
from assessments.storage.audit import AuditAction
from assessments.storage.contract import Repository
from assessments.storage.views import AssessmentRecord, DraftView


@dataclass(frozen=True)
class PrefillPlan:
    """What a prefill brings: from which period and version, and each question's fate."""

    source_period: str
    source_version: str
    fates: tuple[QuestionFate, ...]


class PrefillCommands(DraftCommands):
    """Prefill a draft from the last earlier submission, and confirm what it carried."""

    @allowed(draft_editor("prefill"))
    def prefill_from_previous(
        self, assessment_id: int, *, expected_version: int, actor: str = ""
    ) -> DraftView:
        """Fill unanswered questions and unset chains from the team's last earlier submission;
        the answers it copies are carried until confirmed or changed."""

        def change(repo: Repository, draft: AssessmentRecord) -> dict[str, Any]:
            source = repo.latest_submitted(draft.team_id, before=draft.period)
            if source is None:
                team_name = repo.draft_view(draft.id).team_name
                raise NotFoundError(
                    f"no submitted assessment of {team_name} before {draft.period} to prefill from"
                )
            copied = self._copy(repo, source, draft, carried_from=source.period)
            return {"source": source.id, "source_period": source.period, **copied}

        return self._write(
            assessment_id,
            expected_version,
            actor,
            AuditAction.DRAFT_PREFILL,
            "",
            {},
            "your prefill from the previous period",
            change,
        )

    @allowed(draft_editor("confirm carried answers in"))
    def confirm_answers(
        self, assessment_id: int, pillar_id: str, *, expected_version: int, actor: str = ""
    ) -> DraftView:
        """Confirm the carried answers of one pillar as they stand: they count as answered.

        A teammate's write to other questions in between does not refuse it; a prefill in
        between (which may have carried answers this person has not seen) does.
        """
        questionnaire = self._content.questionnaire
        check_pillar(questionnaire, pillar_id)
        pillar = questionnaire.pillar(pillar_id)

        def change(repo: Repository, draft: AssessmentRecord) -> dict[str, Any]:
            carried = repo.carried_of(draft.id)
            confirmed = [q.id for q in questionnaire.questions_of(pillar_id) if q.id in carried]
            repo.confirm_answers(draft.id, confirmed)
            return {"pillar": pillar_id, "confirmed": confirmed}

        return self._write(
            assessment_id,
            expected_version,
            actor,
            AuditAction.ANSWERS_CONFIRM,
            f"pillar:{pillar_id}",
            {},
            f"your confirmation of the answers carried into {pillar.name}",
            change,
        )

    @allowed(draft_editor("prefill"))
    def prefill_plan(self, assessment_id: int) -> PrefillPlan | None:
        """What a prefill of this draft brings from the last earlier submission, question by
        question (carried, mapped, needs a fresh answer); None when there is nothing before."""
        with self.store.unit_of_work() as repo:
            draft = find_assessment(repo, assessment_id)
            source = repo.latest_submitted(draft.team_id, before=draft.period)
            if source is None:
                return None
            migration = self._carried(source, draft, repo.answers_of(source.id))
            return PrefillPlan(source.period, source.questionnaire_version, migration.fates)
