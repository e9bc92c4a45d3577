"""What the demo generator produces: units, teams, assessments and the earlier version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire


@dataclass(frozen=True)
class DemoUnit:
    """An org unit (e.g. Payments) that teams belong to."""

    slug: str
    name: str


@dataclass(frozen=True)
class DemoTeam:
    """A team, in one unit."""

    slug: str
    name: str
    unit_slug: str


@dataclass(frozen=True)
class DemoAssessment:
    """One team's answers for one period, as a draft or a submission."""

    team_slug: str
    period: str
    status: Literal["submitted", "draft"]
    answers: dict[str, AnswerEntry]
    removed_chains: tuple[str, ...]
    submitted_by: str
    on_earlier_version: bool = False


@dataclass(frozen=True)
class EarlierVersion:
    """The questionnaire and catalogue the organisation answered on before the one in force.

    Attributes:
        questionnaire: the earlier questionnaire version.
        catalogue: the catalogue for it.
        migration_map: the map from it to the questionnaire in force.
        quarters: how many of the first quarters were answered on it.
    """

    questionnaire: Questionnaire
    catalogue: ChainCatalogue
    migration_map: MigrationMap
    quarters: int


@dataclass(frozen=True)
class DemoOrg:
    """The generated organisation: units, teams, and every team's assessments, oldest first.

    Assessments marked `on_earlier_version` were answered on `earlier`'s questionnaire and
    catalogue; the others on the content in force.
    """

    units: tuple[DemoUnit, ...]
    teams: tuple[DemoTeam, ...]
    assessments: tuple[DemoAssessment, ...]
    earlier: EarlierVersion | None = None
