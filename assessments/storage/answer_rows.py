"""Answer, chain state and conflicting edit rows of one draft."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from assessments.content.answers import AnswerEntry
from assessments.storage.tables import (
    AnswerRow,
    AssessmentRow,
    AuditRow,
    ChainStateRow,
    ConflictingEditRow,
)
from assessments.storage.views import AssessmentRecord, ConflictingEditView


def put_answer(session: Session, assessment_id: int, question_id: str, entry: AnswerEntry) -> None:
    """Insert or replace one answer; a carried answer given again is no longer carried."""
    existing = session.scalar(
        select(AnswerRow).where(
            AnswerRow.assessment_id == assessment_id, AnswerRow.question_id == question_id
        )
    )
    row = existing or AnswerRow(assessment_id=assessment_id, question_id=question_id)
    row.value = entry.value
    row.not_applicable = entry.not_applicable
    row.dont_know = entry.dont_know
    row.evidence = entry.evidence
    row.note = entry.note
    row.carried_from = None
    session.add(row)
    session.flush()


def delete_answer(session: Session, assessment_id: int, question_id: str) -> None:
    """Remove one answer, if there is one."""
    session.execute(
        delete(AnswerRow).where(
            AnswerRow.assessment_id == assessment_id, AnswerRow.question_id == question_id
        )
    )


def put_chain_state(session: Session, assessment_id: int, chain_id: str, removed: bool) -> None:
    """Insert or replace one chain state."""
    existing = session.scalar(
        select(ChainStateRow).where(
            ChainStateRow.assessment_id == assessment_id, ChainStateRow.chain_id == chain_id
        )
    )
    row = existing or ChainStateRow(assessment_id=assessment_id, chain_id=chain_id)
    row.removed = removed
    session.add(row)
    session.flush()


def add_answers(
    session: Session,
    assessment_id: int,
    answers: Mapping[str, AnswerEntry],
    carried_from: str | None = None,
) -> None:
    """Insert answers the assessment does not have yet, in one round; `carried_from` marks
    them as copied from that period and awaiting confirmation."""
    rows = [
        {
            "assessment_id": assessment_id,
            "question_id": qid,
            **entry.model_dump(),
            "carried_from": carried_from,
        }
        for qid, entry in answers.items()
    ]
    insert_rows(session, AnswerRow, rows)


def carried_of(session: Session, assessment_id: int) -> dict[str, str]:
    """The answers of one assessment still awaiting confirmation: question id → source period."""
    query = select(AnswerRow.question_id, AnswerRow.carried_from).where(
        AnswerRow.assessment_id == assessment_id, AnswerRow.carried_from.is_not(None)
    )
    return {qid: str(period) for qid, period in session.execute(query)}


def confirm_answers(session: Session, assessment_id: int, question_ids: Collection[str]) -> None:
    """Clear the carried marks of these answers: someone has looked at them."""
    if question_ids:
        session.execute(
            update(AnswerRow)
            .where(
                AnswerRow.assessment_id == assessment_id,
                AnswerRow.question_id.in_(list(question_ids)),
            )
            .values(carried_from=None)
            .execution_options(synchronize_session=False)
        )


def add_chain_states(session: Session, assessment_id: int, chains: Mapping[str, bool]) -> None:
    """Insert chain states the assessment does not have yet, in one round."""
    rows = [
        {"assessment_id": assessment_id, "chain_id": chain_id, "removed": removed}
        for chain_id, removed in chains.items()
    ]
    insert_rows(session, ChainStateRow, rows)


def insert_rows(session: Session, table: type[Any], rows: list[dict[str, Any]]) -> None:
    """Insert many rows of a table in one executemany round."""
    if rows:
        # render_nulls keeps every row's column set the same, so the rows go out as one
        # executemany instead of splitting wherever a value is None (4x on PostgreSQL).
        session.execute(insert(table).execution_options(render_nulls=True), rows)


def add_conflicting_edit(
    session: Session,
    found: AssessmentRecord,
    write: tuple[str, str, dict[str, Any]],
    expected_version: int,
    by: tuple[str, datetime],
) -> int:
    """Keep a refused write (action, target, payload) to `found` aside; returns its id."""
    action, target, payload = write
    actor, now = by
    row = ConflictingEditRow(
        assessment_id=found.id,
        action=action,
        target=target,
        payload=payload,
        actor=actor,
        expected_version=expected_version,
        found_version=found.version,
        found_updated_by=found.updated_by,
        found_updated_at=found.updated_at,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def conflicting_edits(session: Session, assessment_id: int) -> list[ConflictingEditView]:
    """Writes kept aside for an assessment, oldest first."""
    query = (
        select(ConflictingEditRow)
        .where(ConflictingEditRow.assessment_id == assessment_id)
        .order_by(ConflictingEditRow.id)
    )
    return [_conflicting_edit_view(row) for row in session.scalars(query)]


REAPPLICABLE = ("answer.save", "answer.clear", "chain.set")
"""Kept writes that carry what to write again (a prefill or a submission is simply redone)."""
CONFIRM = "answers.confirm"
"""A pillar's carried answers confirmed: changes `pillar:<id>`, no answer."""
_TRACKED = (*REAPPLICABLE, "draft.prefill", CONFIRM)


