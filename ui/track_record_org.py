"""Track-record counts on the org pages: reinstate alerts and removals without sign-off."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.reports.track_record import WITHOUT_SIGN_OFF
from ui import org_data, resources
from ui.org_widgets import paged
from ui.text import inert


def _unsigned_flags(scoped: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per team in `scoped` (rows) and chain (columns): removed without an approved request."""
    return org_data.unsigned_removals(period).reindex(scoped.index, fill_value=False).astype(bool)


def unsigned_pairs(scoped: pd.DataFrame, period: str) -> pd.DataFrame:
    """(team, chain) rows for each chain marked removed without an approved request."""
    content = resources.content()
    chains = {c.id: c.name for c in content.catalogue.chains}
    # Row by row, chains in column order (a Python loop over 2,000 teams took 0.3 s a run).
    flagged = _unsigned_flags(scoped, period).stack()
    pairs = flagged.index[flagged.to_numpy(dtype=bool)]
    return pd.DataFrame(
        {
            "Team": scoped["team"].reindex(pairs.get_level_values(0)).to_list(),
            "Chain": [chains[str(chain)] for chain in pairs.get_level_values(1)],
        },
        columns=["Team", "Chain"],
    )


def render_track_record_counts(scoped: pd.DataFrame, period: str, *, key: str) -> None:
    """Two metrics (reinstate alerts, removed without sign-off), each with its table in an
    expander; a table is read and sent only while its expander is open (`{key}_alerts_open`,
    `{key}_unsigned_open`): closed, at 2,000 teams, they cost a tenth of the page's load."""
    alerts = org_data.reinstate_alerts(period)
    alerts = alerts[alerts["team_slug"].isin(scoped.index)]
    unsigned = int(_unsigned_flags(scoped, period).to_numpy().sum())
    left, right = st.columns(2)
    left.metric(
        "Reinstate alerts", len(alerts), border=True,
        help="Removed chains with an incident in their area after the removal.",
    )  # fmt: skip
    right.metric(
        f"Chains {WITHOUT_SIGN_OFF}", unsigned, border=True,
        help="Marked removed in the assessment, with no approved removal request.",
    )  # fmt: skip
    if len(alerts):
        box = st.expander(
            "Reinstate alerts",
            icon=":material/replay:",
            key=f"{key}_alerts_open",
            on_change="rerun",
        )
        if box.open:
            with box:
                shown = alerts[["team", "chain", "incident_on", "severity", "what"]].rename(
                    columns={
                        "team": "Team", "chain": "Reinstate", "incident_on": "Incident on",
                        "severity": "Severity", "what": "What happened",
                    }
                )  # fmt: skip
                shown = paged(shown, f"{key}_alerts_page", "Alerts")
                st.dataframe(shown, hide_index=True, key=f"{key}_alerts")
    if unsigned:
        box = st.expander(
            f"Chains {WITHOUT_SIGN_OFF}",
            icon=":material/gpp_maybe:",
            key=f"{key}_unsigned_open",
            on_change="rerun",
        )
        if box.open:
            with box:
                st.caption(inert("Ask the team to request sign-off, or to put the chain back."))
                shown = paged(unsigned_pairs(scoped, period), f"{key}_unsigned_page", "Chains")
                st.dataframe(shown, hide_index=True, key=f"{key}_unsigned")
