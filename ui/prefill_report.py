"""After a prefill: what happened to each question (carried, mapped, needs a fresh answer)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assessments.content.migration import Fate, QuestionFate
from ui.text import inert

COLUMNS = ["Question", "What happened", "Last time", "Now", "Why"]


def fate_rows(fates: Sequence[QuestionFate]) -> pd.DataFrame:
    """One row per question of this period's questionnaire, in its order."""
    return pd.DataFrame(
        [
            {
                "Question": f.question,
                "What happened": f.fate.value,
                "Last time": "; ".join(f.was),
                "Now": f.now,
                "Why": f.reason,
            }
            for f in fates
        ],
        columns=COLUMNS,
    )


def fate_summary(fates: Sequence[QuestionFate], source_period: str) -> str:
    """ "From 2026-Q4: 20 carried, 5 mapped, 3 need a fresh answer."."""
    carried = sum(1 for f in fates if f.fate is Fate.CARRIED)
    mapped = sum(1 for f in fates if f.fate is Fate.MAPPED)
    fresh = sum(1 for f in fates if f.fate is Fate.FRESH)
    need = "needs" if fresh == 1 else "need"
    return (
        f"From {source_period}: {carried} carried, {mapped} mapped to this questionnaire,"
        f" {fresh} {need} a fresh answer."
    )


def render_prefill_report(fates: Sequence[QuestionFate], source_period: str) -> None:
    """The summary and, folded, the table of every question's fate."""
    st.info(inert(fate_summary(fates, source_period)), icon=":material/move_down:")
    with st.expander("What happened to each question"):
        st.dataframe(fate_rows(fates), hide_index=True, key="prefill_fates")
