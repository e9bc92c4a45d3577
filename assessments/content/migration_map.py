"""The migration map format: how a new questionnaire version's questions follow from the last one's.

A map is a YAML file beside the questionnaire it leads to (`<questionnaire>.map.yaml`):

    questionnaire: autonomy-readiness
    from_version: "2026.1"
    to_version: "2027.1"
    changes:
      - keep: BR-01                                        # same id, same values
      - rename: {from: BR-02, to: BR-12}                   # new id, same values
      - rescale: {question: OS-03, values: {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}}
      - rescale: {question: OS-04, to: OS-14, values: {0: 0, 1: 1, 2: 1, 3: 2, 4: 2}}
      - split: {from: PA-04, into: [PA-04, PA-11], values: {PA-11: {0: 0, 1: 0, 2: 1, 3: 1, 4: 1}}}
      - merge: {from: [BR-07, BR-08], into: BR-07, combine: min}
      - remove: BR-09
      - add: BR-13

`values` maps every old value to a value of the new scale; where it is left out the value is
carried unchanged, which the new scale must be able to hold. Checks against both versions live
in `assessments.content.map_checks`; applying a map to answers in `assessments.content.migration`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from assessments.content.questionnaire import (
    QUESTION_ID_MAX_LENGTH,
    QUESTION_ID_PATTERN,
    NonEmpty,
    Strict,
    Version,
)

QuestionId = Annotated[str, Field(pattern=QUESTION_ID_PATTERN, max_length=QUESTION_ID_MAX_LENGTH)]
ValueMap = dict[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]
MAP_SUFFIX = ".map.yaml"


class Combine(StrEnum):
    """How merged questions' values become one: the lowest (conservative) or the highest."""

    MIN = "min"
    MAX = "max"


class Rename(Strict):
    """The question has a new id; its values keep their meaning."""

    from_: QuestionId = Field(alias="from")
    to: QuestionId


class Rescale(Strict):
    """The question's scale changed: each old value maps to a new one (optionally a new id)."""

    question: QuestionId
    to: QuestionId | None = None
    values: ValueMap


class Split(Strict):
    """One old question became several; each new one takes the old answer through its values."""

    from_: QuestionId = Field(alias="from")
    into: Annotated[tuple[QuestionId, ...], Field(min_length=2)]
    values: dict[QuestionId, ValueMap] = Field(default_factory=dict)


class Merge(Strict):
    """Several old questions became one; their mapped values are combined (default: lowest)."""

    from_: Annotated[tuple[QuestionId, ...], Field(min_length=2, alias="from")]
    into: QuestionId
    combine: Combine = Combine.MIN
    values: dict[QuestionId, ValueMap] = Field(default_factory=dict)


class Change(Strict):
    """One line of a map: exactly one of keep, rename, rescale, split, merge, remove, add."""

    keep: QuestionId | None = None
    rename: Rename | None = None
    rescale: Rescale | None = None
    split: Split | None = None
    merge: Merge | None = None
    remove: QuestionId | None = None
    add: QuestionId | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Change:
        given = [name for name in CHANGE_KINDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"each change needs exactly one of {', '.join(CHANGE_KINDS)}; got"
                f" {', '.join(given) if given else 'none'}"
                " (hint: write one change per list item, e.g. `- keep: BR-01`)"
            )
        return self

    @property
    def kind(self) -> str:
        """Which of the seven kinds this change is."""
        return next(name for name in CHANGE_KINDS if getattr(self, name) is not None)


CHANGE_KINDS = ("keep", "rename", "rescale", "split", "merge", "remove", "add")


class MigrationMap(Strict):
    """How answers given on `from_version` carry over to `to_version` of one questionnaire."""

    questionnaire: str = Field(min_length=1)
    from_version: Version
    to_version: Version
    changes: NonEmpty[Change]

    def links(self) -> tuple[Link, ...]:
        """Each new question with the old questions (and value maps) it is answered from."""
        return self._links

    @cached_property
    def _links(self) -> tuple[Link, ...]:
        # Built once per (frozen) map: trends migrate thousands of assessments through it.
        found: list[Link] = []
        for change in self.changes:
            found.extend(_links_of(change))
        return tuple(found)

    def sources(self) -> tuple[tuple[str, int], ...]:
        """Every old question the map names, with the index of the change naming it."""
        named: list[tuple[str, int]] = []
        for index, change in enumerate(self.changes):
            named.extend((old, index) for old in _sources_of(change))
        return tuple(named)

    def targets(self) -> tuple[tuple[str, int], ...]:
        """Every new question the map names, with the index of the change naming it."""
        return tuple(
            (new, index) for index, change in enumerate(self.changes) for new in _targets_of(change)
        )


@dataclass(frozen=True)
class Link:
    """A new question and where its answer comes from.

    Attributes:
        question: the new question's id.
        kind: the change that made it (keep, rename, rescale, split, merge or add).
        sources: the old questions it is answered from, each with its value map (None: as is).
        combine: how several sources' values become one.
    """

    question: str
    kind: str
    sources: tuple[tuple[str, ValueMap | None], ...]
    combine: Combine = Combine.MIN


def _links_of(change: Change) -> list[Link]:
    if change.keep is not None:
        return [Link(change.keep, "keep", ((change.keep, None),))]
    if change.rename is not None:
        return [Link(change.rename.to, "rename", ((change.rename.from_, None),))]
    if change.rescale is not None:
        r = change.rescale
        return [Link(r.to or r.question, "rescale", ((r.question, r.values),))]
    if change.split is not None:
        s = change.split
        return [Link(new, "split", ((s.from_, s.values.get(new)),)) for new in s.into]
    if change.merge is not None:
        m = change.merge
        sources = tuple((old, m.values.get(old)) for old in m.from_)
        return [Link(m.into, "merge", sources, m.combine)]
    if change.add is not None:
        return [Link(change.add, "add", ())]
    return []


def _sources_of(change: Change) -> tuple[str, ...]:
    if change.keep is not None:
        return (change.keep,)
    if change.rename is not None:
        return (change.rename.from_,)
    if change.rescale is not None:
        return (change.rescale.question,)
    if change.split is not None:
        return (change.split.from_,)
    if change.merge is not None:
        return change.merge.from_
    if change.remove is not None:
        return (change.remove,)
    return ()


def _targets_of(change: Change) -> tuple[str, ...]:
    return tuple(link.question for link in _links_of(change))
