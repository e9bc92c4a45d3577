"""Incidents as a CSV file: one row per agent incident or near miss, checked row by row.

```csv
team,date,severity,pillar,chain,summary,link
checkout-web,2026-11-03,high,blast_radius,merge-review,Agent merged a schema change,https://…
```

`chain` and `link` may be empty. Every broken rule becomes a Problem naming the file, the line
and the column; a file with any problem is rejected whole, so nothing is half imported.
The same checks serve the one-incident form (`check_incident`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from assessments.errors import ContentError, Problem
from scoring.track_record import Severity

COLUMNS = ("team", "date", "severity", "pillar", "chain", "summary", "link")
REQUIRED = ("team", "date", "severity", "pillar", "summary")
MAX_SUMMARY = 2000
MAX_LINK = 500
MAX_ROWS = 5000
HEADER_HINT = (
    "the first row must name the columns " + ", ".join(COLUMNS) + " (chain, link optional)"
)


@dataclass(frozen=True)
class IncidentEntry:
    """One incident as written, checked: a team slug, a day, a severity, a pillar, a text."""

    team_slug: str
    occurred_on: date
    severity: Severity
    pillar: str
    chain_id: str | None
    summary: str
    link: str | None = None


@dataclass(frozen=True)
class KnownIds:
    """What an incident may refer to: team slugs, pillar ids and chain ids."""

    teams: Collection[str]
    pillars: Collection[str]
    chains: Collection[str]


FieldProblem = tuple[str, str, str]
"""(column, message, hint)"""


def check_incident(
    fields: dict[str, str], known: KnownIds, today: date
) -> tuple[IncidentEntry | None, list[FieldProblem]]:
    """Check one incident's texts; the entry when all hold, else every problem found."""
    problems: list[FieldProblem] = []
    team = fields.get("team", "").strip()
    if not team:
        problems.append(("team", "team is empty", "write the team's slug, e.g. checkout-web"))
    elif team not in known.teams:
        problems.append(
            ("team", f"unknown team {team!r}", "use a team slug from the org structure")
        )
    occurred = _day(fields.get("date", ""), today, problems)
    severity = _severity(fields.get("severity", ""), problems)
    pillar = fields.get("pillar", "").strip()
    if pillar not in known.pillars:
        problems.append(
            ("pillar", f"unknown pillar {pillar!r}", "one of: " + ", ".join(sorted(known.pillars)))
        )
    chain = fields.get("chain", "").strip() or None
    if chain is not None and chain not in known.chains:
        problems.append(
            ("chain", f"unknown chain {chain!r}", "a chain id from the catalogue, or empty")
        )
    summary = fields.get("summary", "").strip()
    if not summary:
        problems.append(("summary", "summary is empty", "say in a sentence what happened"))
    elif len(summary) > MAX_SUMMARY:
        problems.append(("summary", f"summary is longer than {MAX_SUMMARY} characters", ""))
    link = fields.get("link", "").strip() or None
    if link is not None and (not link.startswith(("https://", "http://")) or len(link) > MAX_LINK):
        problems.append(("link", f"{link[:60]!r} is not a web link", "start it with https://"))
    if problems or occurred is None or severity is None:
        return None, problems
    return IncidentEntry(team, occurred, severity, pillar, chain, summary, link), []


def _day(text: str, today: date, problems: list[FieldProblem]) -> date | None:
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        problems.append(
            ("date", f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-11-03")
        )
        return None
    if day > today:
        problems.append(
            ("date", f"{day.isoformat()} is in the future", "record incidents that happened")
        )
        return None
    return day


def _severity(text: str, problems: list[FieldProblem]) -> Severity | None:
    text = text.strip().lower()
    try:
        return Severity(text)
    except ValueError:
        problems.append(
            ("severity", f"unknown severity {text!r}", "one of: low, medium, high, critical")
        )
        return None


def parse_incident_csv(text: str, file: str, known: KnownIds, today: date) -> list[IncidentEntry]:
    """Every incident in the file, or ContentError with every problem (nothing is kept)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ContentError([Problem(file, None, None, "", "the file is empty")])
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    problems = [
        Problem(file, 1, None, c, f"missing column {c!r}", HEADER_HINT)
        for c in REQUIRED
        if c not in header
    ] + [
        Problem(file, 1, None, c, f"unknown column {c!r}", HEADER_HINT)
        for c in header
        if c not in COLUMNS
    ]
    if problems:
        raise ContentError(problems)
    entries: list[IncidentEntry] = []
    rows = 0
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        if rows > MAX_ROWS:
            problems.append(
                Problem(file, line, None, "", f"more than {MAX_ROWS} rows", "split the file")
            )
            break
        if len(cells) > len(header):
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    "",
                    f"row has {len(cells)} cells but the header names {len(header)} columns",
                )
            )
            continue
        entry, found = check_incident(dict(zip(header, cells, strict=False)), known, today)
        problems.extend(
            Problem(file, line, None, column, message, hint) for column, message, hint in found
        )
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ContentError(problems)
    if not entries:
        raise ContentError(
            [Problem(file, None, None, "", "the file has no incidents", HEADER_HINT)]
        )
    return entries
