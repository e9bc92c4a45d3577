"""One question on the self-assessment page: its anchored scale, N/A, don't know, evidence, note.

Every change saves at once (no save button), so a reload or a closed tab loses nothing: a
choice when it is made, typed text (reason, evidence link, note) a moment after typing stops.
Each question is a Streamlit fragment: an answer reruns that question (and the progress shown
elsewhere, by key), not the whole 30-question form.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from pydantic import ValidationError

from assessments.content.answers import AnswerEntry
from assessments.content.questionnaire import Question
from assessments.errors import ConflictError, ReadinessError, StorageError
from ui.carried_answers import carried_marker
from ui.draft_state import DraftSession, SaveAnswer
from ui.text import inert

NOT_APPLICABLE = "na"
DONT_KNOW = "dk"
TEXT_PARTS = ("reason", "evidence", "note")

TYPING_PAUSE_MS = 700
"""Typed text is saved this long after the last keystroke."""
_SAVE_WHILE_TYPING = """
<script>
(() => {
  // A Streamlit text input sends its value on Enter or when it loses focus; a reload before
  // either lost what was typed. After a pause in typing, press Enter for the writer.
  if (window.__readinessSaveWhileTyping) return;
  window.__readinessSaveWhileTyping = true;
  const timers = new WeakMap();
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || event.isComposing) return;
    if (!input.closest("[data-testid='stTextInput']")) return;
    if (!input.closest("[class*='_box']")) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => {
      const enter = {key: "Enter", code: "Enter", keyCode: 13, which: 13, bubbles: true};
      input.dispatchEvent(new KeyboardEvent("keydown", enter));
    }, PAUSE));
  }, true);
})();
</script>
""".replace("PAUSE", str(TYPING_PAUSE_MS))


def save_text_while_typing() -> None:
    """Once per page: typed text in the question boxes is saved after a short pause."""
    st.html(_SAVE_WHILE_TYPING, unsafe_allow_javascript=True, width="content")


def choice_of(entry: AnswerEntry | None) -> str | None:
    """The radio option that shows a stored answer."""
    if entry is None:
        return None
    if entry.not_applicable is not None:
        return NOT_APPLICABLE
    if entry.dont_know:
        return DONT_KNOW
    return str(entry.value)


def entry_of(choice: str | None, reason: str, evidence: str, note: str) -> AnswerEntry | None:
    """Build the answer the widgets describe; None when nothing is chosen.

    Raises:
        ValueError: the widgets describe an answer that cannot be saved yet
            (not applicable without a reason, or a link that is not http(s)).
    """
    if choice is None:
        return None
    payload: dict[str, object] = {
        "evidence": evidence.strip() or None,
        "note": note.strip() or None,
    }
    if choice == NOT_APPLICABLE:
        if not reason.strip():
            raise ValueError("Not applicable needs a reason: say why this does not apply.")
        payload["not_applicable"] = reason.strip()
    elif choice == DONT_KNOW:
        payload["dont_know"] = True
    else:
        payload["value"] = int(choice)
    try:
        return AnswerEntry.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(str(first["msg"]).removeprefix("Value error, ")) from error


def question_fragment_key(question_id: str) -> str:
    """The fragment key of one question, for `st.rerun([...])`."""
    return f"question_{question_id}"


def render_question(
    question: Question,
    stored: AnswerEntry | None,
    state: DraftSession,
    assessment_id: int,
    save: SaveAnswer,
    verdict: tuple[str, str] | None = None,
    *,
    also_rerun: Sequence[str] = (),
    when_carried: Sequence[str] = (),
) -> None:
    """Draw one question with every scale level visible, saving on each change.

    `verdict` is (kind, line) from the attached configuration scan, shown under the help.

    A saved answer reruns this question's fragment and the fragments keyed `also_rerun`
    (the progress), and those keyed `when_carried` (the pillar's confirm button) only when
    the save confirmed a carried answer: each fragment more is a slower answer. A conflicting
    save reruns the whole page, which says what happened.
    """
    fragment_key = question_fragment_key(question.id)
    reruns = (fragment_key, tuple(also_rerun), tuple(when_carried))
    st.fragment(key=fragment_key)(
        lambda: _draw_question(question, stored, state, assessment_id, save, reruns, verdict)
    )()


def _draw_question(
    question: Question,
    stored: AnswerEntry | None,
    state: DraftSession,
    assessment_id: int,
    save: SaveAnswer,
    reruns: tuple[str, tuple[str, ...], tuple[str, ...]],
    verdict: tuple[str, str] | None,
) -> None:
    def key(part: str) -> str:
        return state.key(assessment_id, question.id, part)

    options = [str(level.value) for level in question.scale]
    captions = [level.description for level in question.scale]
    if question.allow_not_applicable:
        options.append(NOT_APPLICABLE)
        captions.append("Excluded from the score; give a reason below.")
    options.append(DONT_KNOW)
    captions.append("Counts as 0 and lowers confidence.")
    labels = {str(level.value): f"{level.value} · {level.label}" for level in question.scale}
    labels |= {NOT_APPLICABLE: "Not applicable", DONT_KNOW: "Don't know"}

    def on_change() -> None:
        try:
            entry = entry_of(
                st.session_state[key("choice")],
                st.session_state.get(key("reason"), ""),
                st.session_state.get(key("evidence"), ""),
                st.session_state.get(key("note"), ""),
            )
        except ValueError as problem:
            state.errors[question.id] = str(problem)
            return
        try:
            generation = state.generation
            state.saved(save(question.id, entry, state.version))
            state.unsaved_answers.pop(question.id, None)
        except ConflictError as conflict:
            state.conflict = str(conflict)
            st.rerun()  # the whole page: the conflict banner sits at its top
        except StorageError as error:
            state.keep_unsaved(error, answer=(question.id, entry))
            st.rerun()  # the whole page: the unsaved-changes notice sits at its top
        except ReadinessError as error:
            state.errors[question.id] = str(error)
            return
        state.errors.pop(question.id, None)
        # Saved as it now stands: a carried answer is confirmed.
        confirmed = state.carried.pop(question.id, None) is not None
        if entry is None:
            state.answered.discard(question.id)
        else:
            state.answered.add(question.id)
        if state.generation != generation:
            st.rerun()  # teammates' answers were merged in: redraw the whole form
        fragment_key, also_rerun, when_carried = reruns
        st.rerun([fragment_key, *also_rerun, *(when_carried if confirmed else ())])

    with st.container(border=True, key=key("box")):
        badge = " :red-badge[critical]" if question.critical else ""
        st.markdown(f"**{question.id}** · {inert(question.text)}{badge}")
        if question.id in state.carried:
            st.markdown(carried_marker(state.carried[question.id]))
        st.caption(inert(question.help))
        if verdict is not None and verdict[0] == "contradicted":
            st.warning(inert(verdict[1]), icon=":material/fact_check:")
        elif verdict is not None:
            st.caption(f":material/verified: {inert(verdict[1])}")
        current = choice_of(stored)
        choice = st.radio(
            f"Answer to {question.id}",
            options,
            index=options.index(current) if current in options else None,
            format_func=labels.__getitem__,
            captions=captions,
            key=key("choice"),
            on_change=on_change,
            label_visibility="collapsed",
        )
        if choice == NOT_APPLICABLE:
            st.text_input(
                "Why does this not apply?",
                value=(stored.not_applicable or "") if stored else "",
                key=key("reason"),
                on_change=on_change,
                max_chars=500,
            )
        if choice is not None or any(st.session_state.get(key(p)) for p in TEXT_PARTS):
            # Before an answer there is nothing to attach a link or a note to (and a
            # question's two boxes were a third of the page's inputs).
            left, right = st.columns(2)
            left.text_input(
                "Evidence link",
                value=(stored.evidence or "") if stored else "",
                key=key("evidence"),
                on_change=on_change,
                placeholder="https://…",
                max_chars=500,
            )
            left.caption(f"Evidence that counts: {inert(question.evidence_hint)}")
            right.text_input(
                "Note",
                value=(stored.note or "") if stored else "",
                key=key("note"),
                on_change=on_change,
                max_chars=2000,
            )
        if question.id in state.errors:
            st.warning(state.errors[question.id], icon=":material/warning:")
