"""Every record as plain data for a full export, and exported records back into tables.

The shapes are those of the export file (`assessments/files/export_format.py`): units and
teams by slug, assessments with their answers (and which of them a prefill carried, still
unconfirmed) and chain states, conflicting edits, the audit log, role assignments, content
versions, removal requests, incidents and evidence scans. The service checks an export before
any of it reaches here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from assessments.storage.incidents import INCIDENT_COLUMNS
from assessments.storage.tables import (
    AnswerRow,
    AssessmentRow,
    AuditRow,
    ChainStateRow,
    ConflictingEditRow,
    ContentVersionRow,
    EvidenceScanRow,
    IncidentRow,
    OrgUnitRow,
    RemovalRequestRow,
    RoleAssignmentRow,
    TeamRow,
)

_TABLES_WITH_KEPT_IDS = (
    "org_units",
    "teams",
    "assessments",
    "conflicting_edits",
    "removal_requests",
    "incidents",
    "evidence_scans",
)
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
_REQUEST_COLUMNS = (
    "id",
    "chain_id",
    "reason",
    "planned_on",
    "status",
    "requested_by",
    "requested_at",
    "decided_by",
    "decided_at",
    "decision_note",
    "effective_on",
)
_SCAN_COLUMNS = ("id", "scan", "fact_count", "attached_by", "attached_at")

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class ImportRows:
    """Exported records ready to insert: each list holds one dict of column values per row.

    Units, teams, assessments, conflicting edits, removal requests, incidents and evidence
    scans keep their ids; `answers`, `chains` and scans name their assessment by id, teams
    their unit by slug (`unit`), and assessments, requests and incidents their team by slug
    (`team`). Audit entries are appended; role grants already held are skipped.
    """

    units: Rows = field(default_factory=list)
    teams: Rows = field(default_factory=list)
    assessments: Rows = field(default_factory=list)
    answers: Rows = field(default_factory=list)
    chains: Rows = field(default_factory=list)
    conflicting_edits: Rows = field(default_factory=list)
    audit_log: Rows = field(default_factory=list)
    role_assignments: Rows = field(default_factory=list)
    content_versions: Rows = field(default_factory=list)
    removal_requests: Rows = field(default_factory=list)
    incidents: Rows = field(default_factory=list)
    evidence_scans: Rows = field(default_factory=list)


def org_counts(session: Session) -> dict[str, int]:
    """How many units, teams and assessments the database holds."""
    return {
        label: session.scalar(select(func.count()).select_from(table)) or 0
        for label, table in (
            ("units", OrgUnitRow),
            ("teams", TeamRow),
            ("assessments", AssessmentRow),
        )
    }


def records(session: Session) -> dict[str, Rows]:
    """Every record in the export's shape, each kind in id order."""
    units = list(session.scalars(select(OrgUnitRow).order_by(OrgUnitRow.id)))
    unit_slugs = {u.id: u.slug for u in units}
    teams = list(session.scalars(select(TeamRow).order_by(TeamRow.id)))
    team_slugs = {t.id: t.slug for t in teams}
    assessments = list(session.scalars(select(AssessmentRow).order_by(AssessmentRow.id)))
    answers: dict[int, dict[str, Any]] = {a.id: {} for a in assessments}
    carried: dict[int, dict[str, str]] = {a.id: {} for a in assessments}
    for row in session.scalars(select(AnswerRow).order_by(AnswerRow.id)):
        answers[row.assessment_id][row.question_id] = _answer(row)
        if row.carried_from is not None:
            carried[row.assessment_id][row.question_id] = row.carried_from
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
                "carried": carried[a.id],
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
        **_loop_records(session, team_slugs),
    }


def insert_records(session: Session, rows: ImportRows) -> None:
    """Insert exported records in one transaction, keeping their ids."""
    unit_ids = {u["slug"]: u["id"] for u in rows.units}
    team_ids = {t["slug"]: t["id"] for t in rows.teams}
    _bulk_insert(session, OrgUnitRow, rows.units)
    _bulk_insert(
        session,
        TeamRow,
        [{**_without(t, "unit"), "unit_id": unit_ids[t["unit"]]} for t in rows.teams],
    )
    _bulk_insert(
        session,
        AssessmentRow,
        [{**_without(a, "team"), "team_id": team_ids[a["team"]]} for a in rows.assessments],
    )
    _bulk_insert(session, AnswerRow, rows.answers)
    _bulk_insert(session, ChainStateRow, rows.chains)
    _bulk_insert(session, ConflictingEditRow, rows.conflicting_edits)
    # Appended in their original order; their ids follow whatever the log already holds.
    _bulk_insert(session, AuditRow, [_without(e, "id") for e in rows.audit_log])
    columns = (RoleAssignmentRow.email, RoleAssignmentRow.role, RoleAssignmentRow.scope)
    held = {tuple(row) for row in session.execute(select(*columns))}
    _bulk_insert(
        session,
        RoleAssignmentRow,
        [r for r in rows.role_assignments if (r["email"], r["role"], r["scope"]) not in held],
    )
    versions = (ContentVersionRow.kind, ContentVersionRow.content_id, ContentVersionRow.version)
    stored = {tuple(row) for row in session.execute(select(*versions))}
    _bulk_insert(
        session,
        ContentVersionRow,
        [
            v
            for v in rows.content_versions
            if (v["kind"], v["content_id"], v["version"]) not in stored
        ],
    )
    _bulk_insert(
        session,
        RemovalRequestRow,
        [{**_without(r, "team"), "team_id": team_ids[r["team"]]} for r in rows.removal_requests],
    )
    _bulk_insert(
        session,
        IncidentRow,
        [{**_without(i, "team"), "team_id": team_ids[i["team"]]} for i in rows.incidents],
    )
    _bulk_insert(session, EvidenceScanRow, rows.evidence_scans)
    if session.get_bind().dialect.name == "postgresql":
        # Rows came with their ids; move each sequence past them so new rows do not collide.
        for table in _TABLES_WITH_KEPT_IDS:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )


def _loop_records(session: Session, team_slugs: dict[int, str]) -> dict[str, Rows]:
    requests = session.scalars(select(RemovalRequestRow).order_by(RemovalRequestRow.id))
    incidents = session.scalars(select(IncidentRow).order_by(IncidentRow.id))
    scans = session.scalars(select(EvidenceScanRow).order_by(EvidenceScanRow.id))
    return {
        "removal_requests": [
            {**_columns(r, *_REQUEST_COLUMNS), "team": team_slugs[r.team_id]} for r in requests
        ],
        "incidents": [
            {**_columns(i, *INCIDENT_COLUMNS), "team": team_slugs[i.team_id]} for i in incidents
        ],
        "evidence_scans": [
            {**_columns(s, *_SCAN_COLUMNS), "assessment": s.assessment_id} for s in scans
        ],
    }


def _bulk_insert(session: Session, table: type[Any], rows: Rows) -> None:
    if rows:
        session.execute(insert(table).execution_options(render_nulls=True), rows)


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != key}


def _columns(row: object, *names: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _answer(row: AnswerRow) -> dict[str, Any]:
    # Only what is set, so an export of thousands of answers stays readable: {"value": 3}.
    answer = _columns(row, *_ANSWER_COLUMNS)
    return {key: value for key, value in answer.items() if value is not None and value is not False}
