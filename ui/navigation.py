"""Which pages each person sees in the navigation.

Every page stays registered, so a shared link to a page someone may not use opens it and the
page says so plainly; the menu lists only the pages their role may use. (The service enforces
the same rules; hiding a page is a courtesy, not the protection.)
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assessments.access import Principal


@dataclass(frozen=True)
class PageSpec:
    """A page of the app and the section it is listed under."""

    path: str
    title: str
    icon: str
    url_path: str
    section: str
    default: bool = False


HOME = PageSpec("app_pages/home.py", "Home", ":material/home:", "home", "home", True)
TEAM_REPORT = PageSpec(
    "app_pages/team_report.py", "Team report", ":material/assignment:", "report", "team"
)
SELF_ASSESSMENT = PageSpec(
    "app_pages/self_assessment.py", "Self-assessment", ":material/edit_note:", "assessment", "team"
)
ORG_HEATMAP = PageSpec(
    "app_pages/org_heatmap.py", "Org heatmap", ":material/grid_on:", "heatmap", "Organisation"
)
CHAINS_MATRIX = PageSpec(
    "app_pages/chains_matrix.py", "Chains matrix", ":material/link_off:", "chains", "Organisation"
)
QUARTERLY_REVIEW = PageSpec(
    "app_pages/quarterly_review.py",
    "Quarterly review",
    ":material/event_note:",
    "review",
    "Organisation",
)
CATALOGUE = PageSpec(
    "app_pages/chain_catalogue.py", "Chain catalogue", ":material/menu_book:", "catalogue", "home"
)
INCIDENTS = PageSpec(
    "app_pages/incidents.py", "Incidents", ":material/report:", "incidents", "team"
)
APPROVALS = PageSpec(
    "app_pages/approvals.py", "Approvals", ":material/approval:", "approvals", "Sign-off"
)
ADMIN = PageSpec("app_pages/admin.py", "Admin", ":material/admin_panel_settings:", "admin", "Admin")
PAGES = (
    HOME,
    CATALOGUE,
    TEAM_REPORT,
    SELF_ASSESSMENT,
    INCIDENTS,
    ORG_HEATMAP,
    CHAINS_MATRIX,
    QUARTERLY_REVIEW,
    APPROVALS,
    ADMIN,
)
TEAM_PAGES = frozenset({TEAM_REPORT.url_path, SELF_ASSESSMENT.url_path})
"""Pages about one team: the only ones with a team picker in the sidebar."""


def may_use(principal: Principal, page: PageSpec) -> bool:
    """Whether the page belongs in this person's menu."""
    if page is SELF_ASSESSMENT:
        return principal.can_edit
    if page.section == "Organisation":
        return principal.can_view_org
    if page is ADMIN:
        return principal.is_admin
    if page is APPROVALS:
        return principal.can_approve
    return principal.has_access


def sections(principal: Principal) -> dict[str, list[tuple[PageSpec, bool]]]:
    """Section title → (page, visible) pairs; hidden pages go with the first section."""
    team_title = "Your team" if principal.can_edit else "Teams"
    grouped: dict[str, list[tuple[PageSpec, bool]]] = {}
    hidden: list[tuple[PageSpec, bool]] = []
    for page in PAGES:
        if may_use(principal, page):
            title = {"team": team_title, "home": ""}.get(page.section, page.section)
            grouped.setdefault(title, []).append((page, True))
        else:
            hidden.append((page, False))
    first = next(iter(grouped))
    grouped[first].extend(hidden)
    return grouped


def pages_for(principal: Principal) -> dict[str, list[st.Page]]:
    """The `st.navigation` argument for this person."""
    return {
        title: [
            st.Page(
                page.path,
                title=page.title,
                icon=page.icon,
                url_path=page.url_path,
                default=page.default,
                visibility="visible" if visible else "hidden",
            )
            for page, visible in entries
        ]
        for title, entries in sections(principal).items()
    }
