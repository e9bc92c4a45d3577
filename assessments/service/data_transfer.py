"""Full data export (JSON) and import back into an empty database.

The export holds units, teams, assessments with answers and chain states, conflicting edits,
the audit log and role assignments (`assessments/files/export_format.py`). An import checks the
whole document first and writes it in one transaction, keeping the ids of units, teams,
assessments and conflicting edits so the audit log still points at the right records.
"Empty" means no units, teams or assessments: role grants and audit entries written at
start-up (the roles file) may already be there; grants are merged and audit entries appended.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from assessments.errors import InvalidInputError
from assessments.files.export_checks import parse_checked_export
from assessments.files.export_format import FORMAT, FORMAT_VERSION, DataExport
from assessments.service.core import ServiceCore
from assessments.service.guard import admin, allowed
from assessments.storage.audit import AuditAction
from assessments.storage.contract import Repository
from assessments.storage.transfer_rows import ImportRows

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportSummary:
    """How many records of each kind an import wrote (or, checked only, would write)."""

    counts: dict[str, int]
    applied: bool

    def summary(self) -> str:
        """ "6 units, 40 teams, 158 assessments (4,740 answers), 3 conflicting edits, …"."""
        c = self.counts
        return (
            f"{c['units']} units, {c['teams']} teams, {c['assessments']} assessments"
            f" ({c['answers']:,} answers), {c['conflicting_edits']} conflicting edits,"
            f" {c['audit_log']:,} audit entries, {c['role_assignments']} role assignments"
        )


class DataTransfer(ServiceCore):
    """Export everything as one JSON document; import one into an empty database."""

    @allowed(admin("export all data"))
    def export_data(self, *, actor: str = "") -> dict[str, Any]:
        """Every record as a JSON-ready document (`format_version` 1); the export is audited."""
        with self.store.unit_of_work(actor) as repo:
            document = DataExport.model_validate(
                {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "exported_at": repo.now,
                    **repo.export_records(),
                }
            )
            repo.audit.record(AuditAction.DATA_EXPORT, "data", "export", document.counts())
        _log.info("data exported: %d assessments", len(document.assessments))
        return document.model_dump(mode="json", exclude_defaults=True)

    @allowed(admin("import data"))
    def check_import(self, source: str | bytes, file: str) -> ImportSummary:
        """What importing this export would write; ContentError or InvalidInputError if refused."""
        return self.import_data(source, file, dry_run=True)

    @allowed(admin("import data"))
    def import_data(
        self, source: str | bytes, file: str, *, actor: str = "", dry_run: bool = False
    ) -> ImportSummary:
        """Write an export into this (empty) database, all or nothing."""
        export = parse_checked_export(source, file, self._content)
        with self.store.unit_of_work(actor) as repo:
            _refuse_unless_empty(repo)
            if dry_run:
                return ImportSummary(export.counts(), applied=False)
            repo.import_records(_import_rows(export))
            details = {**export.counts(), "exported_at": export.exported_at.isoformat()}
            repo.audit.record(AuditAction.DATA_IMPORT, "data", file, details)
        _log.info("data imported: %d assessments", len(export.assessments))
        return ImportSummary(export.counts(), applied=True)


def _refuse_unless_empty(repo: Repository) -> None:
    counts = repo.org_counts()
    if any(counts.values()):
        held = ", ".join(f"{count} {label}" for label, count in counts.items())
        raise InvalidInputError(
            f"this database already holds {held}; import only into an empty database"
            " (a fresh READINESS_DATABASE_URL), so nothing here is overwritten"
        )


def _import_rows(export: DataExport) -> ImportRows:
    return ImportRows(
        units=[u.model_dump(mode="python") for u in export.units],
        teams=[t.model_dump(mode="python") for t in export.teams],
        assessments=[
            a.model_dump(mode="python", exclude={"answers", "chains"}) for a in export.assessments
        ],
        answers=[
            {"assessment_id": a.id, "question_id": qid, **entry.model_dump(mode="python")}
            for a in export.assessments
            for qid, entry in a.answers.items()
        ],
        chains=[
            {"assessment_id": a.id, "chain_id": chain_id, "removed": removed}
            for a in export.assessments
            for chain_id, removed in a.chains.items()
        ],
        conflicting_edits=[
            {**c.model_dump(mode="python", exclude={"assessment"}), "assessment_id": c.assessment}
            for c in export.conflicting_edits
        ],
        audit_log=[e.model_dump(mode="python") for e in export.audit_log],
        role_assignments=[
            {**r.model_dump(mode="python"), "role": r.role.value} for r in export.role_assignments
        ],
    )
