"""Team report: levels, the one chain to remove next, gaps, alerts and history."""

import functools
import re
from datetime import UTC, datetime

import streamlit as st

from assessments.content.comparable import VersionChange, version_note
from assessments.reports.evidence_lines import evidence_links, scan_evidence
from assessments.service.authorized import TeamAccess
from assessments.service.team_scoring import (
    HistoryPoint,
    content_of,
    history_changes,
    history_points,
    keys_of,
    score_view,
    scoring_input,
)
from ui import context, resources
from ui.crosswalk_sections import (
    autonomy_note,
    render_departures,
    render_gaps_by_standard,
)
from ui.evidence_sections import hold_latest_scan, render_evidence, render_evidence_note
from ui.exports.team_report_download import TeamReport, team_report_html, team_report_markdown
from ui.figures.team import history_figure
from ui.lazy_tabs import lazy_tabs
from ui.page_access import require_team_access
from ui.report_sections import (
    render_alerts,
    render_chain_table,
    render_confidence,
    render_decision,
    render_evidence_links,
    render_levels,
    render_unlock_paths,
)
from ui.team_context import (
    render_answer_changes,
    render_context,
    render_level_history,
    submitted_levels,
)
from ui.text import inert
from ui.track_record_sections import (
    render_reinstate_alerts,
    render_removal_request,
    render_sign_off,
    team_track_record,
)

# The report's tabs; the first holds the pillar chart. (A string under it would be drawn.)
REPORT_TABS = ("Readiness", "Next steps", "Changes", "Evidence", "History")

service = resources.authorized_service()
library = resources.content_library()
selection = context.selection()

st.title("Team report")
require_team_access(service, selection, TeamAccess.READ)
if selection.team is None:
    st.info("Pick a team in the sidebar once the org structure is imported.")
    st.stop()
team, period = selection.team, selection.period

submitted = service.latest_submitted(team.slug, period)
current = submitted or service.current_assessment(team.slug, period)
if current is None:
    st.caption(f"{inert(team.name)} · {period}")
    st.info(
        f"{inert(team.name)} has no assessment for {period} yet. Answer the questionnaire "
        "to get a recommendation.",
        icon=":material/edit_note:",
    )
    if service.principal.may_edit(team.slug):
        st.page_link(
            "app_pages/self_assessment.py",
            label="Start the self-assessment",
            icon=":material/edit_note:",
        )
    st.stop()

if submitted is not None:
    when = submitted.submitted_at.strftime("%Y-%m-%d") if submitted.submitted_at else ""
    label = f"Revision {submitted.revision}, submitted by {submitted.submitted_by} on {when}"
else:
    label = "Preview of the unsubmitted draft: submit it to make this the team's record"
if submitted is None:
    st.caption(f"{inert(team.name)} · {period}")
    st.warning(label, icon=":material/edit_note:")
else:
    st.caption(f"{inert(team.name)} · {period} · {inert(label)}")

# Scored on the questionnaire and catalogue version it was answered on, not the one in force.
content = content_of(library, current)
note = version_note(library, keys_of(current)[0])
if note is not None:
    st.info(inert(note), icon=":material/history:")
today = datetime.now(UTC).date()
record = team_track_record(service, content, team.slug, current.removed_chains, period, today)
scoring = scoring_input(current, record.scoring_input)
held = hold_latest_scan(service, content, team.slug, period, scoring)
# Contradicted answers count at their evidence bound in everything below.
result = held.result if held else score_view(library, current, record.scoring_input)
if submitted is not None:
    newer = service.current_assessment(team.slug, period)
    if newer is not None and not newer.is_submitted and newer.revision > submitted.revision:
        st.info(
            f"A newer revision (revision {newer.revision}) is open as a draft; this report "
            f"shows the submitted revision {submitted.revision} until it is submitted.",
            icon=":material/edit_note:",
        )
render_reinstate_alerts(content, record.alerts)
render_alerts(content, result)
render_decision(content, result)
render_evidence_note(held)
if submitted is not None:
    render_removal_request(service, content, team, result, record.requests, today)
render_sign_off(content, record.removed, record.requests, record.as_of)


@functools.cache
def history() -> tuple[list[HistoryPoint], list[VersionChange]]:
    """The team's scores per period and the version changes between them: read and scored
    only for the History tab or a download (every period is scored again)."""
    points = history_points(library, service.team_history(team.slug))
    return points, history_changes(points)


links = evidence_links(current, content.questionnaire)

# Only the open tab is drawn; the downloads below hold the whole report in one document.
readiness, next_steps, what_changed, evidence_tab, past = lazy_tabs(REPORT_TABS, key="report_tab")
if readiness.open:
    with readiness:
        render_levels(result, content.questionnaire.levels, autonomy_note(content, result))
        render_departures(content, result)
        render_context(
            content,
            result,
            submitted_levels(period) if service.principal.can_view_org else None,
            team.unit_slug,
        )
if next_steps.open:
    with next_steps:
        st.subheader("What unlocks the next chains")
        render_unlock_paths(content, result)
        if result.recommendation.alternatives:
            st.subheader("Alternatives")
            st.markdown(
                "\n".join(
                    f"- {inert(result.chain(cid).name)}"
                    for cid in result.recommendation.alternatives
                )
            )
        st.subheader("Every approval chain, with its gaps")
        render_chain_table(result, content.questionnaire)
if what_changed.open:
    with what_changed:
        earlier = [a for a in service.team_history(team.slug) if a.period < period]
        render_answer_changes(content, current, earlier[-1] if earlier else None)
if evidence_tab.open:
    with evidence_tab:
        render_evidence(held)
        with st.expander("Confidence: what would make this more certain"):
            render_confidence(result, content.questionnaire)
        with st.expander(f"Evidence links ({len(links.links)}), as of when they were vouched for"):
            render_evidence_links(links)
        with st.expander("Gaps by standard (OWASP, AWS, AIUC-1, CSA)"):
            render_gaps_by_standard(content, current.answers)
if past.open:
    with past:
        st.subheader("History")
        points, changes = history()
        if len({p.period for p in points}) < 2:
            st.caption("History appears once the team has submitted in two or more periods.")
        else:
            st.altair_chart(history_figure(points, changes), key="history_chart", width="stretch")
            for change in changes:
                st.caption(inert(change.footnote()))
            render_level_history(points)


def full_report() -> TeamReport:
    """Everything the report says, for a download (built when one is clicked)."""
    points, changes = history()
    notes = [*([] if note is None else [note]), *(change.footnote() for change in changes)]
    evidence = None
    if held is not None:
        view = held.scan
        evidence = scan_evidence(
            view.attached_by, view.attached_at, view.scan, held.judgement, held.expiry
        )
    return TeamReport(
        content, team.name, period, label, result, points, notes, changes, evidence, links
    )


slug = re.sub(r"[^a-z0-9-]+", "-", team.slug.lower())
st.caption(
    "Each tab shows one part of the report; either download is the whole report in one "
    "document, to print or share."
)
# Each file is written when its button is clicked, not on every run of the page.
left, right = st.columns(2)
left.download_button(
    "Download as Markdown",
    data=lambda: team_report_markdown(full_report()),
    file_name=f"readiness-{slug}-{period}.md",
    mime="text/markdown",
    key="download_md",
    on_click="ignore",
)
right.download_button(
    "Download as HTML",
    data=lambda: team_report_html(full_report()),
    file_name=f"readiness-{slug}-{period}.html",
    mime="text/html",
    key="download_html",
    on_click="ignore",
)
