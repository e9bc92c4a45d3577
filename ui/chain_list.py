"""The chains matrix as a list, one team at a time: readable on a phone (390 px)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.reports.org_table import submitted
from scoring.model import Catalogue
from scoring.results import ChainStatus
from ui.text import inert

LIST_STATUSES = (
    (ChainStatus.REMOVED_TOO_EARLY.value, "Removed too early"),
    (ChainStatus.NEXT.value, "Next to remove"),
    (ChainStatus.ELIGIBLE.value, "Also eligible now"),
    (ChainStatus.REMOVED.value, "Removed"),
)
"""What the list says per team, most urgent first; blocked and permanent chains are the rest."""


def team_chain_lines(rows: pd.DataFrame, catalogue: Catalogue) -> list[tuple[str, list[str]]]:
    """Per team that submitted: a "Unit · Team" title and one line per status it has."""
    out = []
    for _, row in submitted(rows).iterrows():
        lines = []
        for status, words in LIST_STATUSES:
            names = [
                f"{c.order}. {c.name}" for c in catalogue.chains if row[f"status:{c.id}"] == status
            ]
            if names:
                lines.append(f"{words}: {', '.join(names)}")
        kept = sum(
            row[f"status:{c.id}"] in (ChainStatus.BLOCKED.value, ChainStatus.PERMANENT.value)
            for c in catalogue.chains
        )
        lines.append(f"In place: {kept} of {len(catalogue.chains)} chains")
        out.append((f"{row['unit']} · {row['team']}", lines))
    return out


def render_chain_list(rows: pd.DataFrame, catalogue: Catalogue) -> None:
    """One bordered block per team, its chains in words."""
    for title, lines in team_chain_lines(rows, catalogue):
        with st.container(border=True):
            st.markdown(f"**{inert(title)}**\n" + "\n".join(f"- {inert(line)}" for line in lines))
