"""Full data export (JSON) and import back into an empty database.

The export holds units, teams, assessments with answers and chain states, conflicting edits,
the audit log and role assignments (`assessments/files/export_format.py`). An import checks the
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

from assessments.content.yaml_source import YamlDocument
from assessments.errors import ContentError, InvalidInputError, Problem
from assessments.files.export_checks import content_problems
from assessments.files.export_format import (
    FORMAT,
    FORMAT_VERSION,
    DataExport,
    parse_export,
    unstored_version_problems,
)
from assessments.files.export_loop import loop_content_problems
from assessments.service.core import ServiceCore
from assessments.service.guard import admin, allowed
from assessments.storage.audit import AuditAction
from assessments.storage.contract import Repository
from assessments.storage.transfer_rows import ImportRows
from assessments.wording import count

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
            f"{count(c['units'], 'unit')}, {count(c['teams'], 'team')},"
            f" {count(c['assessments'], 'assessment')} ({_many(c['answers'], 'answer')}),"
            f" {count(c['conflicting_edits'], 'conflicting edit')},"
            f" {_many(c['audit_log'], 'audit entry', 'audit entries')},"
            f" {count(c['role_assignments'], 'role assignment')},"
            f" {count(c['removal_requests'], 'removal request')},"
            f" {count(c['incidents'], 'incident')}, {count(c['evidence_scans'], 'evidence scan')}"
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
        export = parse_export(source, file)
        document = YamlDocument(file, {})
        pillars, chains = self._loop_ids(export)
        with self.store.unit_of_work(actor) as repo:
            # Everything the app would refuse to write, and versions it could not score: all
            # at once, and nothing written.
            problems = content_problems(export, document, self._content)
            problems += loop_content_problems(
                document,
                export.removal_requests,
                export.incidents,
                pillars=pillars,
                chains=chains,
            )
            problems += self._unstored_versions(repo, export, source, file)
            if problems:
                raise ContentError(problems)
            _refuse_unless_empty(repo)
            if dry_run:
                return ImportSummary(export.counts(), applied=False)
            repo.import_records(_import_rows(export))
            details = {**export.counts(), "exported_at": export.exported_at.isoformat()}
            repo.audit.record(AuditAction.DATA_IMPORT, "data", file, details)
        _log.info("data imported: %d assessments", len(export.assessments))
        return ImportSummary(export.counts(), applied=True)

    def _loop_ids(self, export: DataExport) -> tuple[set[str], set[str]]:
        """Pillar and chain ids of the content in force, stored here or carried by `export`."""
        library = self.library
        pillars = {p.id for q in library.questionnaires.values() for p in q.pillars}
        chains = {c.id for catalogue in library.catalogues.values() for c in catalogue.chains}
        for version in export.content_versions:
            key = {"questionnaire": "pillars", "catalogue": "chains"}.get(version.kind)
            items = version.body.get(key, []) if key else []
            known = pillars if key == "pillars" else chains
            known.update(str(i["id"]) for i in items if isinstance(i, dict) and "id" in i)
        return pillars, chains

    def _unstored_versions(
        self, repo: Repository, export: DataExport, source: str | bytes, file: str
    ) -> list[Problem]:
        """Every assessment's questionnaire and catalogue version must be stored here, in
        force, or carried by the export; a carried version must match one stored here."""
        stored = repo.content_version_hashes()
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
        return problems


def _many(number: int, noun: str, plural: str | None = None) -> str:
    """ "4,740 answers": `count` with thousands separated."""
    return count(number, noun, plural).replace(str(number), f"{number:,}", 1)


def _refuse_unless_empty(repo: Repository) -> None:
    counts = repo.org_counts()
    if any(counts.values()):
        held = ", ".join(count(number, label.removesuffix("s")) for label, number in counts.items())
        raise InvalidInputError(
            f"this database already holds {held}; import only into an empty database"
            " (a fresh READINESS_DATABASE_URL), so nothing here is overwritten"
        )


def _import_rows(export: DataExport) -> ImportRows:
    return ImportRows(
        units=[u.model_dump(mode="python") for u in export.units],
        teams=[t.model_dump(mode="python") for t in export.teams],
        assessments=[
            a.model_dump(mode="python", exclude={"answers", "carried", "chains"})
            for a in export.assessments
        ],
        answers=[
            {
                "assessment_id": a.id,
                "question_id": qid,
                **entry.model_dump(mode="python"),
                "carried_from": a.carried.get(qid),
            }
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
        content_versions=[v.model_dump(mode="python") for v in export.content_versions],
        removal_requests=[r.model_dump(mode="python") for r in export.removal_requests],
        incidents=[i.model_dump(mode="python") for i in export.incidents],
        evidence_scans=[
            {**s.model_dump(mode="python", exclude={"assessment"}), "assessment_id": s.assessment}
            for s in export.evidence_scans
        ],
    )
