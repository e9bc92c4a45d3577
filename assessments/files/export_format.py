"""The full data export as a versioned JSON document, checked whole before anything is written.

```json
{"format": "autonomy-readiness-export", "format_version": 1, "exported_at": "...",
 "units": [...], "teams": [...], "assessments": [...], "conflicting_edits": [...],
 "audit_log": [...], "role_assignments": [...], "content_versions": [...],
 "removal_requests": [...], "incidents": [...], "evidence_scans": [...]}
```

Assessments carry their answers and chain states; ids are kept, so audit entries that name
an assessment still point at it after an import. The sections from `content_versions` on are
optional: an export written before they existed imports as one without such records.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.content.schema_errors import schema_problems
from assessments.content.yaml_source import YamlDocument
from assessments.errors import ContentError, InvalidInputError, Problem
from assessments.files.export_base import (
    Id,
    Positive,
    Record,
    When,
    Who,
    duplicate_problems,
    unknown_problems,
)
from assessments.files.export_loop import (
    EvidenceScanRecord,
    IncidentRecord,
    RemovalRequestRecord,
    loop_reference_problems,
)
from assessments.files.json_source import read_json_object
from assessments.files.role_file import check_grant
from assessments.periods import PERIOD_PATTERN

FORMAT = "autonomy-readiness-export"
FORMAT_VERSION = 1


CarriedFrom = Annotated[str, Field(pattern=PERIOD_PATTERN)]
"""The period a draft's answer was carried from by a prefill, until confirmed."""


class UnitRecord(Record):
    """An org unit."""

    id: Id
    slug: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    created_at: When


class TeamRecord(Record):
    """A team, with the slug of its unit."""

    id: Id
    slug: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    unit: str
    created_at: When


class AssessmentRecord(Record):
    """One revision of one team's assessment, with its answers and chain states."""

    id: Id
    team: str
    period: str = Field(pattern=PERIOD_PATTERN)
    questionnaire_id: str = Field(min_length=1, max_length=100)
    questionnaire_version: str = Field(min_length=1, max_length=50)
    catalogue_id: str | None = Field(default=None, min_length=1, max_length=100)
    catalogue_version: str | None = Field(default=None, min_length=1, max_length=50)
    status: Literal["draft", "submitted"]
    revision: Positive
    version: Positive
    created_by: Who
    created_at: When
    updated_by: Who
    updated_at: When
    submitted_by: Who | None = None
    submitted_at: When | None = None
    answers: dict[str, AnswerEntry] = Field(default_factory=dict)
    carried: dict[str, CarriedFrom] = Field(default_factory=dict)
    """Answers a prefill carried that nobody has confirmed yet: question id → source period
    (absent from exports made before carried answers were kept)."""
    chains: dict[str, bool] = Field(default_factory=dict)


class ConflictingEditRecord(Record):
    """A write that lost an optimistic-lock race, kept aside."""

    id: Id
    assessment: Id
    action: str = Field(max_length=50)
    target: str = Field(max_length=100)
    payload: dict[str, Any]
    actor: Who
    expected_version: Positive
    found_version: Positive
    found_updated_by: Who
    found_updated_at: When
    created_at: When


class AuditRecord(Record):
    """One audited write."""

    id: Id
    at: When
    actor: Who
    action: str = Field(max_length=50)
    entity: str = Field(max_length=50)
    entity_id: str = Field(max_length=200)
    details: dict[str, Any]


class RoleRecord(Record):
    """One role assignment."""

    email: Who
    role: Role
    scope: str = Field(max_length=100)
    source: Literal["file", "admin"]
    created_by: Who
    created_at: When


class ContentVersionRecord(Record):
    """One stored questionnaire, catalogue or migration map version, with its hash."""

    kind: Literal["questionnaire", "catalogue", "migration_map"]
    content_id: str = Field(min_length=1, max_length=100)
    version: str = Field(min_length=1, max_length=50)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    body: dict[str, Any]
    source_file: str = Field(default="", max_length=500)
    first_used_at: When


class DataExport(Record):
    """Everything the database holds, in one document."""

    format: Literal["autonomy-readiness-export"]
    format_version: int
    exported_at: When
    units: tuple[UnitRecord, ...]
    teams: tuple[TeamRecord, ...]
    assessments: tuple[AssessmentRecord, ...]
    conflicting_edits: tuple[ConflictingEditRecord, ...]
    audit_log: tuple[AuditRecord, ...]
    role_assignments: tuple[RoleRecord, ...]
    content_versions: tuple[ContentVersionRecord, ...] = ()
    removal_requests: tuple[RemovalRequestRecord, ...] = ()
    incidents: tuple[IncidentRecord, ...] = ()
    evidence_scans: tuple[EvidenceScanRecord, ...] = ()

    def counts(self) -> dict[str, int]:
        """How many records of each kind the document holds."""
        return {
            "units": len(self.units),
            "teams": len(self.teams),
            "assessments": len(self.assessments),
            "answers": sum(len(a.answers) for a in self.assessments),
            "conflicting_edits": len(self.conflicting_edits),
            "audit_log": len(self.audit_log),
            "role_assignments": len(self.role_assignments),
            "content_versions": len(self.content_versions),
            "removal_requests": len(self.removal_requests),
            "incidents": len(self.incidents),
            "evidence_scans": len(self.evidence_scans),
        }


