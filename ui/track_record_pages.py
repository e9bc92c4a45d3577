"""The approvals and incidents pages: lists, forms and the CSV upload."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from assessments.errors import ContentError
from assessments.files.incident_file import COLUMNS
from assessments.service.authorized import AuthorizedService
from assessments.storage.views import TeamView
from assessments.wording import count
from scoring.track_record import Severity
from ui.errors import shown_as_error
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload, render_problems

_NOTICE = "_track_record_notice"


def _done(message: str) -> None:
    st.session_state[_NOTICE] = message
    st.rerun()


def _notice() -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(inert(notice), icon=":material/task_alt:")


def render_to_decide(service: AuthorizedService, content: Content) -> None:
    """Each pending request this person may decide, with a note and two buttons."""
    _notice()
    waiting = service.requests_to_decide()
    if not waiting:
        st.info("No request waits for you.", icon=":material/inbox:")
        return
    for request in waiting:
        name = content.catalogue.chain(request.chain_id).name
        with st.container(border=True, key=f"request_{request.id}"):
            st.markdown(f"**{inert(request.team_name)}: remove {inert(name)}**")
            st.caption(
                f"Requested by {inert(request.requested_by)} on"
                f" {request.requested_at.date().isoformat()}; planned for"
                f" {request.planned_on.isoformat()}"
            )
            st.markdown(f"Reason: {inert(request.reason)}")
            note = st.text_input("Note", key=f"note_{request.id}", max_chars=2000)
            left, right = st.columns(2)
            with shown_as_error():
                if left.button("Approve", key=f"approve_{request.id}", type="primary"):
                    made = service.decide_removal(request.id, approve=True, note=note)
                    when = made.effective_on.isoformat() if made.effective_on else ""
                    _done(f"Approved: {request.team_name} removes {name} from {when}.")
                if right.button("Decline", key=f"decline_{request.id}"):
                    service.decide_removal(request.id, approve=False, note=note)
                    _done(f"Declined: {request.team_name} keeps {name}.")


def render_decided(service: AuthorizedService, content: Content) -> None:
    """The decided requests this person may see, newest first."""
    decided = [r for r in service.removal_requests() if r.status != "pending"]
    if not decided:
        st.caption("Nothing decided yet.")
        return
    frame = pd.DataFrame(
        [
            {
                "Team": r.team_name,
                "Chain": content.catalogue.chain(r.chain_id).name,
                "Decision": r.status,
                "By": r.decided_by or "",
                "On": r.decided_at.date().isoformat() if r.decided_at else "",
                "Removed from": r.effective_on.isoformat() if r.effective_on else "",
                "Note": r.decision_note or "",
            }
            for r in decided
        ]
    )
    st.dataframe(frame, hide_index=True, key="decided_table")


def render_incident_form(
    service: AuthorizedService, content: Content, picked: TeamView | None
) -> None:
    """Record one incident for a team this person edits."""
    _notice()
    st.subheader("Record an incident")
    teams = {t.slug: t.name for t in service.list_teams() if service.principal.may_edit(t.slug)}
    if not teams:
        st.caption("You edit no team.")
        return
    slugs = list(teams)
    start = slugs.index(picked.slug) if picked is not None and picked.slug in teams else 0
    team = st.selectbox(
        "Team", slugs, index=start, format_func=lambda s: teams[s], key="incident_team"
    )
    today = datetime.now(UTC).date()
    occurred = st.date_input("When", value=today, max_value=today, key="incident_date")
    severity = st.selectbox("Severity", [s.value for s in Severity], key="incident_severity")
    pillars = {p.id: p.name for p in content.questionnaire.pillars}
    pillar = st.selectbox(
        "Pillar", list(pillars), format_func=lambda p: pillars[p], key="incident_pillar"
    )
    chains = {"": "None", **{c.id: c.name for c in content.catalogue.chains}}
    chain = st.selectbox(
        "Chain involved", list(chains), format_func=lambda c: chains[c], key="incident_chain"
    )
    summary = st.text_area("What happened", max_chars=2000, key="incident_summary")
    link = st.text_input("Link to the write-up (optional)", key="incident_link")
    with shown_as_error():
        if st.button("Record incident", key="record_incident", type="primary"):
            day = occurred if isinstance(occurred, date) else today
            fields = {
                "team": str(team), "date": day.isoformat(), "severity": str(severity),
                "pillar": str(pillar), "chain": str(chain or ""), "summary": summary,
                "link": link,
            }  # fmt: skip
            recorded = service.record_incident(fields)
            _done(f"Recorded: {recorded.severity} incident for {recorded.team_name}.")


def render_incident_import(service: AuthorizedService) -> None:
    """Upload a CSV of incidents: every row checked, all or nothing."""
    st.subheader("Import from CSV")
    st.caption(f"Columns: {', '.join(COLUMNS)}; chain and link may be empty.")
    upload = read_upload("Incidents CSV", ["csv"], key="incident_upload", limit_mb=TEXT_LIMIT_MB)
    if upload is None:
        return
    if st.button("Import incidents", key="import_incidents", type="primary"):
        text = upload.data.decode("utf-8", errors="replace")
        try:
            imported = service.import_incidents(text, upload.name)
        except ContentError as error:
            render_problems(
                upload.name, error.problems, verdict="was rejected whole: nothing was written",
                key="incident_problems",
            )  # fmt: skip
            return
        _done(f"Imported {count(imported, 'incident')} from {upload.name}.")


def render_incidents(service: AuthorizedService, content: Content) -> None:
    """Every incident this person may see, newest first."""
    st.subheader("Recorded incidents")
    incidents = service.incidents()
    if not incidents:
        st.caption("No incidents recorded.")
        return
    pillars = {p.id: p.name for p in content.questionnaire.pillars}
    chains = {c.id: c.name for c in content.catalogue.chains}
    frame = pd.DataFrame(
        [
            {
                "Date": i.occurred_on.isoformat(),
                "Team": i.team_name,
                "Severity": i.severity,
                "Pillar": pillars.get(i.pillar, i.pillar),
                "Chain": chains.get(i.chain_id, i.chain_id) if i.chain_id else "",
                "What happened": i.summary,
                "Link": i.link or "",
                "Recorded by": i.recorded_by,
            }
            for i in incidents
        ]
    )
    st.dataframe(
        frame, hide_index=True, key="incident_table",
        column_config={"Link": st.column_config.LinkColumn("Link")},
    )  # fmt: skip
