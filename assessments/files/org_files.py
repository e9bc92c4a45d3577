"""Reading org structure files: rows checked one by one into units and teams; CSV here,
YAML in `org_yaml`.

Every broken rule becomes a Problem naming the file, the line and the field; a file with
any problem yields no OrgFile at all.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from assessments.errors import ContentError, Problem

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_NAME = 200
MAX_SLUG = 100
CSV_REQUIRED = ("unit", "team")
CSV_OPTIONAL = ("unit_slug", "team_slug")
SLUG_HINT = "use lowercase letters, digits and dashes, e.g. 'payments-core'"
MULTILINE_HINT = (
    'a quote (") left open merges the rows below into this cell; close or remove the quote'
)


@dataclass(frozen=True)
class UnitSpec:
    """A unit as the file describes it."""

    slug: str
    name: str


@dataclass(frozen=True)
class TeamSpec:
    """A team as the file describes it."""

    slug: str
    name: str
    unit_slug: str


@dataclass(frozen=True)
class OrgFile:
    """A parsed, valid org structure file."""

    file: str
    units: tuple[UnitSpec, ...]
    teams: tuple[TeamSpec, ...]


def slug_of(name: str) -> str:
    """A slug made from a name: 'Payments Core' -> 'payments-core'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:MAX_SLUG].rstrip("-")


