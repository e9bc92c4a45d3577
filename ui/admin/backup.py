"""Admin: download every record as JSON, and import such an export into an empty database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import streamlit as st

from assessments.errors import ContentError, InvalidInputError
from assessments.service.authorized import AuthorizedService
from ui.errors import shown_as_error
from ui.text import inert
from ui.uploads import EXPORT_LIMIT_MB, read_upload, render_problems

_NOTICE = "_data_notice"
_GENERATION = "_import_generation"


def export_file_name(now: datetime) -> str:
    """ "readiness-export-20261124-0930.json"."""
    return f"readiness-export-{now.astimezone(UTC):%Y%m%d-%H%M}.json"


def render_data_transfer(service: AuthorizedService) -> None:
    """Export (JSON download), then import into an empty database with a check first."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(inert(notice), icon=":material/task_alt:")
    st.subheader("Export all data")
    st.caption(
        "Units, teams, every assessment with its answers and chain states, conflicting edits, "
        "the audit trail, role assignments, removal requests, incidents and evidence scans, "
        "as one JSON file (format version 1). It holds "
        "people's emails and answers: store it like the database. Each export is audited."
    )
    st.download_button(
        "Download all data (JSON)",
        data=lambda: json.dumps(service.export_data(), ensure_ascii=False),
        file_name=export_file_name(datetime.now(UTC)),
        mime="application/json",
        key="export_all",
        on_click="ignore",
        icon=":material/download:",
    )
    st.subheader("Import an export")
    st.caption(
        "Only into an empty database (no units, teams or assessments): start the app on a "
        "fresh READINESS_DATABASE_URL, sign in as an admin, and import here. The file is "
        "checked whole first; a file with any problem writes nothing."
    )
    # A new key after each import empties the uploader, so the page shows the result only.
    generation = st.session_state.get(_GENERATION, 0)
    upload = read_upload(
        "Export file (JSON)",
        ["json"],
        key="import_file" if generation == 0 else f"import_file_{generation}",
        limit_mb=EXPORT_LIMIT_MB,
    )
    if upload is None:
        return
    try:
        checked = service.check_import(upload.data, upload.name)
    except ContentError as error:
        render_problems(
            upload.name, error.problems, verdict="is rejected whole", key="import_problems"
        )
        return
    except InvalidInputError as error:
        st.error(inert(str(error)), icon=":material/block:")
        return
    st.info(f"{inert(upload.name)} holds {checked.summary()}.", icon=":material/fact_check:")
    with shown_as_error():
        if st.button("Import into this database", key="import_apply", type="primary"):
            done = service.import_data(upload.data, upload.name)
            st.session_state[_NOTICE] = f"Imported {upload.name}: {done.summary()}."
            st.session_state[_GENERATION] = generation + 1
            st.rerun()
