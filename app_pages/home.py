"""Home: where each person stands and what to do next — their teams, then the organisation."""

import streamlit as st

from assessments.periods import previous_period
from assessments.reports.front_door import OrgStanding, org_standing, team_standing
from assessments.reports.org_table import pillar_names
from assessments.service.team_scoring import score_view
from ui import context, org_data, resources
from ui.front_door import render_org_standing, render_team_card
from ui.navigation import CATALOGUE

service = resources.authorized_service()
content = resources.content()
principal = service.principal
period = context.selection().period

st.title("Autonomy Readiness")
st.markdown(
    "Which human approval chain on your AI-agent work can you safely remove next? "
    "Answer the questionnaire each quarter; the decision follows from your answers."
)
st.page_link(CATALOGUE.path, label="Browse the chain catalogue", icon=CATALOGUE.icon)

# An admin may edit every team; their cards are for the teams they were given to edit.
# (Not read at all without such teams: at 2,000 teams, listing them all is most of a run.)
edited = principal.edited_teams
mine = [t for t in service.list_teams() if t.slug in edited] if edited else []
if mine:
    st.subheader(f"Your {'team' if len(mine) == 1 else 'teams'} in {period}")
    for team in mine:
        latest = service.latest_submitted(team.slug, period)
        result = None if latest is None else score_view(content, latest)
        current = service.current_assessment(team.slug, period)
        render_team_card(
            team_standing(content, team, period, current, latest, result), may_edit=True
        )


def _org_standing() -> OrgStanding | None:
    table = org_data.change_table(period)
    return None if table.empty else org_standing(table, pillar_names(content.rubric), period)


if principal.can_view_org:
    # Kept per scope and data version: the change table of 2,000 teams is read on a miss only.
    standing = org_data.kept("home_standing", _org_standing, period)
    if standing is None:
        st.info("No teams yet. An admin can import the org structure.", icon=":material/groups:")
    else:
        render_org_standing(standing)
        st.caption(f"Movers compare {period} with {previous_period(period)}.")
elif not mine:
    st.info("Open a team's report from the menu.", icon=":material/assignment:")
