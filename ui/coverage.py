"""Coverage that helps chase: who has not submitted, how they stood last quarter, whom to ask."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from assessments.access import Role
from assessments.reports.org_table import NO_SUBMISSION, SUBMITTED
from assessments.service.authorized import AuthorizedService
from ui.context import PERIOD_KEY, TEAM_KEY
from ui.navigation import TEAM_REPORT


def editors_by_team(service: AuthorizedService) -> dict[str, list[str]] | None:
    """Team slug → the emails of its team editors; None for people who may not read roles."""
    if not service.principal.is_admin:
        return None
    editors: dict[str, list[str]] = {}
    for assignment in service.role_assignments():
        if assignment.grant.role is Role.TEAM_EDITOR:
            editors.setdefault(assignment.grant.scope, []).append(assignment.email)
    return {slug: sorted(emails) for slug, emails in editors.items()}


def chase_rows(
    table: pd.DataFrame,
    previous: pd.DataFrame,
    period: str,
    previous_period: str,
    editors: Mapping[str, Sequence[str]] | None,
) -> pd.DataFrame:
    """One row per team without a submission for `period`: its state now and last quarter,
    its editors (when known) and a link to its report."""
    missing = table[table["coverage"] != SUBMITTED]
    before = previous["coverage"] if "coverage" in previous else pd.Series(dtype=object)
    rows = []
    for slug, row in missing.iterrows():
        rows.append(
            {
                "Team": row["team"],
                "Unit": row["unit"],
                "Now": str(row["coverage"]),
                f"In {previous_period}": str(before.get(slug, NO_SUBMISSION)),
                **(
                    {"Editors to ask": ", ".join(editors.get(str(slug), ())) or "none yet"}
                    if editors is not None
                    else {}
                ),
                "Report": f"/{TEAM_REPORT.url_path}?"
                + urlencode({TEAM_KEY: slug, PERIOD_KEY: period}),
            }
        )
    return pd.DataFrame(rows)


def render_chase_table(rows: pd.DataFrame, period: str) -> None:
    """The teams to chase, each with a link that opens its report."""
    if rows.empty:
        st.success(f"Every team submitted for {period}.", icon=":material/task_alt:")
        return
    st.dataframe(
        rows,
        hide_index=True,
        key="chase_table",
        height=38 + 35 * len(rows) + 2,
        column_config={
            "Report": st.column_config.LinkColumn("Report", display_text="Open the report")
        },
    )
