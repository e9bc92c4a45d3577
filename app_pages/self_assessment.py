"""Self-assessment: answer the questionnaire for one team and one quarter."""

import streamlit as st

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, IncompleteError, ReadinessError
from assessments.service.authorized import TeamAccess
from assessments.wording import count
from ui import context, resources
from ui.chain_checklist import render_chain_checklist
from ui.draft_state import draft_session
from ui.errors import shown_as_error
from ui.page_access import require_team_access
from ui.question_widgets import render_question, save_text_while_typing
from ui.text import inert

service = resources.authorized_service()
content = resources.content()
questionnaire = content.questionnaire
selection = context.selection()
actor = service.principal.email

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
            st.rerun()
    st.stop()

if current.status == "submitted":
    when = current.submitted_at.strftime("%Y-%m-%d %H:%M UTC") if current.submitted_at else ""
    st.success(
        f"Revision {current.revision} was submitted by {inert(current.submitted_by)} on {when}. "
        "A submitted assessment does not change; editing starts a new revision.",
        icon=":material/task_alt:",
    )
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

if state.conflict:
    st.error(state.conflict, icon=":material/sync_problem:")
elif draft.version != state.version:
    st.warning(
        "Someone else changed this draft since you opened it. Reload to see their answers "
        "before you go on; a save now would be refused and kept aside.",
        icon=":material/sync_problem:",
    )
kept = [e for e in service.conflicting_edits(draft.id) if e.actor == actor]
if state.conflict or draft.version != state.version or kept:
    if kept:
        with st.expander(
            f"Your {count(len(kept), 'change')} kept aside after a conflict", expanded=True
        ):
            for edit in kept:
                st.text(f"{edit.subject}: {edit.summary}  ({edit.created_at:%H:%M UTC})")
    if st.button("Reload the draft", key="reload", icon=":material/refresh:"):
        state.reload(service.get_assessment(draft.id))
        st.rerun()

answered = sum(1 for q in questionnaire.questions if q.id in draft.answers)
total = len(questionnaire.questions)
st.progress(
    answered / total,
    text=f"{answered} of {total} questions answered · revision {draft.revision} · draft saved "
    "automatically",
)

if not draft.answers and earlier:
    with shown_as_error():
        if st.button(f"Start from {earlier[-1].period}'s answers", key="prefill"):
            prefilled = service.prefill_from_previous(draft.id, expected_version=state.version)
            state.reload(prefilled)
            st.rerun()


def save_answer(question_id: str, entry: AnswerEntry | None, expected: int) -> int:
    return service.save_answer(draft.id, question_id, entry, expected_version=expected).version


def set_chain(chain_id: str, removed: bool, expected: int) -> int:
    return service.set_chain_state(draft.id, chain_id, removed, expected_version=expected).version


# Tab labels stay fixed: a label that changed on every answer would reset the open tab.
tabs = st.tabs([*(p.name for p in questionnaire.pillars), "Approval chains in place"])
for tab, pillar in zip(tabs, questionnaire.pillars, strict=False):
    questions = questionnaire.questions_of(pillar.id)
    with tab:
        done = sum(1 for q in questions if q.id in draft.answers)
        st.caption(f"{done} of {len(questions)} answered · {inert(pillar.description)}")
        for question in questions:
            render_question(question, draft.answers.get(question.id), state, draft.id, save_answer)
with tabs[-1]:
    render_chain_checklist(content.catalogue, draft.removed_chains, state, draft.id, set_chain)

st.divider()
if st.button("Submit the assessment", key="submit", type="primary"):
    try:
        service.submit(draft.id, expected_version=state.version)
    except IncompleteError as incomplete:
        st.error(
            f"{count(len(incomplete.missing), 'question')} still need an answer (a value, not "
            f"applicable with a reason, or don't know): {', '.join(incomplete.missing)}",
            icon=":material/playlist_add_check:",
        )
    except ConflictError as conflict:
        state.conflict = str(conflict)
        st.rerun()
    except ReadinessError as error:
        st.error(str(error))
    else:
        st.switch_page("app_pages/team_report.py")
