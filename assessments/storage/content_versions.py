"""The stored content versions: the only place that knows their SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from assessments.content.versions import ContentKindName, StoredVersion
from assessments.storage.tables import AnswerRow, AssessmentRow, ContentVersionRow


class ContentVersionStore:
    """Reads and adds stored content versions over one session; never changes a stored one."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[StoredVersion]:
        """Every stored version, oldest first."""
        rows = self.session.scalars(select(ContentVersionRow).order_by(ContentVersionRow.id))
        return [_view(row) for row in rows]

    def find(self, kind: ContentKindName, content_id: str, version: str) -> StoredVersion | None:
        """The stored version of this kind, id and version, if any."""
        row = self.session.scalar(
            select(ContentVersionRow).where(
                ContentVersionRow.kind == kind.value,
                ContentVersionRow.content_id == content_id,
                ContentVersionRow.version == version,
            )
        )
        return None if row is None else _view(row)

    def add(self, version: StoredVersion, at: datetime) -> None:
        """Store a version seen for the first time."""
        self.session.add(
            ContentVersionRow(
                kind=version.kind.value,
                content_id=version.content_id,
                version=version.version,
                sha256=version.sha256,
                body=dict(version.body),
                source_file=version.source_file[:500],
                first_used_at=at,
            )
        )
        self.session.flush()

    def fill_missing_catalogue(self, catalogue_id: str, catalogue_version: str) -> int:
        """Record this catalogue on assessments stored before catalogues were recorded."""
        result = self.session.execute(
            update(AssessmentRow)
            .where(AssessmentRow.catalogue_id.is_(None))
            .values(catalogue_id=catalogue_id, catalogue_version=catalogue_version)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def answered_counts(self) -> dict[tuple[str, str], int]:
        """How many stored assessments were answered on each (questionnaire id, version)."""
        key = (AssessmentRow.questionnaire_id, AssessmentRow.questionnaire_version)
        rows = self.session.execute(select(*key, func.count()).group_by(*key))
        return {(str(a), str(b)): int(n) for a, b, n in rows}

    def highest_values(self, questionnaire_id: str, version: str) -> dict[str, int]:
        """The highest value stored per question among assessments on this version."""
        rows = self.session.execute(
            select(AnswerRow.question_id, func.max(AnswerRow.value))
            .join(AssessmentRow, AssessmentRow.id == AnswerRow.assessment_id)
            .where(
                AssessmentRow.questionnaire_id == questionnaire_id,
                AssessmentRow.questionnaire_version == version,
                AnswerRow.value.is_not(None),
            )
            .group_by(AnswerRow.question_id)
        )
        return {str(q): int(v) for q, v in rows if v is not None}


def _view(row: ContentVersionRow) -> StoredVersion:
    return StoredVersion(
        ContentKindName(row.kind),
        row.content_id,
        row.version,
        row.sha256,
        row.body,
        row.source_file,
    )
