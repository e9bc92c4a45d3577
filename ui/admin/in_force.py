"""Admin: what is in force — the org structure (to view and download, with a CSV template), the
questionnaire and the chain catalogue."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from assessments.service.authorized import AuthorizedService
from assessments.storage.views import TeamView, UnitView
from ui.exports.spreadsheet import csv_text
from ui.navigation import CATALOGUE
from ui.text import inert

ORG_HEADERS = ("unit", "team", "unit_slug", "team_slug")
TEMPLATE_ROWS = (("Payments", "Checkout Web", "", ""), ("Payments", "Ledger", "", "ledger"))


def org_rows(units: Sequence[UnitView], teams: Sequence[TeamView]) -> list[tuple[str, ...]]:
    """The org as import rows (unit, team, unit_slug, team_slug); a unit with no teams is
    listed with an empty team so nothing is hidden."""
    rows = [(t.unit_name, t.name, t.unit_slug, t.slug) for t in teams]
    staffed = {t.unit_slug for t in teams}
    rows += [(u.name, "", u.slug, "") for u in units if u.slug not in staffed]
    return sorted(rows, key=lambda r: (r[0].lower(), r[1].lower()))


def org_csv(units: Sequence[UnitView], teams: Sequence[TeamView]) -> str:
    """The org in force as an import-ready CSV (formula-safe): edit it and import it back."""
    return csv_text(ORG_HEADERS, [r for r in org_rows(units, teams) if r[1]])


def template_csv() -> str:
    """A CSV template with the columns the import reads and two example rows."""
    return csv_text(ORG_HEADERS, TEMPLATE_ROWS)


def render_org_in_force(service: AuthorizedService) -> None:
    """The units and teams in force, with downloads of the structure and of a template."""
    st.subheader("The org structure in force")
    units, teams = service.list_units(), service.list_teams()
    st.caption(f"{len(units)} units, {len(teams)} teams.")
    frame = pd.DataFrame(org_rows(units, teams), columns=["Unit", "Team", "Unit slug", "Team slug"])
    st.dataframe(frame, hide_index=True, key="org_in_force", height=min(420, 38 + 35 * len(frame)))
    downloads = st.container(horizontal=True)
    downloads.download_button(
        "Download the org structure (CSV)",
        data=org_csv(units, teams),
        file_name="org-structure.csv",
        mime="text/csv",
        key="org_download",
        on_click="ignore",
        icon=":material/download:",
    )
    downloads.download_button(
        "Download a CSV template",
        data=template_csv(),
        file_name="org-template.csv",
        mime="text/csv",
        key="org_template",
        on_click="ignore",
        icon=":material/download:",
    )


def render_content_in_force(content: Content) -> None:
    """The questionnaire (every question by pillar) and a link to the catalogue in force."""
    q, c = content.questionnaire, content.catalogue
    st.subheader("In force")
    st.markdown(
        f"**Questionnaire:** {inert(q.title)} · `{q.id}` v{q.version} · "
        f"{len(q.questions)} questions in {len(q.pillars)} pillars  \n"
        f"**Chain catalogue:** {inert(c.title)} · `{c.id}` v{c.version} · "
        f"{len(c.chains)} chains"
    )
    st.page_link(CATALOGUE.path, label="Browse the chain catalogue", icon=CATALOGUE.icon)
    with st.expander("Every question", expanded=False):
        rows = [
            (
                question.id,
                q.pillar(question.pillar).name,
                question.text,
                "yes" if question.critical else "",
                f"{question.weight:g}",
            )
            for question in q.questions
        ]
        st.dataframe(
            pd.DataFrame(rows, columns=["Id", "Pillar", "Question", "Critical", "Weight"]),
            hide_index=True,
            key="questions_in_force",
            height=38 + 35 * len(rows) + 2,
        )
