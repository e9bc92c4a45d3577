"""Admin: org structure import, roles, audit trail, content check, data export and import."""

import streamlit as st

from ui import resources
from ui.admin.audit_trail import render_audit_trail
from ui.admin.backup import render_data_transfer
from ui.admin.content_check import render_content_check, render_switch_check
from ui.admin.in_force import render_content_in_force, render_org_in_force
from ui.admin.org_upload import render_org_import
from ui.admin.role_grants import render_roles
from ui.page_access import require_admin

service = resources.authorized_service()

st.title("Admin")
require_admin(service)
org_tab, roles_tab, audit_tab, content_tab, data_tab = st.tabs(
    ["Org structure", "Roles", "Audit trail", "Questionnaire & catalogue", "Export & import"]
)
with org_tab:
    render_org_in_force(service)
    st.divider()
    render_org_import(service)
with roles_tab:
    render_roles(service)
with audit_tab:
    render_audit_trail(service)
with content_tab:
    render_content_in_force(resources.content())
    st.divider()
    render_content_check(resources.content())
    render_switch_check(resources.content_library(), resources.assessments_per_version())
with data_tab:
    render_data_transfer(service)
