"""The approval-chain catalogue format: human gates and the conditions to remove them."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from assessments.content.crosswalk import Crosswalked, Departure, References
from assessments.content.questionnaire import ID_PATTERN, NonEmpty, Strict, Version
from scoring import model as m


class PillarCondition(Strict):
    """The pillar's readiness level is at least `min_level`."""

    pillar: str
    min_level: int = Field(ge=0)


class AnswerCondition(Strict):
    """The question's answer is at least `min` (or the question is not applicable)."""

    question: str
    min: int = Field(ge=0)


class ChainRemovedCondition(Strict):
    """Another chain must already be removed."""

    chain_removed: str


class AllCondition(Strict):
    """Every child condition holds."""

    all: tuple[Condition, ...]


class AnyCondition(Strict):
    """At least one child condition holds."""

    any: tuple[Condition, ...]


_CONDITION_KEYS = ("pillar", "question", "chain_removed", "all", "any")


def _condition_kind(raw: Any) -> str | None:
    """Tell a condition's shape by the key it carries, so errors name the right fields."""
    if isinstance(raw, dict):
        return next((key for key in _CONDITION_KEYS if key in raw), None)
    for key, model in _CONDITION_MODELS.items():
        if isinstance(raw, model):
            return key
    return None


Condition = Annotated[
    Annotated[PillarCondition, Tag("pillar")]
    | Annotated[AnswerCondition, Tag("question")]
    | Annotated[ChainRemovedCondition, Tag("chain_removed")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")],
    Discriminator(
        _condition_kind,
        custom_error_type="unknown_condition",
        custom_error_message=(
            "not a condition (hint: use one of `pillar` + `min_level`, `question` + `min`,"
            " `chain_removed`, `all`, `any`)"
        ),
    ),
]

_CONDITION_MODELS: dict[str, type[BaseModel]] = {
    "pillar": PillarCondition,
    "question": AnswerCondition,
    "chain_removed": ChainRemovedCondition,
    "all": AllCondition,
    "any": AnyCondition,
}
AllCondition.model_rebuild()
AnyCondition.model_rebuild()


AutonomyName = Literal["L1", "L2", "L3", "L4", "L5"]
"""Autonomy levels by short name (Feng, McDonald & Zhang, 2025): L1 Operator .. L5 Observer."""


class Chain(Crosswalked):
    """One human approval chain on agent work."""

    omit_when_empty: ClassVar[tuple[str, ...]] = (
        "references",
        "departs_from",
        "caps_autonomy_at",
    )

    id: str = Field(pattern=ID_PATTERN)
    order: int = Field(ge=1)
    name: str = Field(min_length=1)
    gate: str = Field(min_length=1, description="The gate as it exists today.")
    protects: NonEmpty[str]
    unlock: Condition | None = None
    compensating_controls: tuple[str, ...] = ()
    risk: m.Risk
    toil: m.Toil
    permanent: bool = False
    min_overall_level: int = Field(
        default=0,
        ge=0,
        le=m.MAX_LEVEL,
        description="The overall readiness level removing it implies (the autonomy it grants).",
    )
    reinstate_when: str = Field(min_length=1)
    references: References | None = None
    departs_from: tuple[Departure, ...] = Field(
        default=(), description="Standards this chain's removal departs from, and how."
    )
    caps_autonomy_at: AutonomyName | None = Field(
        default=None,
        description="While this chain is in place (or removed without its conditions holding),"
        " agents run at most at this autonomy level, e.g. L4.",
    )

    @model_validator(mode="after")
    def _removable_chains_say_how(self) -> Chain:
        if not self.permanent and self.unlock is None:
            raise ValueError(
                "a chain that is not permanent needs unlock conditions"
                " (hint: add `unlock:` or set `permanent: true`)"
            )
        if not self.permanent and not self.compensating_controls:
            raise ValueError(
                "a removable chain needs compensating_controls: what keeps running once it is gone"
            )
        return self


class ChainCatalogue(Strict):
    """A versioned catalogue of approval chains, tied to one questionnaire."""

    id: str = Field(pattern=ID_PATTERN)
    version: Version
    title: str = Field(min_length=1)
    questionnaire: str = Field(pattern=ID_PATTERN, description="Questionnaire id it refers to.")
    chains: NonEmpty[Chain]

    def chain(self, chain_id: str) -> Chain:
        for c in self.chains:
            if c.id == chain_id:
                return c
        raise KeyError(chain_id)

    def to_scoring(self) -> m.Catalogue:
        """The scoring model's view of this catalogue."""
        return m.Catalogue(
            id=self.id,
            version=self.version,
            chains=tuple(
                m.ChainSpec(
                    id=c.id,
                    name=c.name,
                    order=c.order,
                    unlock=None if c.unlock is None else to_scoring_condition(c.unlock),
                    risk=c.risk,
                    toil=c.toil,
                    permanent=c.permanent,
                    protects=c.protects,
                    compensating_controls=c.compensating_controls,
                    autonomy_cap=(
                        None if c.caps_autonomy_at is None else int(c.caps_autonomy_at[1]) - 1
                    ),
                    min_overall_level=c.min_overall_level,
                )
                for c in sorted(self.chains, key=lambda c: c.order)
            ),
        )


def to_scoring_condition(cond: Condition) -> m.Condition:
    """Translate a parsed YAML condition into the scoring model's condition."""
    if isinstance(cond, PillarCondition):
        return m.MinPillarLevel(cond.pillar, cond.min_level)
    if isinstance(cond, AnswerCondition):
        return m.MinAnswer(cond.question, cond.min)
    if isinstance(cond, ChainRemovedCondition):
        return m.ChainRemoved(cond.chain_removed)
    if isinstance(cond, AllCondition):
        return m.AllOf(tuple(to_scoring_condition(c) for c in cond.all))
    return m.AnyOf(tuple(to_scoring_condition(c) for c in cond.any))
