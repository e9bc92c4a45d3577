"""Admin: import the org structure from CSV or YAML, with a preview and a dry run."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assessments.content.yaml_source import decode_utf8
from assessments.errors import ContentError
from assessments.files.org_import import OrgImportPlan
from assessments.service.authorized import AuthorizedService
from assessments.storage.views import TeamView, UnitView
from assessments.wording import count
from ui.errors import shown_as_error
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload, render_problems

_NOTICE = "_org_import_notice"
FORMAT_HELP = (
    "CSV: a header row `unit,team` (optionally `unit_slug,team_slug`), one team a row. "
    "YAML: `units:` (each `unit`, optional `unit_slug`) and `teams:` (each `team`, its `unit`, "
    "optional `team_slug`)."
)


def plan_rows(
    plan: OrgImportPlan, units: Sequence[UnitView] = (), teams: Sequence[TeamView] = ()
) -> pd.DataFrame:
    """The plan as a table: one row per unit and team, what the import does to it, and — for
    a rename or a move — what it is now (from `units` and `teams`, the org as it stands)."""
    unit_now = {u.slug: u.name for u in units}
    team_now = {t.slug: f"{t.name} in {t.unit_slug}" for t in teams}
    rows = [
        {
            "Change": change,
            "Kind": "unit",
            "Slug": u.slug,
            "Name": u.name,
            "Unit": "",
            "Now": unit_now.get(u.slug, "") if change == "rename" else "",
        }
        for change, group in (
            ("create", plan.units_to_create),
            ("rename", plan.units_to_rename),
            ("unchanged", plan.units_unchanged),
        )
        for u in group
    ] + [
        {
            "Change": change,
            "Kind": "team",
            "Slug": t.slug,
            "Name": t.name,
            "Unit": t.unit_slug,
            "Now": team_now.get(t.slug, "") if change == "update" else "",
        }
        for change, group in (
            ("create", plan.teams_to_create),
            ("update", plan.teams_to_update),
            ("unchanged", plan.teams_unchanged),
        )
        for t in group
    ]
    return pd.DataFrame(rows, columns=["Change", "Kind", "Slug", "Name", "Unit", "Now"])


def applied_summary(plan: OrgImportPlan) -> str:
    """What an applied import changed, in words."""
    return (
        f"{count(len(plan.units_to_create), 'unit')} created, {len(plan.units_to_rename)} renamed; "
        f"{count(len(plan.teams_to_create), 'team')} created, {len(plan.teams_to_update)} updated"
    )


def render_org_import(service: AuthorizedService) -> None:
    """Upload → preview → dry run or apply; an invalid file is rejected whole, row by row."""
    st.subheader("Import the org structure")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(inert(notice), icon=":material/task_alt:")
    st.caption(
        "Adds units and teams, renames them or moves teams between units; it never deletes. "
        "A file with any problem is rejected whole, with the line of each problem."
    )
    upload = read_upload(
        "Org structure file (CSV or YAML)",
        ["csv", "yaml", "yml"],
        key="org_file",
        limit_mb=TEXT_LIMIT_MB,
        help=FORMAT_HELP,
    )
    if upload is None:
        return
    try:
        text = decode_utf8(upload.data, upload.name)
        plan = service.preview_org_import(text, upload.name)
    except ContentError as error:
        render_problems(
            upload.name, error.problems, verdict="is rejected whole", key="org_problems"
        )
        return
    st.markdown(f"**Preview:** {plan.summary()}.")
    st.dataframe(
        plan_rows(plan, service.list_units(), service.list_teams()),
        hide_index=True,
        key="org_plan",
    )
    buttons = st.container(horizontal=True)
    with shown_as_error():
        if buttons.button("Dry run", key="org_dry_run", icon=":material/science:"):
            checked = service.apply_org_import(text, upload.name, dry_run=True)
            st.info(
                f"Dry run passed: {checked.summary()}. Nothing was written.",
                icon=":material/science:",
            )
        if buttons.button(
            "Apply the import",
            key="org_apply",
            type="primary",
            disabled=not plan.has_changes,
            icon=":material/upload:",
        ):
            applied = service.apply_org_import(text, upload.name)
            st.session_state[_NOTICE] = f"Imported {upload.name}: {applied_summary(applied)}."
            st.rerun()
