"""ReadinessService: the one entry point pages and the CLI use to read and write assessments.

The commands live with their noun — org (`org_structure.py`), drafts (`drafts.py`, prefill and
carried answers in `prefill.py`), reading
(`history.py`), roles (`roles.py`) and data export/import (`data_transfer.py`) — each with
the rule of who may call it declared right above it (`guard.py`). They share one store,
content and access (`core.py`). Every call runs in its own unit of work and returns frozen
views (`assessments/storage/views.py`), never ORM objects; every write is audited in the
same transaction.

A new command is one method in its noun's module, with its `@allowed(...)` rule.
"""

from __future__ import annotations

from assessments.access import Principal
from assessments.files.org_import import OrgImportPlan
from assessments.service.core import Clock, Content
from assessments.service.data_transfer import DataTransfer, ImportSummary
from assessments.service.evidence import EvidenceCommands, EvidenceScanView
from assessments.service.guard import Access
from assessments.service.history import HistoryQueries
from assessments.service.incidents import IncidentCommands
from assessments.service.kept_changes import KeptChangeCommands
from assessments.service.org_structure import OrgCommands
from assessments.service.prefill import PrefillCommands, PrefillPlan
from assessments.service.removal_requests import RemovalRequestCommands
from assessments.service.roles import RoleCommands, RoleImportPlan, RoleSyncSummary
from assessments.storage.audit import AuditAction, AuditEntryView
from assessments.storage.views import (
    ConflictingEditView,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    RoleAssignmentView,
    TeamSnapshot,
    TeamView,
    UnitView,
)


class ReadinessService(
    OrgCommands,
    KeptChangeCommands,
    PrefillCommands,
    HistoryQueries,
    RoleCommands,
    DataTransfer,
    EvidenceCommands,
    RemovalRequestCommands,
    IncidentCommands,
):
    """Org structure, drafts, submissions, history, roles, evidence, the track record and the
    audit log, over one store.

    Built on an engine it is the trusted service (the CLI, start-up, tests): it checks no
    permissions and writes name the actor they are given. `acting_as(principal)` (or
    `AuthorizedService`) gives the same commands as one signed-in person may use them.

    Example:
        engine = make_engine(); upgrade_to_head(engine)
        service = ReadinessService(engine, load_content())
        draft = service.open_draft("payments-core", "2026-Q4", actor="ana@example.com")
        draft = service.save_answer(draft.id, "BR-01", AnswerEntry(value=3),
                                    expected_version=draft.version, actor="ana@example.com")
    """

    def acting_as(self, principal: Principal) -> AuthorizedService:
        """The same service as `principal` may use it: every command checked, writes theirs."""
        return AuthorizedService(self, principal)


class AuthorizedService(ReadinessService):
    """The service as one signed-in person may use it; pages reach storage only through it.

    Each command checks the rule declared next to it against the person's grants
    (`assessments/access.py`) before it runs, and writes name the person as their actor.
    Org-wide reads are narrowed to what the person may see; anything else raises
    `AuthorizationError` with a plain message.
    """

    def __init__(self, service: ReadinessService, principal: Principal) -> None:
        super().__init__(service.store, service.content, access=Access(principal))
        self.principal = principal
        self.request_expiry_days = service.request_expiry_days


__all__ = [
    "AuditAction",
    "AuditEntryView",
    "AuthorizedService",
    "Clock",
    "ConflictingEditView",
    "Content",
    "DraftView",
    "EvidenceScanView",
    "ImportSummary",
    "OrgHistory",
    "OrgImportPlan",
    "PeriodSnapshot",
    "PrefillPlan",
    "ReadinessService",
    "RoleAssignmentView",
    "RoleImportPlan",
    "RoleSyncSummary",
    "TeamSnapshot",
    "TeamView",
    "UnitView",
]
