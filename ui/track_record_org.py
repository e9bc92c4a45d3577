"""Track-record counts on the org pages: reinstate alerts and removals without sign-off."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.reports.track_record import WITHOUT_SIGN_OFF
from ui import org_data, resources
from ui.org_widgets import paged
from ui.text import inert


def unsigned_pairs(scoped: pd.DataFrame, period: str) -> pd.DataFrame:
    """(team, chain) rows for each chain marked removed without an approved request."""
    content = resources.content()
    chains = {c.id: c.name for c in content.catalogue.chains}
    flags = org_data.unsigned_removals(period).reindex(scoped.index).fillna(False)
    rows = [
        {"Team": scoped.at[team, "team"], "Chain": chains[str(chain)]}
        for team, row in flags.iterrows()
        for chain, flagged in row.items()
        if bool(flagged)
    ]
    return pd.DataFrame(rows, columns=["Team", "Chain"])


def render_track_record_counts(scoped: pd.DataFrame, period: str, *, key: str) -> None:
    """Two metrics (reinstate alerts, removed without sign-off) with their tables."""
    alerts = org_data.reinstate_alerts(period)
    alerts = alerts[alerts["team_slug"].isin(scoped.index)]
    unsigned = unsigned_pairs(scoped, period)
    left, right = st.columns(2)
    left.metric(
        "Reinstate alerts", len(alerts), border=True,
        help="Removed chains with an incident in their area after the removal.",
    )  # fmt: skip
    right.metric(
        f"Chains {WITHOUT_SIGN_OFF}", len(unsigned), border=True,
        help="Marked removed in the assessment, with no approved removal request.",
    )  # fmt: skip
    if len(alerts):
        with st.expander("Reinstate alerts", icon=":material/replay:"):
            shown = alerts[["team", "chain", "incident_on", "severity", "what"]].rename(
                columns={
                    "team": "Team", "chain": "Reinstate", "incident_on": "Incident on",
                    "severity": "Severity", "what": "What happened",
                }
            )  # fmt: skip
            shown = paged(shown, f"{key}_alerts_page", "Alerts")
            st.dataframe(shown, hide_index=True, key=f"{key}_alerts")
    if len(unsigned):
        with st.expander(f"Chains {WITHOUT_SIGN_OFF}", icon=":material/gpp_maybe:"):
            st.caption(inert("Ask the team to request sign-off, or to put the chain back."))
            shown = paged(unsigned, f"{key}_unsigned_page", "Chains")
            st.dataframe(shown, hide_index=True, key=f"{key}_unsigned")
