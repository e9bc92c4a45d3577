"""Pure helpers behind the admin page and the navigation: sizes, audit export, menus."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from assessments.access import Grant, Principal, Role, principal
from assessments.storage.audit import AuditEntryView
from ui.admin.audit_trail import audit_csv, audit_json, day_span
from ui.admin.backup import export_file_name
from ui.navigation import sections
from ui.uploads import size_refusal

ENTRY = AuditEntryView(
    id=7,
    at=datetime(2026, 11, 2, 14, 5, 9, tzinfo=UTC),
    actor='=HYPERLINK("http://evil")',
    action="role.change",
    entity="role",
    entity_id="+ana@example.com",
    details={"change": "grant", "role": "admin", "scope": ""},
)


@pytest.mark.parametrize(
    ("size", "limit_mb", "refusal"),
    [
        (1024 * 1024, 1, None),
        (
            1024 * 1024 + 1,
            1,
            "org.csv is 1.0 MB; files here may be at most 1 MB. Nothing was read.",
        ),
        (
            6 * 1024 * 1024,
            5,
            "org.csv is 6.0 MB; files here may be at most 5 MB. Nothing was read.",
        ),
    ],
)
def test_an_upload_over_its_limit_is_refused_with_its_size(size, limit_mb, refusal):
    assert size_refusal("org.csv", size, limit_mb) == refusal


def test_the_audit_csv_cannot_start_a_spreadsheet_formula():
    rows = list(csv.reader(io.StringIO(audit_csv([ENTRY]))))

    assert rows == [
        ["When (UTC)", "Who", "Action", "Entity", "Id", "Details"],
        [
            "2026-11-02 14:05:09",
            '\'=HYPERLINK("http://evil")',
            "role.change",
            "role",
            "'+ana@example.com",
            '{"change": "grant", "role": "admin", "scope": ""}',
        ],
    ]


def test_the_audit_json_keeps_every_field_and_the_time_zone():
    assert json.loads(audit_json([ENTRY])) == [
        {
            "id": 7,
            "at": "2026-11-02T14:05:09+00:00",
            "actor": '=HYPERLINK("http://evil")',
            "action": "role.change",
            "entity": "role",
            "entity_id": "+ana@example.com",
            "details": {"change": "grant", "role": "admin", "scope": ""},
        }
    ]


@pytest.mark.parametrize(
    ("picked", "span"),
    [
        ([], (None, None)),
        ([date(2026, 11, 2)], (datetime(2026, 11, 2, tzinfo=UTC), None)),
        (
            [date(2026, 11, 2), date(2026, 11, 4)],
            (datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC)),
        ),
    ],
)
def test_a_picked_date_range_covers_whole_days(picked, span):
    assert day_span(picked) == span


def test_an_export_file_is_named_by_its_utc_time():
    assert export_file_name(datetime(2026, 11, 24, 9, 30, tzinfo=UTC)) == (
        "readiness-export-20261124-0930.json"
    )


def _menu(who: Principal) -> dict[str, list[str]]:
    return {
        title: [f"{page.title}{'' if visible else ' (hidden)'}" for page, visible in entries]
        for title, entries in sections(who).items()
    }


@pytest.mark.parametrize(
    ("who", "menu"),
    [
        (
            principal("a@x.io", Grant(Role.ADMIN)),
            {
                "": ["Home", "Chain catalogue"],
                "Your team": ["Team report", "Self-assessment", "Incidents"],
                "Organisation": ["Org heatmap", "Chains matrix", "Quarterly review"],
                "Sign-off": ["Approvals"],
                "Admin": ["Admin"],
            },
        ),
        (
            principal("a@x.io", Grant(Role.ORG_VIEWER, "payments")),
            {
                "": [
                    "Home",
                    "Chain catalogue",
                    "Self-assessment (hidden)",
                    "Approvals (hidden)",
                    "Admin (hidden)",
                ],
                "Teams": ["Team report", "Incidents"],
                "Organisation": ["Org heatmap", "Chains matrix", "Quarterly review"],
            },
        ),
        (
            principal("a@x.io", Grant(Role.TEAM_EDITOR, "checkout")),
            {
                "": [
                    "Home",
                    "Chain catalogue",
                    "Org heatmap (hidden)",
                    "Chains matrix (hidden)",
                    "Quarterly review (hidden)",
                    "Approvals (hidden)",
                    "Admin (hidden)",
                ],
                "Your team": ["Team report", "Self-assessment", "Incidents"],
            },
        ),
        (
            principal("a@x.io", Grant(Role.APPROVER, "payments")),
            {
                "": [
                    "Home",
                    "Chain catalogue",
                    "Self-assessment (hidden)",
                    "Org heatmap (hidden)",
                    "Chains matrix (hidden)",
                    "Quarterly review (hidden)",
                    "Admin (hidden)",
                ],
                "Teams": ["Team report", "Incidents"],
                "Sign-off": ["Approvals"],
            },
        ),
    ],
)
def test_the_menu_lists_only_the_pages_a_role_may_use(who: Principal, menu):
    assert _menu(who) == menu
