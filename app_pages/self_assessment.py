"""Self-assessment: answer the questionnaire for one team and one quarter."""

import streamlit as st

from assessments.content.answers import AnswerEntry
from assessments.content.questionnaire import Pillar, Question
from assessments.errors import ConflictError, IncompleteError, ReadinessError, UnconfirmedError
from assessments.service.authorized import TeamAccess
from assessments.wording import count
from ui import context, resources
from ui.carried_answers import (
    CARRIED_HINT,
    progress_line,
    render_pillar_confirm,
    render_pillar_counts,
)
from ui.chain_checklist import render_chain_checklist
from ui.draft_state import CHAINS, CHAINS_LABEL, TAB_KEY, TAB_PARAM, draft_session
from ui.errors import shown_as_error
from ui.evidence_sections import hold_latest_scan, render_scan_upload, verdict_line
from ui.kept_changes import render_kept_changes
from ui.lazy_tabs import lazy_tabs, open_tab_id
from ui.page_access import require_team_access
from ui.prefill_report import render_prefill_report
from ui.question_widgets import render_question, save_text_while_typing
from ui.text import inert

PROGRESS = "assessment_progress"
PREFILL_REPORT = "prefill_report"
# Session key: (draft id, PrefillPlan) of the prefill just made, shown until another. (A
# comment, not a string: Streamlit's magic writes a bare string on the page.)

service = resources.authorized_service()
content = resources.content()
questionnaire = content.questionnaire
selection = context.selection()

st.title("Self-assessment")
require_team_access(service, selection, TeamAccess.EDIT)
if selection.team is None:
    st.info("Pick a team in the sidebar once the org structure is imported.")
    st.stop()
team, period = selection.team, selection.period
st.caption(f"{inert(team.name)} · {period} · {inert(questionnaire.title)} v{questionnaire.version}")

current = service.current_assessment(team.slug, period)
earlier = [a for a in service.team_history(team.slug) if a.period < period]

if current is None:
    st.info(
        "No assessment for this quarter yet. It takes about fifteen minutes, and every "
        "answer is saved the moment you give it (typed notes and links a moment after you "
        "stop typing)."
    )
    left = right = st.container(horizontal=True)
    with shown_as_error():
        if left.button("Start the assessment", key="start_empty", type="primary"):
            service.open_draft(team.slug, period)
            st.rerun()
        if earlier and right.button(
            f"Start from {earlier[-1].period}'s answers", key="start_prefilled"
        ):
            draft = service.open_draft(team.slug, period)
            service.prefill_from_previous(draft.id, expected_version=draft.version)
            st.session_state[PREFILL_REPORT] = (draft.id, service.prefill_plan(draft.id))
            st.rerun()
    st.stop()

if current.status == "submitted":
    when = current.submitted_at.strftime("%Y-%m-%d %H:%M UTC") if current.submitted_at else ""
    st.success(
        f"Revision {current.revision} was submitted by {inert(current.submitted_by)} on {when}. "
        "A submitted assessment does not change; editing starts a new revision.",
        icon=":material/task_alt:",
    )
    kept = service.kept_changes(team.slug, period)
    if kept:
        were, them = ("was", "it") if len(kept) == 1 else ("were", "them")
        st.warning(
            f"{count(len(kept), 'change')} of yours reached this revision after it was submitted"
            f" and {were} kept aside. Edit a new revision to re-apply {them}.",
            icon=":material/move_item:",
        )
        render_kept_changes(kept, reapply=False)
    left = right = st.container(horizontal=True, vertical_alignment="center")
    left.page_link(
        "app_pages/team_report.py", label="See the team report", icon=":material/assignment:"
    )
    with shown_as_error():
        if right.button("Edit as a new revision", key="new_revision"):
            service.open_draft(team.slug, period)
            st.rerun()
    st.stop()

draft = current
state = draft_session(draft)
save_text_while_typing()


def save_answer(question_id: str, entry: AnswerEntry | None, expected: int) -> int:
    return service.save_answer(draft.id, question_id, entry, expected_version=expected).version


def set_chain(chain_id: str, removed: bool, expected: int) -> int:
    return service.set_chain_state(draft.id, chain_id, removed, expected_version=expected).version


waiting = state.unsaved
if waiting:
    state.save_unsaved(save_answer, set_chain)
    if state.unsaved < waiting:
        draft = service.get_assessment(draft.id)
if state.unsaved:
    st.warning(
        f"{count(state.unsaved, 'change')} not saved yet. {state.storage_problem}"
        f" {'It is' if state.unsaved == 1 else 'They are'} kept in this tab, as you see"
        f" {'it' if state.unsaved == 1 else 'them'} below, and saved again on your next change"
        " or when you retry.",
        icon=":material/cloud_off:",
    )
    st.button("Retry saving now", key="retry_unsaved", icon=":material/cloud_upload:")

if state.conflict:
    st.error(inert(state.conflict), icon=":material/sync_problem:")
elif draft.version != state.version:
    st.warning(
        "Someone else changed this draft since you opened it. Reload to see their answers "
        "before you go on; a save now would be refused and kept aside.",
        icon=":material/sync_problem:",
    )
