"""ReadinessService: the one entry point pages and the CLI use to read and write assessments.

The methods live with their noun — org (`assessments/org.py`), drafts (`assessments/drafts.py`),
reading (`assessments/history.py`), roles (`assessments/roles.py`) and data export/import
(`assessments/data_transfer.py`) — and share one engine, content and clock
(`assessments/service_core.py`). Every call runs in its own transaction and returns frozen
views (`assessments/views.py`), never ORM objects; every write is audited in the same
transaction.
"""

from __future__ import annotations

from assessments.files.org_import import OrgImportPlan
from assessments.service.core import Clock, Content
from assessments.service.data_transfer import DataTransfer, ImportSummary
from assessments.service.drafts import DraftCommands
from assessments.service.history import HistoryQueries
from assessments.service.org_structure import OrgCommands
from assessments.service.roles import (
    RoleAssignmentView,
    RoleCommands,
    RoleImportPlan,
    RoleSyncSummary,
)
from assessments.service.track_record import TrackRecordCommands
from assessments.storage.audit import AuditAction, AuditEntryView
from assessments.storage.views import (
    ConflictingEditView,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    TeamSnapshot,
    TeamView,
    UnitView,
)


class ReadinessService(
    OrgCommands, DraftCommands, HistoryQueries, RoleCommands, DataTransfer, TrackRecordCommands
):
    """Org structure, drafts, submissions, history, roles and the audit log, over one database.

    It checks no permissions: pages reach it through `assessments.authorized.AuthorizedService`,
    which does, and passes the signed-in email as the actor.

    Example:
        engine = make_engine(); upgrade_to_head(engine)
        service = ReadinessService(engine, load_content())
        draft = service.open_draft("payments-core", "2026-Q4", actor="ana@example.com")
        draft = service.save_answer(draft.id, "BR-01", AnswerEntry(value=3),
                                    expected_version=draft.version, actor="ana@example.com")
    """


__all__ = [
    "AuditAction",
    "AuditEntryView",
    "Clock",
    "ConflictingEditView",
    "Content",
    "DraftView",
    "ImportSummary",
    "OrgHistory",
    "OrgImportPlan",
    "PeriodSnapshot",
    "ReadinessService",
    "RoleAssignmentView",
    "RoleImportPlan",
    "RoleSyncSummary",
    "TeamSnapshot",
    "TeamView",
    "UnitView",
]