def parse_export(source: str | bytes, file: str) -> DataExport:
    """An export document from JSON text; ContentError listing every problem if it is invalid."""
    data = read_json_object(source, file, f'an export starts with {{"format": "{FORMAT}"')
    document = YamlDocument(file, data)
    version = data.get("format_version")
    if data.get("format") == FORMAT and version != FORMAT_VERSION:
        message = f"format_version {version!r} is not supported; this app reads {FORMAT_VERSION}"
        raise ContentError([document.problem(("format_version",), message)])
    try:
        export = DataExport.model_validate(data)
    except ValidationError as error:
        raise ContentError(schema_problems(error, DataExport, document)) from None
    problems = cross_reference_problems(export, document)
    if problems:
        raise ContentError(problems)
    return export


def unstored_version_problems(
    export: DataExport, document: YamlDocument, stored: Collection[tuple[str, str, str]]
) -> list[Problem]:
    """Assessments answered on a questionnaire or catalogue version neither stored nor exported.

    Args:
        export: the parsed export.
        document: where its records are, for the problems' locations.
        stored: (kind, id, version) of every version this database holds or has in force.
    """
    known = set(stored) | {(c.kind, c.content_id, c.version) for c in export.content_versions}
    problems: list[Problem] = []
    for index, a in enumerate(export.assessments):
        wanted = [("questionnaire", a.questionnaire_id, a.questionnaire_version, "questionnaire")]
        if a.catalogue_id is not None and a.catalogue_version is not None:
            wanted.append(("catalogue", a.catalogue_id, a.catalogue_version, "catalogue"))
        for kind, content_id, version, field in wanted:
            if (kind, content_id, version) not in known:
                problems.append(
                    document.problem(
                        ("assessments", index, f"{field}_version"),
                        f"answered on {kind} {content_id} version {version}, which is neither"
                        " stored here nor carried by this export, so it could not be scored"
                        " as answered",
                        f"put {kind} {content_id} version {version} in force once (then switch"
                        " back), or export again from a database that holds it",
                    )
                )
    return problems


def cross_reference_problems(export: DataExport, document: YamlDocument) -> list[Problem]:
    """Duplicate ids and references to records the document does not hold."""
    problems: list[Problem] = []

    def duplicates(section: str, keys: Iterable[Hashable], what: str) -> None:
        problems.extend(duplicate_problems(document, section, keys, what))

    def unknown(section: str, field: str, values: Iterable[object], known: set[Any]) -> None:
        problems.extend(unknown_problems(document, section, field, values, known))

    duplicates("units", (u.id for u in export.units), "unit id")
    duplicates("units", (u.slug for u in export.units), "unit slug")
    duplicates("teams", (t.id for t in export.teams), "team id")
    duplicates("teams", (t.slug for t in export.teams), "team slug")
    unknown("teams", "unit", (t.unit for t in export.teams), {u.slug for u in export.units})
    duplicates("assessments", (a.id for a in export.assessments), "assessment id")
    duplicates(
        "assessments",
        ((a.team, a.period, a.revision) for a in export.assessments),
        "team, period and revision",
    )
    unknown(
        "assessments", "team", (a.team for a in export.assessments), {t.slug for t in export.teams}
    )
    for index, a in enumerate(export.assessments):
        if (a.status == "submitted") != (a.submitted_at is not None and a.submitted_by is not None):
            message = "submitted_by and submitted_at are set exactly when the status is submitted"
            problems.append(document.problem(("assessments", index, "status"), message))
        problems.extend(_carried_problems(document, index, a))
    duplicates("conflicting_edits", (c.id for c in export.conflicting_edits), "conflicting edit id")
    unknown(
        "conflicting_edits",
        "assessment",
        (c.assessment for c in export.conflicting_edits),
        {a.id for a in export.assessments},
    )
    duplicates("audit_log", (e.id for e in export.audit_log), "audit entry id")
    duplicates(
        "role_assignments",
        ((r.email, r.role.value, r.scope) for r in export.role_assignments),
        "role assignment",
    )
    for index, role in enumerate(export.role_assignments):
        try:
            check_grant(role.email, Grant(role.role, role.scope))
        except InvalidInputError as error:
            problems.append(document.problem(("role_assignments", index), str(error)))
    problems += loop_reference_problems(
        document,
        requests=export.removal_requests,
        incidents=export.incidents,
        scans=export.evidence_scans,
        teams={t.slug for t in export.teams},
        assessments={a.id for a in export.assessments},
        exported_at=export.exported_at,
    )
    return problems


def _carried_problems(document: YamlDocument, index: int, a: AssessmentRecord) -> list[Problem]:
    """Carried marks name answers of a draft, each carried from an earlier period."""
    problems = []
    if a.carried and a.status == "submitted":
        message = "a submitted assessment has no carried answers left to confirm"
        problems.append(document.problem(("assessments", index, "carried"), message))
    for question_id, period in a.carried.items():
        path = ("assessments", index, "carried", question_id)
        if question_id not in a.answers:
            problems.append(document.problem(path, f"{question_id} is carried but not answered"))
        elif period >= a.period:
            message = f"carried from {period}, which is not before the assessment's {a.period}"
            problems.append(document.problem(path, message))
    return problems
