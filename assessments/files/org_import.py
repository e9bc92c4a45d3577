"""Org structure import: units and teams from a CSV or YAML file, checked whole before writing.

CSV: a header row with `unit, team` and optionally `unit_slug, team_slug`; one team a row.
YAML: `units:` (each `unit` and optional `unit_slug`) and `teams:` (each `team`, `unit` — a
declared unit's name or slug — and optional `team_slug`). A file with any problem is rejected
whole; every problem names the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessments.content.loading import read_source
from assessments.content.yaml_source import decode_utf8
from assessments.errors import ContentError, Problem
from assessments.files.org_files import (
    MAX_NAME,
    MAX_SLUG,
    SLUG_HINT,
    SLUG_PATTERN,
    OrgFile,
    TeamSpec,
    UnitSpec,
    csv_rows,
    slug_of,
)
from assessments.files.org_yaml import yaml_rows
from assessments.wording import count

__all__ = [
    "MAX_NAME",
    "MAX_SLUG",
    "SLUG_HINT",
    "SLUG_PATTERN",
    "OrgFile",
    "OrgImportPlan",
    "TeamSpec",
    "UnitSpec",
    "load_org_file",
    "parse_org_file",
    "plan_import",
    "slug_of",
]


@dataclass(frozen=True)
class OrgImportPlan:
    """What importing a file would do (or did, when `applied`)."""

    file: str
    units_to_create: tuple[UnitSpec, ...]
    units_to_rename: tuple[UnitSpec, ...]
    units_unchanged: tuple[UnitSpec, ...]
    teams_to_create: tuple[TeamSpec, ...]
    teams_to_update: tuple[TeamSpec, ...]
    teams_unchanged: tuple[TeamSpec, ...]
    applied: bool = False

    @property
    def has_changes(self) -> bool:
        """Whether applying the plan would write anything."""
        changes = (
            self.units_to_create,
            self.units_to_rename,
            self.teams_to_create,
            self.teams_to_update,
        )
        return any(changes)

    def summary(self) -> str:
        """One line for a page or the CLI."""
        return (
            f"{count(len(self.units_to_create), 'unit')} to create, "
            f"{len(self.units_to_rename)} to rename, {len(self.units_unchanged)} unchanged; "
            f"{count(len(self.teams_to_create), 'team')} to create, "
            f"{len(self.teams_to_update)} to update, {len(self.teams_unchanged)} unchanged"
        )


def load_org_file(path: Path) -> OrgFile:
    """Read and check an org structure file; CSV or YAML by its suffix."""
    return parse_org_file(decode_utf8(read_source(path), str(path)), str(path))


def parse_org_file(text: str, file: str) -> OrgFile:
    """Check an org structure file's text; raises ContentError listing every problem."""
    suffix = Path(file).suffix.lower()
    if suffix == ".csv":
        rows = csv_rows(text.lstrip("\ufeff"), file)
    elif suffix in (".yaml", ".yml"):
        rows = yaml_rows(text, file)
    else:
        raise ContentError(
            [Problem(file, None, None, "", "unknown file type", hint="use a .csv or .yaml file")]
        )
    return rows.org_file()


def plan_import(
    org: OrgFile, units: dict[str, str], teams: dict[str, tuple[str, str]]
) -> OrgImportPlan:
    """Compare the file with what exists: `units` slug -> name, `teams` slug -> (name, unit)."""
    create_units = tuple(u for u in org.units if u.slug not in units)
    rename_units = tuple(u for u in org.units if u.slug in units and units[u.slug] != u.name)
    same_units = tuple(u for u in org.units if units.get(u.slug) == u.name)
    create_teams = tuple(t for t in org.teams if t.slug not in teams)
    update_teams = tuple(
        t for t in org.teams if t.slug in teams and teams[t.slug] != (t.name, t.unit_slug)
    )
    same_teams = tuple(t for t in org.teams if teams.get(t.slug) == (t.name, t.unit_slug))
    return OrgImportPlan(
        org.file, create_units, rename_units, same_units, create_teams, update_teams, same_teams
    )
