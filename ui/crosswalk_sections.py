"""Team report sections: the autonomy ceiling, departures from standards, gaps by standard."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import Content
from assessments.reports.crosswalk import autonomy_ceiling, departures, gaps_by_standard
from scoring.results import AssessmentResult
from ui.text import inert


def autonomy_note(content: Content, result: AssessmentResult) -> str | None:
    """The sentence shown under the allowed autonomy when permanent chains cap it."""
    return autonomy_ceiling(content.catalogue, result, content.questionnaire.top_level)


def render_departures(content: Content, result: AssessmentResult) -> None:
    """Each removed (or next) chain whose removal departs from a standard, with the note."""
    for d in departures(content.catalogue, result):
        what = "Removed" if d.removed else "Removing next"
        st.warning(
            f"**{what}: {inert(d.chain_name)}** departs from {inert(d.standard)}. {inert(d.note)}",
            icon=":material/policy:",
        )


def render_gaps_by_standard(content: Content, answers: Mapping[str, AnswerEntry]) -> None:
    """The team's gaps (answers below 3, don't know, unanswered) under each standard's ids."""
    found = gaps_by_standard(content.questionnaire, answers)
    if not found:
        st.caption("No gaps against the standards this questionnaire cites.")
        return
    for standard, gaps in found.items():
        refs = sorted({g.reference for g in gaps})
        st.markdown(f"**{inert(standard)}** — {len(refs)} ids with gaps")
        st.markdown(
            "\n".join(
                f"- {inert(g.reference)}: {inert(g.question)} "
                f"({inert(content.questionnaire.question(g.question).text)}) is {inert(g.answer)}"
                for g in gaps
            )
        )
