"""The in-memory store's records: assessments, the state a unit of work copies, the audit log."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assessments.content.answers import AnswerEntry
from assessments.storage.audit import AuditAction, AuditEntryView, versions_moved_by
from assessments.storage.views import AssessmentRecord, ConflictingEditView, UnitView


@dataclass
class MemoryAssessment:
    id: int
    team_id: int
    period: str
    questionnaire: tuple[str, str]
    status: str
    revision: int
    version: int
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    answers: dict[str, AnswerEntry] = field(default_factory=dict)
    chains: dict[str, bool] = field(default_factory=dict)
    catalogue: tuple[str, str] | None = None
    carried: dict[str, str] = field(default_factory=dict)


@dataclass
class MemoryState:
    units: dict[int, UnitView] = field(default_factory=dict)
    teams: dict[int, tuple[str, str, int]] = field(default_factory=dict)
    assessments: dict[int, MemoryAssessment] = field(default_factory=dict)
    edits: list[ConflictingEditView] = field(default_factory=list)
    audit: list[AuditEntryView] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    last_id: int = 0

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id


class MemoryRecorder:
    """Appends audit entries to the in-memory log, actor and time bound."""

    def __init__(self, state: MemoryState, actor: str, at: datetime) -> None:
        self._state = state
        self.actor = actor
        self.at = at

    def record(
        self,
        action: AuditAction,
        entity: str,
        entity_id: str | int,
        details: dict[str, Any] | None = None,
        period: str | None = None,
    ) -> None:
        for name in versions_moved_by(action, period):
            self._state.versions[name] = self._state.versions.get(name, 0) + 1
        entry = AuditEntryView(
            len(self._state.audit) + 1,
            self.at,
            self.actor,
            action.value,
            entity,
            str(entity_id),
            copy.deepcopy(details or {}),
        )
        self._state.audit.append(entry)


def memory_record(a: MemoryAssessment) -> AssessmentRecord:
    return AssessmentRecord(
        a.id, a.team_id, a.period, a.status, a.revision, a.version, a.updated_by, a.updated_at,
        a.questionnaire[0], a.questionnaire[1],
    )  # fmt: skip
