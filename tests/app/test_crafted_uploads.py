"""Crafted and broken files uploaded on the admin page: rejected whole with the line of each
problem, no exception box, and the database unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessments.service.readiness import ReadinessService
from tests.app.conftest import new_session
from tests.app.test_admin_page import ADMIN
from ui.text import inert

DEPTH_HINT = "real content nests lists and mappings a few levels deep; is this the right file?"
QUOTE_HINT = 'a quote (") left open merges the rows below into this cell; close or remove the quote'
NAME_LIMIT = "names are at most 200 characters; "


def upload(key: str, name: str, data: bytes) -> AppTest:
    at = new_session(ADMIN)
    at.file_uploader(key=key).upload(name, data).run()
    assert not at.exception
    return at


def problems(at: AppTest) -> list[tuple[str, ...]]:
    """The rows (line, field, problem, how to fix it) of the one problem table on the page."""
    [frame] = [d.value for d in at.dataframe if "How to fix it" in d.value.columns]
    return [tuple(row) for row in frame.itertuples(index=False)]


def unchanged(service: ReadinessService) -> tuple[list[str], list[str], int]:
    return (
        [u.slug for u in service.list_units()],
        [t.name for t in service.list_teams()],
        len(service.audit_entries()),
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "deep.yaml",
            b"units: " + b"[" * 3000 + b"]" * 3000 + b"\n",
            [
                (
                    "1",
                    "",
                    "not valid YAML: lists and mappings are nested more than 64 levels deep",
                    DEPTH_HINT,
                )
            ],
        ),
        (
            "big.csv",
            b"unit,team\nPayments," + b"x" * 200_000 + b"\n",
            [("2", "", "a cell is longer than 131072 characters", NAME_LIMIT + QUOTE_HINT)],
        ),
        (
            "quote.csv",
            b'unit,team\nPayments,"Checkout\nData,Lake\nData,Pipelines\n',
            [("2", "team", "team name runs over several lines", QUOTE_HINT)],
        ),
        (
            "nul.csv",
            b"unit,team\nPayments,Check\x00out\nData,Lake\n",
            [
                (
                    "2",
                    "team",
                    "team name contains the control character U+0000",
                    "remove it; names are plain text",
                )
            ],
        ),
        (
            "latin1.csv",
            "unit,team\nPayments,Café\n".encode("latin-1"),
            [
                (
                    "2",
                    "",
                    "not UTF-8 text: byte 0xe9 (invalid continuation byte)",
                    "save the file as UTF-8",
                )
            ],
        ),
    ],
)
def test_a_broken_org_file_is_rejected_whole_with_the_line_of_its_problem(
    service: ReadinessService, name: str, data: bytes, expected: list[tuple[str, ...]]
):
    before = unchanged(service)
    at = upload("org_file", name, data)

    count = f"{len(expected)} problem{'s' if len(expected) != 1 else ''}"
    assert [e.value for e in at.error] == [
        f"{inert(name)} is rejected whole: {count}, each with its line below."
    ]
    assert problems(at) == expected
    assert [b.key for b in at.button if b.key in ("org_dry_run", "org_apply")] == []
    assert unchanged(service) == before


def nested_all(levels: int) -> str:
    condition = "{pillar: blast_radius, min_level: 1}"
    for _ in range(levels):
        condition = "{all: [" + condition + "]}"
    return condition


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "deep.yaml",
            b"id: x\npillars: " + b"[" * 3000 + b"]" * 3000 + b"\n",
            ("2", "", "lists and mappings are nested more than 64 levels deep", DEPTH_HINT),
        ),
        (
            "chains.yaml",
            f"id: c\nchains:\n  - id: a\n    unlock: {nested_all(400)}\n".encode(),
            ("4", "", "lists and mappings are nested more than 64 levels deep", DEPTH_HINT),
        ),
        (
            "latin1.yaml",
            "id: x\ntitle: café\n".encode("latin-1"),
            (
                "2",
                "",
                "not UTF-8 text: byte 0xe9 (invalid continuation byte)",
                "save the file as UTF-8",
            ),
        ),
    ],
)
def test_a_crafted_content_file_is_reported_at_its_line(
    service: ReadinessService, name: str, data: bytes, expected: tuple[str, ...]
):
    before = unchanged(service)
    at = upload("content_file", name, data)

    assert [e.value for e in at.error] == [
        f"{inert(name)} is not valid: 1 problem, each with its line below."
    ]
    assert problems(at) == [expected]
    assert unchanged(service) == before


def export_of(service: ReadinessService) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(service.export_data(actor="t")))
    return document


def test_crafted_exports_are_rejected_whole_on_the_page(service: ReadinessService):
    id_too_big = export_of(service)
    id_too_big["units"][0]["id"] = 2**63
    cases = [
        (
            b"[" * 100_000 + b"]" * 100_000,
            (
                "1",
                "",
                "arrays and objects are nested more than 64 levels deep",
                "an export nests a few levels deep; is this the right file?",
            ),
        ),
        (
            json.dumps(id_too_big).encode(),
            ("", "units[0].id", "must be at most 2147483647, got 9223372036854775808", ""),
        ),
        (
            b"[1, 2]",
            (
                "1",
                "",
                "expected a JSON object at the top, not a list",
                'an export starts with {"format": "autonomy-readiness-export"',
            ),
        ),
    ]
    before = unchanged(service)
    for data, expected in cases:
        at = upload("import_file", "export.json", data)

        assert [e.value for e in at.error] == [
            f"{inert('export.json')} is rejected whole: 1 problem, each with its line below."
        ]
        assert problems(at) == [expected]
        assert [b.key for b in at.button if b.key == "import_apply"] == []
        assert unchanged(service) == before


def test_an_export_breaking_the_pages_rules_is_rejected_whole_on_the_page(
    service: ReadinessService,
):
    document = export_of(service)
    document["teams"][0]["slug"] = "../x?team=a"
    document["assessments"] = [
        {
            "id": 1,
            "team": "ledger",
            "period": "2026-Q4",
            "questionnaire_id": service.content.questionnaire.id,
            "questionnaire_version": service.content.questionnaire.version,
            "status": "draft",
            "revision": 1,
            "version": 3,
            "created_by": "ana@example.com",
            "created_at": "2026-11-02T14:00:00+00:00",
            "updated_by": "ana@example.com",
            "updated_at": "2026-11-02T14:05:00+00:00",
            "answers": {"BR-01": {"value": 17}},
            "chains": {"no-such-chain": True},
        }
    ]
    before = unchanged(service)

    at = upload("import_file", "export.json", json.dumps(document).encode())

    assert [e.value for e in at.error] == [
        f"{inert('export.json')} is rejected whole: 3 problems, each with its line below."
    ]
    catalogue = service.content.catalogue
    assert problems(at) == [
        (
            "",
            "teams[0].slug",
            "'../x?team=a' is not a valid slug",
            "use lowercase letters, digits and dashes, e.g. 'payments-core'",
        ),
        ("", "assessments[0].answers.BR-01", "BR-01 cannot be 17: its scale goes from 0 to 4", ""),
        (
            "",
            "assessments[0].chains.no-such-chain",
            f"unknown approval chain 'no-such-chain': catalogue {catalogue.id} version"
            f" {catalogue.version} has no such chain",
            "",
        ),
    ]
    assert [b.key for b in at.button if b.key == "import_apply"] == []
    assert unchanged(service) == before
