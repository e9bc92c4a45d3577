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
from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_READER, admin, allowed
from assessments.storage.audit import AuditAction
from assessments.storage.views import TeamView, UnitView


def _check_slug_and_name(what: str, slug: str, name: str) -> None:
    if not SLUG_PATTERN.match(slug) or len(slug) > MAX_SLUG:
        raise InvalidInputError(f"{what} slug {slug!r} is not valid ({SLUG_HINT})")
    if not name.strip() or len(name) > MAX_NAME:
        raise InvalidInputError(f"{what} name must be 1 to {MAX_NAME} characters")


class OrgCommands(ServiceCore):
    """Org units and teams."""

    @allowed(ANYONE)
    def list_units(self) -> list[UnitView]:
        """Every unit by name; for a person, those of the teams they may pick."""
        with self.store.unit_of_work() as repo:
            units = repo.units()
        if self.access.viewed_units is None:
            return units
        visible = {t.unit_slug for t in self.list_teams()}
        return [u for u in units if u.slug in visible]

    @allowed(ANYONE)
    def list_teams(self, unit_slug: str | None = None) -> list[TeamView]:
        """Every team (or one unit's), sorted by unit name, then team name; for a person,
        all, their units' teams, or their own teams."""
        with self.store.unit_of_work() as repo:
            teams = repo.teams(unit_slug)
        units = self.access.viewed_units
        if units is None:
            return teams
        edited = self.access.principal.edited_teams if self.access.principal else frozenset()
        return [t for t in teams if t.slug in edited or t.unit_slug in units]

    @allowed(TEAM_READER)
    def get_team(self, team_slug: str) -> TeamView:
        """One team; NotFoundError if there is none with that slug."""
        with self.store.unit_of_work() as repo:
            return find_team(repo, team_slug)

    @allowed(admin("create units"))
    def create_unit(self, slug: str, name: str, *, actor: str = "") -> UnitView:
        """Add an org unit."""
        _check_slug_and_name("unit", slug, name)
        with self.store.unit_of_work(actor) as repo:
            if repo.unit(slug) is not None:
                raise InvalidInputError(f"a unit with slug {slug!r} already exists")
            unit = repo.add_unit(slug, name.strip())
            repo.audit.record(AuditAction.UNIT_CREATE, "unit", slug, {"name": unit.name})
            return unit

    @allowed(admin("create teams"))
    def create_team(self, slug: str, name: str, unit_slug: str, *, actor: str = "") -> TeamView:
        """Add a team to an existing unit."""
        _check_slug_and_name("team", slug, name)
        with self.store.unit_of_work(actor) as repo:
            unit = repo.unit(unit_slug)
            if unit is None:
                raise NotFoundError(f"no unit with slug {unit_slug!r}")
            if repo.team(slug) is not None:
                raise InvalidInputError(f"a team with slug {slug!r} already exists")
            team_id = repo.add_team(slug, name.strip(), unit.id)
            details = {"name": name.strip(), "unit": unit_slug}
            repo.audit.record(AuditAction.TEAM_CREATE, "team", slug, details)
            return TeamView(team_id, slug, name.strip(), unit.slug, unit.name)

    @allowed(ANYONE)
    def periods(self) -> list[str]:
        """Every period with any assessment, oldest first (a list of quarters, no team data)."""
        with self.store.unit_of_work() as repo:
            return repo.periods()

    @allowed(admin("import the org structure"))
    def preview_org_import(self, text: str, file: str) -> OrgImportPlan:
        """What importing this CSV/YAML text would change; ContentError if it is invalid."""
        return self.apply_org_import(text, file, dry_run=True)

    @allowed(admin("import the org structure"))
    def apply_org_import(
        self, text: str, file: str, *, actor: str = "", dry_run: bool = False
    ) -> OrgImportPlan:
        """Import units and teams, all or nothing; with `dry_run`, only plan."""
        org = parse_org_file(text, file)
        with self.store.unit_of_work(actor) as repo:
            units = {unit.slug: unit for unit in repo.units()}
            teams = {team.slug: team for team in repo.teams()}
            plan = plan_import(
                org,
                {slug: unit.name for slug, unit in units.items()},
                {slug: (team.name, team.unit_slug) for slug, team in teams.items()},
            )
            if dry_run or not plan.has_changes:
                return plan
            unit_ids = {slug: unit.id for slug, unit in units.items()}
            for spec in plan.units_to_create:
                unit_ids[spec.slug] = repo.add_unit(spec.slug, spec.name).id
            for spec in plan.units_to_rename:
                repo.rename_unit(spec.slug, spec.name)
            for team_spec in plan.teams_to_create:
                repo.add_team(team_spec.slug, team_spec.name, unit_ids[team_spec.unit_slug])
            for team_spec in plan.teams_to_update:
                repo.move_team(team_spec.slug, team_spec.name, unit_ids[team_spec.unit_slug])
            repo.audit.record(
                AuditAction.ORG_IMPORT,
                "org",
                file,
                {
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