def name_problem(name: str, what: str) -> tuple[str, str] | None:
    """Why a unit or team name (already stripped) is refused, with a hint; None if it is fine."""
    if not name:
        return f"{what} name is empty", f"fill in the {what} name on this line"
    if "\n" in name or "\r" in name:
        return f"{what} name runs over several lines", MULTILINE_HINT
    control = next((c for c in name if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        return (
            f"{what} name contains the control character U+{ord(control):04X}",
            "remove it; names are plain text",
        )
    if len(name) > MAX_NAME:
        return (
            f"{what} name is longer than {MAX_NAME} characters",
            f"shorten it to {MAX_NAME} characters or fewer",
        )
    return None


@dataclass(frozen=True)
class Cell:
    value: str
    line: int
    field: str


@dataclass(frozen=True)
class Row:
    line: int
    prefix: str
    cells: dict[str, Cell]

    def field(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return "" if cell is None else cell.value.strip()

    def line_of(self, key: str) -> int:
        cell = self.cells.get(key)
        return self.line if cell is None else cell.line


class OrgRows:
    """Collects units and teams row by row, with a problem for every broken rule."""

    def __init__(self, file: str, *, units_declared: bool) -> None:
        self.file = file
        self.units_declared = units_declared
        self.problems: list[Problem] = []
        self.units: dict[str, UnitSpec] = {}
        self.unit_lines: dict[str, int] = {}
        self.unit_by_name: dict[str, str] = {}
        self.teams: dict[str, TeamSpec] = {}
        self.team_lines: dict[str, int] = {}

    def problem(self, row: Row, key: str, message: str, hint: str) -> None:
        self.problems.append(
            Problem(self.file, row.line_of(key), None, row.field(key), message, hint)
        )

    def name(self, row: Row, key: str, what: str) -> str | None:
        name = row.text(key)
        refusal = name_problem(name, what)
        if refusal is not None:
            self.problem(row, key, *refusal)
            return None
        return name

    def slug(self, row: Row, name: str, name_key: str, slug_key: str, what: str) -> str | None:
        given = row.text(slug_key)
        if given:
            if not SLUG_PATTERN.match(given) or len(given) > MAX_SLUG:
                self.problem(row, slug_key, f"{given!r} is not a valid slug", SLUG_HINT)
                return None
            return given
        derived = slug_of(name)
        if not derived:
            self.problem(
                row, name_key, f"{what} name {name!r} gives an empty slug", f"add a {slug_key}"
            )
            return None
        return derived

    def add_unit(self, row: Row, name_key: str = "unit") -> str | None:
        name = self.name(row, name_key, "unit")
        if name is None:
            return None
        slug = self.slug(row, name, name_key, "unit_slug", "unit")
        if slug is None:
            return None
        known = self.units.get(slug)
        if known is not None and known.name != name:
            self.problem(
                row,
                "unit_slug" if row.text("unit_slug") else name_key,
                f"unit slug {slug!r} is already used for {known.name!r}"
                f" on line {self.unit_lines[slug]}",
                "give this unit its own unit_slug, or spell its name as on that line",
            )
            return None
        if known is None and name in self.unit_by_name:
            other = self.unit_by_name[name]
            self.problem(
                row,
                "unit_slug",
                f"unit {name!r} has slug {slug!r} here but {other!r}"
                f" on line {self.unit_lines[other]}",
                f"use the same unit_slug ({other!r}) on every line of this unit",
            )
            return None
        if known is None:
            self.units[slug] = UnitSpec(slug, name)
            self.unit_lines[slug] = row.line
            self.unit_by_name[name] = slug
        elif self.units_declared:
            self.problem(
                row,
                name_key,
                f"unit {name!r} is declared twice (first on line {self.unit_lines[slug]})",
                "remove this entry: list each unit once under `units:`",
            )
            return None
        return slug

    def add_team(self, row: Row, unit_slug: str | None) -> None:
        name = self.name(row, "team", "team")
        if name is None:
            return
        slug = self.slug(row, name, "team", "team_slug", "team")
        if slug is None or unit_slug is None:
            return
        if slug in self.teams:
            self.problem(
                row,
                "team_slug" if row.text("team_slug") else "team",
                f"team slug {slug!r} is already used on line {self.team_lines[slug]}",
                "list each team once; two teams with the same name need their own team_slug",
            )
            return
        self.teams[slug] = TeamSpec(slug, name, unit_slug)
        self.team_lines[slug] = row.line

    def resolve_unit(self, row: Row) -> str | None:
        reference = row.text("unit")
        if not reference:
            self.problem(row, "unit", "unit is empty", "name the unit this team belongs to")
            return None
        if reference in self.units:
            return reference
        if reference in self.unit_by_name:
            return self.unit_by_name[reference]
        self.problem(row, "unit", f"unknown unit {reference!r}", "declare it under `units:`")
        return None

    def org_file(self) -> OrgFile:
        if not self.problems and not self.teams:
            self.problems.append(
                Problem(
                    self.file,
                    None,
                    None,
                    "",
                    "the file lists no teams",
                    "add one row per team (see the template on the admin page)",
                )
            )
        if self.problems:
            raise ContentError(sorted(self.problems, key=lambda p: p.line or 0))
        return OrgFile(self.file, tuple(self.units.values()), tuple(self.teams.values()))


def csv_rows(text: str, file: str) -> OrgRows:
    collected = OrgRows(file, units_declared=False)
    if not text.strip():
        raise ContentError(
            [Problem(file, None, None, "", "the file is empty", "start from the CSV template")]
        )
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
    except csv.Error as error:
        raise ContentError([_csv_problem(file, 1, error)]) from None
    header_problems = [
        Problem(
            file,
            1,
            None,
            column,
            f"missing column {column!r}",
            "the first row must name the columns unit and team; unit_slug and team_slug"
            " are optional",
        )
        for column in CSV_REQUIRED
        if column not in header
    ] + [
        Problem(
            file,
            1,
            None,
            column,
            f"unknown column {column!r}",
            "allowed columns: unit, team, unit_slug, team_slug",
        )
        for column in header
        if column not in CSV_REQUIRED + CSV_OPTIONAL
    ]
    if header_problems:
        raise ContentError(header_problems)
    end = reader.line_num
    while True:
        line = end + 1  # a row's first line: a quoted cell may run over several
        try:
            cells = next(reader, None)
        except csv.Error as error:
            raise ContentError([_csv_problem(file, line, error)]) from None
        end = reader.line_num
        if cells is None:
            return collected
        if not any(cell.strip() for cell in cells):
            continue
        row = Row(line, "", {k: Cell(v, line, k) for k, v in zip(header, cells, strict=False)})
        if len(cells) > len(header):
            collected.problems.append(
                Problem(
                    file,
                    line,
                    None,
                    "",
                    f"row has {len(cells)} cells but the header names {len(header)} columns",
                    "remove the extra cells, or quote a name that contains a comma",
                )
            )
            continue
        unit_slug = collected.add_unit(row)
        collected.add_team(row, unit_slug)


def _csv_problem(file: str, line: int, error: csv.Error) -> Problem:
    if "field larger than field limit" in str(error):
        message = f"a cell is longer than {csv.field_size_limit()} characters"
        hint = f"names are at most {MAX_NAME} characters; {MULTILINE_HINT}"
        return Problem(file, line, None, "", message, hint)
    return Problem(file, line, None, "", f"not valid CSV: {error}")
