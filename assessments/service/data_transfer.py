"""Full data export (JSON) and import back into an empty database.

The export holds units, teams, assessments with answers and chain states, conflicting edits,
the audit log and role assignments (`assessments/export_format.py`). An import checks the
whole document first and writes it in one transaction, keeping the ids of units, teams,
assessments and conflicting edits so the audit log still points at the right records.
"Empty" means no units, teams or assessments: role grants and audit entries written at
start-up (the roles file) may already be there; grants are merged and audit entries appended.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text

from assessments.content.yaml_source import YamlDocument
from assessments.errors import ContentError, InvalidInputError
from assessments.files.export_format import (
    FORMAT,
    FORMAT_VERSION,
    DataExport,
    parse_export,
    unstored_version_problems,
)
from assessments.service.core import ServiceCore
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.repository import SqlRepository
from assessments.storage.tables import (
    AnswerRow,
    AssessmentRow,
    AuditRow,
    ChainStateRow,
    ConflictingEditRow,
    ContentVersionRow,
    OrgUnitRow,
    RoleAssignmentRow,
    TeamRow,
)

_TABLES_WITH_KEPT_IDS = ("org_units", "teams", "assessments", "conflicting_edits")
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

    def export_data(self, *, actor: str) -> dict[str, Any]:
        """Every record as a JSON-ready document (`format_version` 1); the export is audited."""
        with self.unit_of_work() as repo:
            now = self._now()
            document = DataExport.model_validate(
                {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "exported_at": now,
                    **_records(repo),
                }
            )
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.DATA_EXPORT,
                entity="data",
                entity_id="export",
                details=document.counts(),
            )
        _log.info("data exported: %d assessments", len(document.assessments))
        return document.model_dump(mode="json", exclude_defaults=True)

    def check_import(self, source: str | bytes, file: str) -> ImportSummary:
        """What importing this export would write; ContentError or InvalidInputError if refused."""
        return self.import_data(source, file, actor="", dry_run=True)

    def import_data(
        self, source: str | bytes, file: str, *, actor: str, dry_run: bool = False
    ) -> ImportSummary:
        """Write an export into this (empty) database, all or nothing."""
        export = parse_export(source, file)
        with self.unit_of_work() as repo:
            _refuse_unless_empty(repo)
            self._refuse_unstored_versions(repo, export, source, file)
            if dry_run:
                return ImportSummary(export.counts(), applied=False)
            _write(repo, export)
            audit.record(
                repo.session,
                at=self._now(),
                actor=actor,
                action=AuditAction.DATA_IMPORT,
                entity="data",
                entity_id=file,
                details={**export.counts(), "exported_at": export.exported_at.isoformat()},
            )
        _log.info("data imported: %d assessments", len(export.assessments))
        return ImportSummary(export.counts(), applied=True)

    def _refuse_unstored_versions(
        self, repo: SqlRepository, export: DataExport, source: str | bytes, file: str
    ) -> None:
        """Every assessment's questionnaire and catalogue version must be stored here, in
        force, or carried by the export; a carried version must match one stored here."""
        stored = {
            (row.kind, row.content_id, row.version): row.sha256
            for row in repo.session.scalars(select(ContentVersionRow))
        }
        q, c = self._content.questionnaire, self._content.catalogue
        known = {*stored, ("questionnaire", q.id, q.version), ("catalogue", c.id, c.version)}
        document = YamlDocument(file, json.loads(source))
        problems = unstored_version_problems(export, document, known)
        for index, version in enumerate(export.content_versions):
            held = stored.get((version.kind, version.content_id, version.version))
            if held is not None and held != version.sha256:
                problems.append(
                    document.problem(
                        ("content_versions", index, "sha256"),
                        f"{version.kind} {version.content_id} version {version.version} is"
                        " stored here with other content",
                        "import into a database that has not used that version",
                    )
                )
        if problems:
            raise ContentError(problems)


def _records(repo: SqlRepository) -> dict[str, list[dict[str, Any]]]:
    session = repo.session
    units = list(session.scalars(select(OrgUnitRow).order_by(OrgUnitRow.id)))
    unit_slugs = {u.id: u.slug for u in units}
    teams = list(session.scalars(select(TeamRow).order_by(TeamRow.id)))
    team_slugs = {t.id: t.slug for t in teams}
    assessments = list(session.scalars(select(AssessmentRow).order_by(AssessmentRow.id)))
    answers: dict[int, dict[str, Any]] = {a.id: {} for a in assessments}
    for row in session.scalars(select(AnswerRow).order_by(AnswerRow.id)):
        answers[row.assessment_id][row.question_id] = _answer(row)
    chains: dict[int, dict[str, bool]] = {a.id: {} for a in assessments}
    for chain in session.scalars(select(ChainStateRow).order_by(ChainStateRow.id)):
        chains[chain.assessment_id][chain.chain_id] = chain.removed
    edits = session.scalars(select(ConflictingEditRow).order_by(ConflictingEditRow.id))
    entries = session.scalars(select(AuditRow).order_by(AuditRow.id))
    roles = session.scalars(select(RoleAssignmentRow).order_by(RoleAssignmentRow.id))
    return {
        "units": [_columns(u, "id", "slug", "name", "created_at") for u in units],
        "teams": [
            {**_columns(t, "id", "slug", "name", "created_at"), "unit": unit_slugs[t.unit_id]}
            for t in teams
        ],
        "assessments": [
            {
                **_columns(a, *_ASSESSMENT_COLUMNS),
                "team": team_slugs[a.team_id],
                "answers": answers[a.id],
                "chains": chains[a.id],
            }
            for a in assessments
        ],
        "conflicting_edits": [
            {**_columns(c, *_EDIT_COLUMNS), "assessment": c.assessment_id} for c in edits
        ],
        "audit_log": [_columns(e, *_AUDIT_COLUMNS) for e in entries],
        "role_assignments": [_columns(r, *_ROLE_COLUMNS) for r in roles],
        "content_versions": [
            _columns(v, *_CONTENT_COLUMNS)
            for v in session.scalars(select(ContentVersionRow).order_by(ContentVersionRow.id))
        ],
    }


_ASSESSMENT_COLUMNS = (
    "id",
    "period",
    "questionnaire_id",
    "questionnaire_version",
    "catalogue_id",
    "catalogue_version",
    "status",
    "revision",
    "version",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "submitted_by",
    "submitted_at",
)
_EDIT_COLUMNS = (
    "id",
    "action",
    "target",
    "payload",
    "actor",
    "expected_version",
    "found_version",
    "found_updated_by",
    "found_updated_at",
    "created_at",
)
_AUDIT_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "details")
_CONTENT_COLUMNS = (
    "kind",
    "content_id",
    "version",
    "sha256",
    "body",
    "source_file",
    "first_used_at",
)
_ROLE_COLUMNS = ("email", "role", "scope", "source", "created_by", "created_at")
_ANSWER_COLUMNS = ("value", "not_applicable", "dont_know", "evidence", "note")


def _columns(row: object, *names: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _answer(row: AnswerRow) -> dict[str, Any]:
    # Only what is set, so an export of thousands of answers stays readable: {"value": 3}.
    answer = _columns(row, *_ANSWER_COLUMNS)
    return {key: value for key, value in answer.items() if value is not None and value is not False}


def _refuse_unless_empty(repo: SqlRepository) -> None:
    counts = {
        label: repo.session.scalar(select(func.count()).select_from(table)) or 0
        for label, table in (
            ("units", OrgUnitRow),
            ("teams", TeamRow),
            ("assessments", AssessmentRow),
        )
    }
    if any(counts.values()):
        held = ", ".join(f"{count} {label}" for label, count in counts.items())
        raise InvalidInputError(
            f"this database already holds {held}; import only into an empty database"
            " (a fresh READINESS_DATABASE_URL), so nothing here is overwritten"
        )


def _write(repo: SqlRepository, export: DataExport) -> None:
    unit_ids = {u.slug: u.id for u in export.units}
    team_ids = {t.slug: t.id for t in export.teams}
    repo.bulk_insert(OrgUnitRow, [u.model_dump(mode="python") for u in export.units])
    repo.bulk_insert(
        TeamRow,
        [
            {**t.model_dump(mode="python", exclude={"unit"}), "unit_id": unit_ids[t.unit]}
            for t in export.teams
        ],
    )
    repo.bulk_insert(
        AssessmentRow,
        [
            {
                **a.model_dump(mode="python", exclude={"team", "answers", "chains"}),
                "team_id": team_ids[a.team],
            }
            for a in export.assessments
        ],
    )
    repo.bulk_insert(
        AnswerRow,
        [
            {"assessment_id": a.id, "question_id": qid, **entry.model_dump(mode="python")}
            for a in export.assessments
            for qid, entry in a.answers.items()
        ],
    )
    repo.bulk_insert(
        ChainStateRow,
        [
            {"assessment_id": a.id, "chain_id": chain_id, "removed": removed}
            for a in export.assessments
            for chain_id, removed in a.chains.items()
        ],
    )
    repo.bulk_insert(
        ConflictingEditRow,
        [
            {**c.model_dump(mode="python", exclude={"assessment"}), "assessment_id": c.assessment}
            for c in export.conflicting_edits
        ],
    )
    # Appended in their original order; their ids follow whatever the log already holds.
    repo.bulk_insert(
        AuditRow, [e.model_dump(mode="python", exclude={"id"}) for e in export.audit_log]
    )
    held_versions = {
        tuple(row)
        for row in repo.session.execute(
            select(ContentVersionRow.kind, ContentVersionRow.content_id, ContentVersionRow.version)
        )
    }
    repo.bulk_insert(
        ContentVersionRow,
        [
            v.model_dump(mode="python")
            for v in export.content_versions
            if (v.kind, v.content_id, v.version) not in held_versions
        ],
    )
    columns = (RoleAssignmentRow.email, RoleAssignmentRow.role, RoleAssignmentRow.scope)
    held = {tuple(row) for row in repo.session.execute(select(*columns))}
    repo.bulk_insert(
        RoleAssignmentRow,
        [
            {**r.model_dump(mode="python"), "role": r.role.value}
            for r in export.role_assignments
            if (r.email, r.role.value, r.scope) not in held
        ],
    )
    if repo.session.get_bind().dialect.name == "postgresql":
        # Rows came with their ids; move each sequence past them so new rows do not collide.
        for table in _TABLES_WITH_KEPT_IDS:
            repo.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )
