"""Compare like with like across questionnaire versions.

An assessment is scored as answered (`content_for`). For a trend, an older assessment on an
earlier version of the questionnaire in force is mapped forward through the chain of migration
maps and scored on the content in force; with no map chain it keeps its own version and the
series breaks there. Pure: no database, no scoring call.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import Content
from assessments.content.migration import migrate_chain
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.content.versions import ContentLibrary, VersionKey


class Basis(StrEnum):
    """On what footing a period's numbers stand in a trend."""

    AS_ANSWERED = "as answered"
    MAPPED = "mapped forward"
    NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True)
class ForComparison:
    """What to score for a trend: which content, which answers, and on what basis.

    Attributes:
        content: the content to score with (in force, or the assessment's own when not
            comparable).
        answers: the answers to score (mapped forward when `basis` is MAPPED).
        basis: as answered, mapped forward or not comparable.
        version: the questionnaire version the assessment was answered on.
    """

    content: Content
    answers: Mapping[str, AnswerEntry]
    basis: Basis
    version: str


def for_comparison(
    library: ContentLibrary,
    questionnaire: VersionKey,
    catalogue: VersionKey | None,
    answers: Mapping[str, AnswerEntry],
    target: VersionKey | None = None,
) -> ForComparison:
    """How an assessment enters a comparison on `target` (default: the version in force)."""
    in_force = library.in_force.questionnaire
    goal = target or (in_force.id, in_force.version)
    if questionnaire == goal:
        content = library.content_for(questionnaire, catalogue)
        return ForComparison(content, answers, Basis.AS_ANSWERED, questionnaire[1])
    steps = steps_to(library, questionnaire, goal)
    if steps:
        mapped = migrate_chain(steps, answers)
        return ForComparison(
            library.content_for(goal, None), mapped, Basis.MAPPED, questionnaire[1]
        )
    own = library.content_for(questionnaire, catalogue)
    return ForComparison(own, answers, Basis.NOT_COMPARABLE, questionnaire[1])


def steps_to(
    library: ContentLibrary, questionnaire: VersionKey, goal: VersionKey
) -> list[tuple[MigrationMap, Questionnaire, Questionnaire]] | None:
    """The map chain that carries answers on `questionnaire` forward to `goal` (oldest map
    first); None when none does: another questionnaire, or no chain of maps between them."""
    if questionnaire[0] != goal[0]:
        return None
    return library.map_chain(goal[0], questionnaire[1], goal[1]) or None


@dataclass(frozen=True)
class VersionChange:
    """Where a trend crosses from one questionnaire version to the next.

    Attributes:
        period: the first period answered on the newer version.
        before: the version of the period before it.
        after: the version from `period` on.
        mapped: whether the earlier periods were mapped forward (else the series breaks).
    """

    period: str
    before: str
    after: str
    mapped: bool

    def footnote(self) -> str:
        """One sentence for under a chart or table."""
        if self.mapped:
            return (
                f"From {self.period} answers are on questionnaire version {self.after}; earlier"
                f" periods (version {self.before}) are mapped forward through the migration map"
                " for comparison."
            )
        return (
            f"From {self.period} answers are on questionnaire version {self.after}; earlier"
            f" periods (version {self.before}) have no migration map, so the series breaks"
            " there and the two parts are not comparable."
        )


def version_changes(points: Sequence[tuple[str, str, Basis]]) -> list[VersionChange]:
    """The version changes along a trend of (period, version, basis), in period order.

    Give one point per period (for an org, the version most of its assessments used).
    """
    changes: list[VersionChange] = []
    for (_, before, basis), (period, after, _) in itertools.pairwise(sorted(points)):
        if before != after:
            changes.append(VersionChange(period, before, after, basis is Basis.MAPPED))
    return changes


def version_note(library: ContentLibrary, questionnaire: VersionKey) -> str | None:
    """ "Answered on questionnaire X version V (in force: W)" when it differs, else None."""
    q = library.in_force.questionnaire
    if questionnaire == (q.id, q.version):
        return None
    return (
        f"Answered on questionnaire {questionnaire[0]} version {questionnaire[1]}"
        f" (in force: {q.id} version {q.version}); scored on the version it was answered on."
    )
