"""The org part of the service: units, teams, periods and org structure imports."""

from __future__ import annotations

from assessments.errors import InvalidInputError, NotFoundError
from assessments.files.org_import import (
    MAX_NAME,
    MAX_SLUG,
    SLUG_HINT,
    SLUG_PATTERN,
    OrgImportPlan,
    parse_org_file,
    plan_import,
)
from assessments.service.core import ServiceCore
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.repository import SqlRepository
from assessments.storage.tables import OrgUnitRow, TeamRow
from assessments.storage.views import TeamView, UnitView


def unit_view(row: OrgUnitRow) -> UnitView:
    """The view of a unit row."""
    return UnitView(row.id, row.slug, row.name)


def team_view(team: TeamRow, unit: OrgUnitRow) -> TeamView:
    """The view of a team row and its unit."""
    return TeamView(team.id, team.slug, team.name, unit.slug, unit.name)


def _check_slug_and_name(what: str, slug: str, name: str) -> None:
    if not SLUG_PATTERN.match(slug) or len(slug) > MAX_SLUG:
        raise InvalidInputError(f"{what} slug {slug!r} is not valid ({SLUG_HINT})")
    if not name.strip() or len(name) > MAX_NAME:
        raise InvalidInputError(f"{what} name must be 1 to {MAX_NAME} characters")


class OrgCommands(ServiceCore):
    """Org units and teams."""

    def list_units(self) -> list[UnitView]:
        """Every unit, by name."""
        with self.unit_of_work() as repo:
            return [unit_view(row) for row in repo.units()]

    def list_teams(self, unit_slug: str | None = None) -> list[TeamView]:
        """Every team (or one unit's), sorted by unit name, then team name."""
        with self.unit_of_work() as repo:
            return [team_view(team, unit) for team, unit in repo.teams(unit_slug)]

    def get_team(self, team_slug: str) -> TeamView:
        """One team; NotFoundError if there is none with that slug."""
        with self.unit_of_work() as repo:
            return team_view(*find_team(repo, team_slug))

    def create_unit(self, slug: str, name: str, *, actor: str) -> UnitView:
        """Add an org unit."""
        _check_slug_and_name("unit", slug, name)
        with self.unit_of_work() as repo:
            if repo.unit(slug) is not None:
                raise InvalidInputError(f"a unit with slug {slug!r} already exists")
            now = self._now()
            row = repo.add_unit(slug, name.strip(), now)
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.UNIT_CREATE,
                entity="unit",
                entity_id=slug,
                details={"name": row.name},
            )
            return unit_view(row)

    def create_team(self, slug: str, name: str, unit_slug: str, *, actor: str) -> TeamView:
        """Add a team to an existing unit."""
        _check_slug_and_name("team", slug, name)
        with self.unit_of_work() as repo:
            unit = repo.unit(unit_slug)
            if unit is None:
                raise NotFoundError(f"no unit with slug {unit_slug!r}")
            if repo.team(slug) is not None:
                raise InvalidInputError(f"a team with slug {slug!r} already exists")
            now = self._now()
            team = repo.add_team(slug, name.strip(), unit.id, now)
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.TEAM_CREATE,
                entity="team",
                entity_id=slug,
                details={"name": team.name, "unit": unit_slug},
            )
            return team_view(team, unit)

    def periods(self) -> list[str]:
        """Every period with any assessment, oldest first."""
        with self.unit_of_work() as repo:
            return repo.periods()

    def preview_org_import(self, text: str, file: str) -> OrgImportPlan:
        """What importing this CSV/YAML text would change; ContentError if it is invalid."""
        return self.apply_org_import(text, file, actor="", dry_run=True)

    def apply_org_import(
        self, text: str, file: str, *, actor: str, dry_run: bool = False
    ) -> OrgImportPlan:
        """Import units and teams, all or nothing; with `dry_run`, only plan."""
        org = parse_org_file(text, file)
        with self.unit_of_work() as repo:
            units = {row.slug: row for row in repo.units()}
            teams = {team.slug: (team, unit) for team, unit in repo.teams()}
            plan = plan_import(
                org,
                {slug: row.name for slug, row in units.items()},
                {slug: (team.name, unit.slug) for slug, (team, unit) in teams.items()},
            )
            if dry_run or not plan.has_changes:
                return plan
            now = self._now()
            for spec in plan.units_to_create:
                units[spec.slug] = repo.add_unit(spec.slug, spec.name, now)
            for spec in plan.units_to_rename:
                units[spec.slug].name = spec.name
            for team_spec in plan.teams_to_create:
                repo.add_team(team_spec.slug, team_spec.name, units[team_spec.unit_slug].id, now)
            for team_spec in plan.teams_to_update:
                row = teams[team_spec.slug][0]
                row.name = team_spec.name
                row.unit_id = units[team_spec.unit_slug].id
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.ORG_IMPORT,
                entity="org",
                entity_id=file,
                details={
                    "units_created": [u.slug for u in plan.units_to_create],
                    "units_renamed": [u.slug for u in plan.units_to_rename],
                    "teams_created": [t.slug for t in plan.teams_to_create],
                    "teams_updated": [t.slug for t in plan.teams_to_update],
                },
            )
            return _applied(plan)


def _applied(plan: OrgImportPlan) -> OrgImportPlan:
    return OrgImportPlan(
        plan.file,
        plan.units_to_create,
        plan.units_to_rename,
        plan.units_unchanged,
        plan.teams_to_create,
        plan.teams_to_update,
        plan.teams_unchanged,
        applied=True,
    )


def find_team(repo: SqlRepository, team_slug: str) -> tuple[TeamRow, OrgUnitRow]:
    """The team with this slug and its unit; NotFoundError if there is none."""
    found = repo.team(team_slug)
    if found is None:
        raise NotFoundError(f"no team with slug {team_slug!r}")
    return found
