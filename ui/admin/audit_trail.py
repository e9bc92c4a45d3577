"""Admin: browse the audit trail, filter it, and export it as CSV (formula-safe) or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from assessments.service.authorized import AuthorizedService
from assessments.storage.audit import AuditAction, AuditEntryView
from ui.exports.spreadsheet import csv_text

AUDIT_LIMIT = 1000
AUDIT_COLUMNS = ("When (UTC)", "Who", "Action", "Entity", "Id", "Details")
SHOWN_COLUMNS = ("When (UTC)", "Who", "What", "On", "Details")
ACTION_LABELS: dict[str, str] = {
    AuditAction.DRAFT_CREATE: "Draft started",
    AuditAction.ANSWER_SAVE: "Answer saved",
    AuditAction.ANSWER_CLEAR: "Answer cleared",
    AuditAction.CHAIN_SET: "Chain state set",
    AuditAction.DRAFT_PREFILL: "Draft prefilled from last quarter",
    AuditAction.ANSWERS_CONFIRM: "Carried answers confirmed",
    AuditAction.ASSESSMENT_SUBMIT: "Assessment submitted",
    AuditAction.CONFLICT_KEPT: "Conflicting edit kept aside",
    AuditAction.ORG_IMPORT: "Org structure imported",
    AuditAction.UNIT_CREATE: "Unit created",
    AuditAction.TEAM_CREATE: "Team created",
    AuditAction.DEMO_SEED: "Demo organisation seeded",
    AuditAction.ROLE_CHANGE: "Role granted or removed",
    AuditAction.DATA_EXPORT: "Data exported",
    AuditAction.DATA_IMPORT: "Data imported",
}
"""Audit actions as people say them; the ids stay in the CSV and JSON downloads."""


def action_label(action: str) -> str:
    """ "answer.save" → "Answer saved"; an action this version does not know, as stored."""
    return ACTION_LABELS.get(action, action)


def detail_words(details: dict[str, object]) -> str:
    """Details in words: "question: BR-01 · value: 3"; nested values as compact JSON."""
    return " · ".join(
        f"{key.replace('_', ' ')}: "
        + (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        for key, value in sorted(details.items())
    )


def shown_rows(entries: Sequence[AuditEntryView], *, raw: bool) -> pd.DataFrame:
    """The table on the page: human action labels and details, or the stored JSON if `raw`."""
    return pd.DataFrame(
        [
            [
                e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor,
                action_label(e.action),
                f"{e.entity} {e.entity_id}".strip(),
                json.dumps(e.details, ensure_ascii=False, sort_keys=True)
                if raw
                else detail_words(e.details),
            ]
            for e in entries
        ],
        columns=list(SHOWN_COLUMNS),
    )


def audit_rows(entries: Sequence[AuditEntryView]) -> list[list[str]]:
    """One row per entry: when, who, action, entity, id, details as compact JSON."""
    return [
        [
            e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor,
            e.action,
            e.entity,
            e.entity_id,
            json.dumps(e.details, ensure_ascii=False, sort_keys=True),
        ]
        for e in entries
    ]


def audit_csv(entries: Sequence[AuditEntryView]) -> str:
    """The entries as CSV; no cell can start a spreadsheet formula."""
    return csv_text(AUDIT_COLUMNS, audit_rows(entries))


def audit_json(entries: Sequence[AuditEntryView]) -> str:
    """The entries as a JSON list, timestamps in ISO 8601."""
    return json.dumps(
        [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "details": e.details,
            }
            for e in entries
        ],
        indent=2,
        ensure_ascii=False,
    )


def day_span(picked: Sequence[date]) -> tuple[datetime | None, datetime | None]:
    """The [since, until) of a picked date range, whole UTC days; open ends while picking."""
    if not picked:
        return None, None
    since = datetime.combine(picked[0], time.min, tzinfo=UTC)
    if len(picked) < 2:
        return since, None
    return since, datetime.combine(picked[1], time.min, tzinfo=UTC) + timedelta(days=1)


def render_audit_trail(service: AuthorizedService, today: date | None = None) -> None:
    """Filters (who, action, dates), the matching entries, and their downloads."""
    st.subheader("Audit trail")
    st.caption("Every write: who did what to which record, and when. Nothing here is ever deleted.")
    today = today or datetime.now(UTC).date()
    who, what, when = st.columns([2, 2, 3])
    actor = who.selectbox(
        "Who",
        [None, *service.audit_actors()],
        format_func=lambda a: a or "Everyone",
        key="audit_actor",
    )
    action = what.selectbox(
        "Action",
        [None, *(a.value for a in AuditAction)],
        format_func=lambda a: action_label(a) if a else "Every action",
        key="audit_action",
    )
    picked = when.date_input(
        "Between", value=(today - timedelta(days=90), today), max_value=today, key="audit_dates"
    )
    since, until = day_span(list(picked) if isinstance(picked, tuple | list) else [picked])
    entries = service.audit_entries(
        limit=AUDIT_LIMIT, actor=actor, action=action, since=since, until=until
    )
    more = (
        f" (the newest {AUDIT_LIMIT}; narrow the filters for older ones)"
        if len(entries) == AUDIT_LIMIT
        else ""
    )
    st.caption(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}{more}")
    raw = st.toggle("Show details as stored (JSON)", key="audit_raw")
    st.dataframe(shown_rows(entries, raw=raw), hide_index=True, key="audit_table")
    downloads = st.container(horizontal=True)
    downloads.download_button(
        "Download CSV",
        data=audit_csv(entries),
        file_name="readiness-audit.csv",
        mime="text/csv",
        key="audit_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    downloads.download_button(
        "Download JSON",
        data=audit_json(entries),
        file_name="readiness-audit.json",
        mime="application/json",
        key="audit_json",
        on_click="ignore",
        icon=":material/download:",
    )
