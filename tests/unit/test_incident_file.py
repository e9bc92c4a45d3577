"""Incident CSV import: every row checked, each problem named by line and column; all or none."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.errors import ContentError
from assessments.files.incident_file import IncidentEntry, KnownIds, parse_incident_csv
from scoring.track_record import Severity

KNOWN = KnownIds(
    teams={"checkout-web", "ledger"},
    pillars={"blast_radius", "production_access"},
    chains={"merge-review"},
)
TODAY = date(2026, 12, 1)
HEADER = "team,date,severity,pillar,chain,summary,link\n"


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as error:
        parse_incident_csv(text, "incidents.csv", KNOWN, TODAY)
    return [str(p) for p in error.value.problems]


def test_a_valid_file_gives_every_incident_with_optional_chain_and_link():
    text = (
        "\ufeff" + HEADER + "checkout-web,2026-11-03,High,blast_radius,merge-review,"
        '"Agent merged a migration, <b>dropped</b> a column",https://wiki.example.com/pm-12\n'
        "\n"
        "ledger,2026-10-20,low,production_access,,Read a table outside its task,\n"
    )
    assert parse_incident_csv(text, "incidents.csv", KNOWN, TODAY) == [
        IncidentEntry(
            "checkout-web",
            date(2026, 11, 3),
            Severity.HIGH,
            "blast_radius",
            "merge-review",
            "Agent merged a migration, <b>dropped</b> a column",
            "https://wiki.example.com/pm-12",
        ),
        IncidentEntry(
            "ledger",
            date(2026, 10, 20),
            Severity.LOW,
            "production_access",
            None,
            "Read a table outside its task",
            None,
        ),
    ]


def test_every_bad_row_is_named_and_nothing_is_kept():
    text = (
        HEADER
        + "checkout-web,2026-11-03,high,blast_radius,,Fine row,\n"
        + "checkout,2026-13-01,severe,skill,merge-reveiw,,javascript:alert(1)\n"
        + "ledger,2026-12-02,low,blast_radius,,Future,\n"
        + "ledger,2026-11-02,low,blast_radius,,Too,many,cells,here\n"
    )
    assert problems(text) == [
        "incidents.csv:3: team: unknown team 'checkout' (hint: use a team slug from the org"
        " structure)",
        "incidents.csv:3: date: '2026-13-01' is not a date (hint: write it as YYYY-MM-DD,"
        " e.g. 2026-11-03)",
        "incidents.csv:3: severity: unknown severity 'severe' (hint: one of: low, medium, high,"
        " critical)",
        "incidents.csv:3: pillar: unknown pillar 'skill' (hint: one of: blast_radius,"
        " production_access)",
        "incidents.csv:3: chain: unknown chain 'merge-reveiw' (hint: a chain id from the"
        " catalogue, or empty)",
        "incidents.csv:3: summary: summary is empty (hint: say in a sentence what happened)",
        "incidents.csv:3: link: 'javascript:alert(1)' is not a web link (hint: start it with"
        " https://)",
        "incidents.csv:4: date: 2026-12-02 is in the future (hint: record incidents that happened)",
        "incidents.csv:5: row has 9 cells but the header names 7 columns",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["incidents.csv: the file is empty"]),
        (
            "team,day,severity,pillar,summary\n",
            [
                "incidents.csv:1: date: missing column 'date' (hint: the first row must name the"
                " columns team, date, severity, pillar, chain, summary, link (chain, link"
                " optional))",
                "incidents.csv:1: day: unknown column 'day' (hint: the first row must name the"
                " columns team, date, severity, pillar, chain, summary, link (chain, link"
                " optional))",
            ],
        ),
        (
            HEADER,
            [
                "incidents.csv: the file has no incidents (hint: the first row must name the"
                " columns team, date, severity, pillar, chain, summary, link (chain, link"
                " optional))"
            ],
        ),
    ],
    ids=["empty", "wrong header", "header only"],
)
def test_a_file_without_incidents_says_why(text, expected):
    assert problems(text) == expected