def kept_changes(
    session: Session, team_id: int, period: str, actor: str
) -> list[ConflictingEditView]:
    """One person's kept answer and chain changes on any revision of a team's period."""
    query = (
        select(ConflictingEditRow)
        .join(AssessmentRow, AssessmentRow.id == ConflictingEditRow.assessment_id)
        .where(
            AssessmentRow.team_id == team_id,
            AssessmentRow.period == period,
            ConflictingEditRow.actor == actor,
            ConflictingEditRow.action.in_(REAPPLICABLE),
        )
        .order_by(ConflictingEditRow.id)
    )
    return [_conflicting_edit_view(row) for row in session.scalars(query)]


def conflicting_edit(session: Session, edit_id: int) -> ConflictingEditView | None:
    """One kept write."""
    row = session.get(ConflictingEditRow, edit_id)
    return None if row is None else _conflicting_edit_view(row)


def delete_conflicting_edit(session: Session, edit_id: int) -> None:
    """Forget a kept write (it was re-applied; the audit trail keeps both)."""
    session.execute(delete(ConflictingEditRow).where(ConflictingEditRow.id == edit_id))


def changed_since(session: Session, assessment_id: int, version: int) -> set[str] | None:
    """The questions and chains of a draft changed after `version`, read from the audit trail
    (written in the same transaction as each change); None if a prefill changed any of them."""
    query = select(AuditRow.action, AuditRow.details).where(
        AuditRow.entity == "assessment",
        AuditRow.entity_id == str(assessment_id),
        AuditRow.action.in_(_TRACKED),
    )
    return changed_targets(((a, d) for a, d in session.execute(query)), version)


def changed_targets(
    entries: Iterable[tuple[str, Mapping[str, Any]]], version: int
) -> set[str] | None:
    """From audited writes (action, details), the targets changed after `version`: question
    and chain ids, and `pillar:<id>` for a pillar whose carried answers were confirmed."""
    changed: set[str] = set()
    for action, details in entries:
        if action not in _TRACKED:
            continue
        if int(details.get("version", 0)) <= version:
            continue
        if action == "draft.prefill":
            return None
        if action == CONFIRM:
            changed.add(f"pillar:{details.get('pillar')}")
        else:
            changed.add(str(details.get("question") or details.get("chain")))
    return changed


def _conflicting_edit_view(row: ConflictingEditRow) -> ConflictingEditView:
    raw = row.payload.get("entry")
    return ConflictingEditView(
        id=row.id,
        assessment_id=row.assessment_id,
        action=row.action,
        target=row.target,
        payload=dict(row.payload),
        actor=row.actor,
        expected_version=row.expected_version,
        found_version=row.found_version,
        found_updated_by=row.found_updated_by,
        found_updated_at=row.found_updated_at,
        created_at=row.created_at,
        entry=None if raw is None else AnswerEntry.model_validate(raw),
    )
