"""The evidence-rules format: which configuration facts bound which answers.

A rule caps one question's answer at `max` either `when` its condition holds or `unless` it
holds. A condition tests facts by name (`fact` plus one of `equals`, `one_of`, `at_least`,
`at_most`, `contains`, `excludes`) or combines tests with `all` / `any`. A test holds when any
fact of that name passes it (a workflow scan yields one fact per file); a name the scan did not
find fails its test. A rule is judged only when the scan saw its facts' family (e.g. some
`claude.*` fact), so a team that does not use a tool is never judged by that tool's rules.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from assessments.content.questionnaire import (
    ID_PATTERN,
    QUESTION_ID_PATTERN,
    NonEmpty,
    Strict,
    Version,
)
from assessments.evidence.names import family

Scalar = bool | int | str
OPERATORS = ("equals", "one_of", "at_least", "at_most", "contains", "excludes")


class FactTest(Strict):
    """A test of the facts called `fact`; exactly one operator is given."""

    fact: str = Field(min_length=1)
    equals: Scalar | None = None
    one_of: tuple[Scalar, ...] | None = None
    at_least: int | None = None
    at_most: int | None = None
    contains: str | None = None
    excludes: str | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> FactTest:
        given = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a fact test needs exactly one operator, got {len(given)}"
                f" (hint: one of {', '.join(OPERATORS)})"
            )
        return self

    # Looked up once per test: an org's history judges every rule for every assessment.
    @cached_property
    def operator(self) -> str:
        return next(name for name in OPERATORS if getattr(self, name) is not None)

    @cached_property
    def operand(self) -> Any:
        return getattr(self, self.operator)


class AllTest(Strict):
    """Every child test holds."""

    all: NonEmpty[Test]


class AnyTest(Strict):
    """At least one child test holds."""

    any: NonEmpty[Test]


def _test_kind(raw: Any) -> str | None:
    if isinstance(raw, dict):
        return next((key for key in ("fact", "all", "any") if key in raw), None)
    for key, model in _TEST_MODELS.items():
        if isinstance(raw, model):
            return key
    return None


Test = Annotated[
    Annotated[FactTest, Tag("fact")]
    | Annotated[AllTest, Tag("all")]
    | Annotated[AnyTest, Tag("any")],
    Discriminator(
        _test_kind,
        custom_error_type="unknown_condition",
        custom_error_message=(
            "not a condition (hint: use `fact` with an operator, `all` or `any`)"
        ),
    ),
]
_TEST_MODELS: dict[str, type[BaseModel]] = {"fact": FactTest, "all": AllTest, "any": AnyTest}
AllTest.model_rebuild()
AnyTest.model_rebuild()


class EvidenceRule(Strict):
    """One bound: `question` counts at most `max` when (or unless) the condition holds."""

    id: str = Field(pattern=ID_PATTERN)
    question: str = Field(pattern=QUESTION_ID_PATTERN)
    max: int = Field(ge=0)
    when: Test | None = None
    unless: Test | None = None
    reason: str = Field(min_length=1, max_length=300)
    cites: str = Field(min_length=1, max_length=300)

    @model_validator(mode="after")
    def _when_or_unless(self) -> EvidenceRule:
        if (self.when is None) == (self.unless is None):
            raise ValueError(
                "a rule needs exactly one of `when` or `unless`"
                " (hint: `when` caps the answer if the condition holds, `unless` if it fails)"
            )
        return self

    @property
    def condition(self) -> Test:
        """The condition, whichever of `when` / `unless` carries it."""
        condition = self.when if self.when is not None else self.unless
        assert condition is not None
        return condition

    @property
    def binds_when_holds(self) -> bool:
        return self.when is not None

    @cached_property
    def families(self) -> frozenset[str]:
        """The fact families its condition reads: it is judged only when a scan saw one."""
        return frozenset(family(test.fact) for test in fact_tests(self.condition))


class EvidenceRules(Strict):
    """An evidence-rules file for one questionnaire."""

    questionnaire: str = Field(pattern=ID_PATTERN)
    version: Version
    rules: NonEmpty[EvidenceRule]


def fact_tests(test: Test) -> list[FactTest]:
    """The fact tests inside a condition, in order."""
    if isinstance(test, FactTest):
        return [test]
    children = test.all if isinstance(test, AllTest) else test.any
    return [leaf for child in children for leaf in fact_tests(child)]
