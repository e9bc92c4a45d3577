"""A page someone may not use says so plainly, then stops (the service would refuse anyway)."""

from __future__ import annotations

import streamlit as st

from assessments.errors import AuthorizationError, NotFoundError
from assessments.service.authorized import AuthorizedService, TeamAccess
from ui.context import Selection, org_names
from ui.sign_in import shown_email
from ui.text import inert

TEAM_REPORT_PAGE = "app_pages/team_report.py"


def _who(service: AuthorizedService) -> str:
    who = service.principal
    return f"{shown_email(who.email)} ({inert(who.describe_roles(org_names(service)))})"


def require_org_view(service: AuthorizedService) -> None:
    """Stop with a plain message unless this person may use the org views."""
    if service.principal.can_view_org:
        return
    st.warning(
        f"The org views are for org viewers and admins; you are signed in as "
        f"{_who(service)}. Your teams' reports are on the Team report "
        "page; ask an admin if you need to see the whole organisation.",
        icon=":material/lock:",
    )
    st.page_link(TEAM_REPORT_PAGE, label="Open the team report", icon=":material/assignment:")
    st.stop()


def require_admin(service: AuthorizedService) -> None:
    """Stop with a plain message unless this person is an admin."""
    if service.principal.is_admin:
        return
    st.warning(
        f"Only admins can use the admin page; you are signed in as {_who(service)}.",
        icon=":material/lock:",
    )
    st.stop()


def require_approver(service: AuthorizedService) -> None:
    """Stop with a plain message unless this person decides removal requests."""
    if service.principal.can_approve:
        return
    st.warning(
        f"Approvals are for approvers and admins; you are signed in as {_who(service)}.",
        icon=":material/lock:",
    )
    st.stop()


def require_known_period(selection: Selection) -> None:
    """Stop with a plain message if a link named a period that is not a quarter."""
    if selection.unknown_period is None:
        return
    st.error(
        f"There is no period {inert(selection.unknown_period)}: a period is a quarter such as"
        f" {selection.period}. Pick one in the sidebar.",
        icon=":material/event_busy:",
    )
    st.stop()


def require_team_access(
    service: AuthorizedService, selection: Selection, access: TeamAccess
) -> None:
    """Stop with the service's refusal unless this person may read (or edit) the picked team;
    a link naming a team that does not exist says so."""
    slug = selection.refused or (selection.team.slug if selection.team is not None else None)
    if slug is None:
        return
    try:
        service.require_team_access(slug, access)
        if selection.refused is not None:
            # They may read every team of its unit (or all teams), yet it is not among them.
            st.error(
                f"There is no team {inert(selection.refused)}. Pick a team in the sidebar.",
                icon=":material/search_off:",
            )
            st.stop()
    except (AuthorizationError, NotFoundError) as refusal:
        if access is TeamAccess.EDIT:
            st.error(
                f"You cannot edit this assessment: {inert(str(refusal))}", icon=":material/lock:"
            )
            if selection.refused is None and service.may_read_team(slug):
                st.page_link(
                    TEAM_REPORT_PAGE,
                    label="Read the team's submitted assessment on the team report",
                    icon=":material/assignment:",
                )
        else:
            st.error(f"You cannot see this team: {inert(str(refusal))}", icon=":material/lock:")
        if selection.refused is not None or service.principal.can_edit:
            st.caption("Pick one of your teams in the sidebar.")
        st.stop()
