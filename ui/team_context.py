"""The team report's context sections: medians beside the team, answers that changed, levels."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from assessments.reports.org_table import pillar_names, submitted
from assessments.reports.team_context import answer_changes, level_history, pillar_context
from assessments.service.team_scoring import HistoryPoint
from assessments.storage.views import DraftView
from assessments.wording import count
from scoring.results import AssessmentResult
from ui import org_data
from ui.tables import render_text_table


def submitted_levels(period: str) -> pd.DataFrame:
    """The levels of the teams that submitted in `period`, with their unit: all the report's
    medians need of the org table, kept per scope and data version (at 2,000 teams a copy of
    the whole table on every run of the report costs more than the medians)."""

    def build() -> pd.DataFrame:
        table = submitted(org_data.period_table(period))
        levels = [c for c in table.columns if c == "overall_level" or c.startswith("level:")]
        return table[["coverage", "unit_slug", *levels]].copy()

    return org_data.kept("report_submitted_levels", build, period)


def render_context(
    content: Content, result: AssessmentResult, table: pd.DataFrame | None, unit_slug: str
) -> None:
    """Each pillar's level beside the unit's and the organisation's median level."""
    st.subheader("In context")
    if table is None:
        st.caption("Unit and organisation medians are shown to org viewers and admins.")
        return
    context = pillar_context(result, table, unit_slug, pillar_names(content.rubric))
    st.caption("Readiness levels (0–4); medians over the teams that submitted this period.")
    render_text_table(list(context.columns), list(context.itertuples(index=False)))


def render_answer_changes(content: Content, current: DraftView, earlier: DraftView | None) -> None:
    """The questions answered differently than in the team's previous submission."""
    st.subheader("What changed since the last submission")
    if earlier is None:
        st.caption("This is the team's first submission: nothing to compare with yet.")
        return
    changes = answer_changes(content.questionnaire, current.answers, earlier.answers)
    if not changes:
        st.caption(f"Every answer is the same as in {earlier.period}.")
        return
    st.caption(f"Compared with {earlier.period}: {count(len(changes), 'answer')} changed.")
    render_text_table(
        ["Question", "Asks", f"In {earlier.period}", "Now"],
        [(c.question, c.text, c.before, c.now) for c in changes],
    )


def render_level_history(points: Sequence[HistoryPoint]) -> None:
    """Levels per period and pillar, with the overall level (the weakest pillar)."""
    table = level_history([(p.period, p.pillar, p.level) for p in points])
    st.caption("Readiness levels per period")
    render_text_table(list(table.columns), list(table.itertuples(index=False)))