kept = service.kept_changes(team.slug, period)
if state.conflict or draft.version != state.version or kept:
    if kept:
        with st.expander(
            f"Your {count(len(kept), 'change')} kept aside after a conflict", expanded=True
        ):
            reapplied = render_kept_changes(kept, reapply=True)
        if reapplied is not None:
            with shown_as_error():
                # A deliberate overwrite of what this run shows as stored (draft.version),
                # whatever this tab had loaded before.
                view = service.reapply_kept_change(
                    reapplied, draft.id, expected_version=draft.version
                )
                state.reload(view)
                st.rerun()
    if st.button("Reload the draft", key="reload", icon=":material/refresh:"):
        state.reload(service.get_assessment(draft.id))
        st.rerun()

state.answered = set(draft.answers)
state.carried = dict(draft.carried)
total = len(questionnaire.questions)
by_pillar = [(p, questionnaire.questions_of(p.id)) for p in questionnaire.pillars]


@st.fragment(key=PROGRESS)
def render_progress() -> None:
    confirmed = len(state.answered - state.carried.keys())
    st.progress(
        confirmed / total,
        text=f"{progress_line(state.answered, state.carried, total)} · revision"
        f" {draft.revision} · draft saved automatically",
    )
    render_pillar_counts(by_pillar, state)


render_progress()

if not draft.answers and earlier:
    with shown_as_error():
        if st.button(f"Start from {earlier[-1].period}'s answers", key="prefill"):
            prefilled = service.prefill_from_previous(draft.id, expected_version=state.version)
            st.session_state[PREFILL_REPORT] = (draft.id, service.prefill_plan(draft.id))
            state.reload(prefilled)
            st.rerun()

# After a prefill: what was carried, mapped to this questionnaire, or needs a fresh answer.
report = st.session_state.get(PREFILL_REPORT)
if report is not None and report[0] == draft.id and report[1] is not None:
    render_prefill_report(report[1].fates, report[1].source_period)
if draft.carried:
    st.caption(CARRIED_HINT)


held = hold_latest_scan(service, content, team.slug, period, draft.to_scoring())
evidence_box = st.expander(
    "Evidence from configuration"
    + (f": {count(len(held.judgement.contradicted), 'answer')} contradicted" if held else ""),
    icon=":material/fact_check:",
    key="evidence_open",
    on_change="rerun",
)
if evidence_box.open:
    # The file uploader is drawn once the box is opened, not on every visit of the page.
    with evidence_box:
        render_scan_upload(service, team.slug, period)


def confirm_pillar(pillar_id: str) -> None:
    try:
        view = service.confirm_answers(draft.id, pillar_id, expected_version=state.version)
    except ConflictError as conflict:
        state.conflict = str(conflict)
    except ReadinessError as error:
        st.error(inert(str(error)), icon=":material/error:")
        return
    else:
        state.saved(view.version)
    st.rerun()  # the whole page: every confirmed question drops its marker


def render_confirm(questions: tuple[Question, ...], pillar: Pillar) -> None:
    key = state.key(draft.id, "confirm", pillar.id)
    render_pillar_confirm(questions, pillar, state, key, confirm_pillar)


tab_labels = {p.id: p.name for p in questionnaire.pillars} | {CHAINS: CHAINS_LABEL}
# Only the open tab's questions run and reach the browser (a tab shows ten, not thirty).
tabs = lazy_tabs(tab_labels, key=TAB_KEY, param=TAB_PARAM)
opened = open_tab_id(tab_labels, tabs)
with tabs[list(tab_labels).index(opened)]:
    # A change the database refused is shown as the user left it, on whichever tab.
    if opened == CHAINS:
        removed = {c for c in draft.removed_chains if c not in state.unsaved_chains}
        removed |= {c for c, gone in state.unsaved_chains.items() if gone}
        render_chain_checklist(content.catalogue, frozenset(removed), state, draft.id, set_chain)
    else:
        pillar, questions = next((p, qs) for p, qs in by_pillar if p.id == opened)
        confirming = f"pillar_confirm_{pillar.id}"
        st.caption(inert(pillar.description))
        for question in questions:
            verdict = verdict_line(held.judgement.of(question.id)) if held else None
            render_question(
                question,
                state.unsaved_answers.get(question.id, draft.answers.get(question.id)),
                state,
                draft.id,
                save_answer,
                verdict,
                also_rerun=(PROGRESS,),
                when_carried=(confirming,),
            )
        st.fragment(key=confirming)(lambda: render_confirm(questions, pillar))()

st.divider()
if st.button("Submit the assessment", key="submit", type="primary", disabled=state.unsaved > 0):
    try:
        service.submit(draft.id, expected_version=state.version)
    except IncompleteError as incomplete:
        st.error(
            f"{count(len(incomplete.missing), 'question')} still"
            f" {'needs' if len(incomplete.missing) == 1 else 'need'} an answer (a value, not"
            f" applicable with a reason, or don't know): {', '.join(incomplete.missing)}",
            icon=":material/playlist_add_check:",
        )
    except UnconfirmedError as unconfirmed:
        st.error(inert(str(unconfirmed)), icon=":material/history:")
    except ConflictError as conflict:
        state.conflict = str(conflict)
        st.rerun()
    except ReadinessError as error:
        st.error(inert(str(error)), icon=":material/error:")
    else:
        # The team just submitted, not whichever team a fresh sidebar would fall back to.
        context.open_team_page("app_pages/team_report.py", team.slug, period)
