"""Admin: who holds which role — the table, grant and remove, a roles file upload and sync."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from assessments.access import WHOLE_ORG, Grant, Role
from assessments.errors import ContentError
from assessments.files.role_file import load_role_file, parse_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.roles import FILE_SOURCE
from assessments.storage.views import RoleAssignmentView
from assessments.wording import count
from ui import resources
from ui.context import org_names
from ui.errors import shown_as_error
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload, render_problems

_NOTICE = "_roles_notice"
_CLEAR_GRANT = "_roles_clear_grant"
ROLE_HELP = (
    "Admin: everything on this page. Org viewer: reads every submitted assessment and the org "
    "views, for the whole organisation or one unit. Team editor: answers and submits one "
    "team's assessment and reads its reports. Approver: signs off or declines requests to "
    "remove an approval chain, for the whole organisation or one unit (never for a team they "
    "edit, nor their own request)."
)


def scope_label(grant: Grant, names: Mapping[str, str] | None = None) -> str:
    """What a grant covers, for the table: "whole organisation", a unit or a team, by name."""
    if grant.role is Role.ADMIN:
        return "everything"
    if grant.scope == WHOLE_ORG:
        return "whole organisation"
    return (names or {}).get(grant.scope, grant.scope)


def assignment_rows(
    assignments: Sequence[RoleAssignmentView], names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The role assignments as a table."""
    return pd.DataFrame(
        [
            {
                "Email": a.email,
                "Role": a.grant.role.label,
                "Covers": scope_label(a.grant, names),
                "Source": "roles file" if a.source == FILE_SOURCE else "admin page",
                "Granted by": a.created_by,
                "Since": a.created_at.strftime("%Y-%m-%d"),
            }
            for a in assignments
        ],
        columns=["Email", "Role", "Covers", "Source", "Granted by", "Since"],
    )


def _done(message: str) -> None:
    st.session_state[_NOTICE] = message
    st.rerun()


def render_roles(service: AuthorizedService) -> None:
    """The role table, then forms to grant, remove, upload and sync."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(inert(notice), icon=":material/task_alt:")
    assignments = service.role_assignments()
    st.subheader("Who may see and change what")
    st.caption(ROLE_HELP)
    if assignments:
        st.dataframe(
            assignment_rows(assignments, org_names(service)), hide_index=True, key="role_table"
        )
    else:
        st.info(
            "No one has a role yet. Once login is configured, only people listed here (or in "
            "the roles file) can open the app; list at least one admin.",
            icon=":material/group:",
        )
    left, right = st.columns(2)
    with left:
        _render_grant(service)
    with right:
        _render_revoke(assignments, service)
    st.divider()
    _render_upload(service)
    _render_sync(service)


GRANT_FORM_KEYS = ("grant_email", "grant_role", "grant_unit", "grant_team")


def _render_grant(service: AuthorizedService) -> None:
    st.markdown("**Give someone a role**")
    if st.session_state.pop(_CLEAR_GRANT, False):
        for key in GRANT_FORM_KEYS:
            st.session_state.pop(key, None)
    email = st.text_input("Email", key="grant_email", placeholder="name@example.com")
    picked_role = st.selectbox(
        "Role", list(Role), format_func=lambda r: r.label, key="grant_role", index=2
    )
    role = picked_role or Role.TEAM_EDITOR
    scope = WHOLE_ORG
    if role in (Role.ORG_VIEWER, Role.APPROVER):
        units = {u.slug: u.name for u in service.list_units()}
        scope = str(
            st.selectbox(
                "Sees" if role is Role.ORG_VIEWER else "Decides for",
                [WHOLE_ORG, *units],
                format_func=lambda s: "The whole organisation" if s == WHOLE_ORG else units[s],
                key="grant_unit",
            )
        )
    elif role is Role.TEAM_EDITOR:
        teams = {t.slug: f"{t.unit_name} · {t.name}" for t in service.list_teams()}
        picked = st.selectbox(
            "Team",
            list(teams),
            format_func=lambda s: teams[s],
            key="grant_team",
            index=None,
            placeholder="Choose a team…",
        )
        scope = str(picked or "")
    with shown_as_error():
        if st.button("Grant", key="grant", type="primary", icon=":material/person_add:"):
            granted = service.grant_role(email, Grant(role, scope))
            st.session_state[_CLEAR_GRANT] = True
            _done(f"{granted.email} is now {granted.grant.describe(org_names(service))}.")


def _render_revoke(assignments: Sequence[RoleAssignmentView], service: AuthorizedService) -> None:
    st.markdown("**Take a role away**")
    removable = {a.id: a for a in assignments if a.source != FILE_SOURCE}
    if not removable:
        st.caption("No grants from this page yet; grants from the roles file change in the file.")
        return
    names = org_names(service)
    picked = st.selectbox(
        "Grant",
        list(removable),
        format_func=lambda i: f"{removable[i].email} · {removable[i].grant.describe(names)}",
        key="revoke_pick",
        index=None,
        placeholder="Choose a grant…",
    )
    st.caption("Grants from the roles file are changed in the file, not here.")
    with shown_as_error():
        clicked = st.button(
            "Remove", key="revoke", disabled=picked is None, icon=":material/person_remove:"
        )
        if clicked and picked is not None:
            chosen = removable[picked]
            service.revoke_role(chosen.id)
            _done(f"{chosen.email} is no longer {chosen.grant.describe(org_names(service))}.")


def _render_upload(service: AuthorizedService) -> None:
    st.markdown("**Add grants from a roles file**")
    upload = read_upload(
        "Roles file (YAML)",
        ["yaml", "yml"],
        key="roles_file",
        limit_mb=TEXT_LIMIT_MB,
        help="The format of data/roles.example.yaml. Grants it lists are added; none are removed.",
    )
    if upload is None:
        return
    try:
        role_file = parse_role_file(upload.data, upload.name)
    except ContentError as error:
        render_problems(
            upload.name, error.problems, verdict="is rejected whole", key="roles_problems"
        )
        return
    plan = service.import_roles(role_file, upload.name, dry_run=True)
    st.markdown(f"**Preview:** {plan.summary()}.")
    st.dataframe(
        pd.DataFrame(
            [
                {"Email": e, "Role": g.role.label, "Covers": scope_label(g, org_names(service))}
                for e, g in plan.to_add
            ],
            columns=["Email", "Role", "Covers"],
        ),
        hide_index=True,
        key="roles_plan",
    )
    with shown_as_error():
        if st.button(
            f"Add {count(len(plan.to_add), 'grant')}",
            key="roles_apply",
            disabled=not plan.to_add,
            icon=":material/group_add:",
        ):
            applied = service.import_roles(role_file, upload.name)
            _done(f"{upload.name}: {applied.summary()}.")


def _render_sync(service: AuthorizedService) -> None:
    path = resources.settings().roles_file
    if path is None:
        st.caption(
            "No roles file is configured. Set READINESS_ROLES_FILE to a YAML file like "
            "data/roles.example.yaml and its grants are synced at every start."
        )
        return
    st.caption(f"Roles file: {inert(str(path))} — synced at every start of the app.")
    with shown_as_error():
        if st.button("Sync the roles file now", key="roles_sync", icon=":material/sync:"):
            summary = service.sync_role_file(load_role_file(path), str(path))
            _done(
                f"Roles file synced: {count(len(summary.added), 'grant')} added, "
                f"{len(summary.removed)} removed, {summary.unchanged} unchanged."
            )
