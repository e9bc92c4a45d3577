"""The scoring model's inputs: plain, frozen data with no framework attached.

`assessments` turns validated YAML into these types; `scoring` never sees YAML,
a database or a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MAX_LEVEL = 4
DEFAULT_LEVEL_THRESHOLDS = (20.0, 40.0, 60.0, 80.0)
"""Pillar score (0-100) needed for readiness levels 1, 2, 3 and 4."""

SCORE_EPSILON = 1e-9
"""Scores are compared with thresholds as `score + SCORE_EPSILON >= threshold`.

Both the per-assessment and the vectorised scoring use it, so rounding noise in
the last bits of a float never flips a level between the two.
"""


class Risk(StrEnum):
    """How much harm removing a chain risks if its compensating controls fail."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 0, "medium": 1, "high": 2}[self.value]


class Toil(StrEnum):
    """How much human time the chain costs while it stays in place."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 0, "medium": 1, "high": 2}[self.value]


class AnswerKind(StrEnum):
    """What a team said about one question."""

    VALUE = "value"
    NOT_APPLICABLE = "not_applicable"
    DONT_KNOW = "dont_know"
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class Answer:
    """One team's answer to one question.

    Attributes:
        kind: value, not applicable, don't know or unanswered.
        value: the chosen scale value when `kind` is VALUE, else None.
        has_evidence: whether an evidence link (or a supporting configuration fact) backs it.
        contradicted: whether configuration facts bound the answer below what was given
            (`value` then holds the bound; it earns no confidence).
    """

    kind: AnswerKind
    value: int | None = None
    has_evidence: bool = False
    contradicted: bool = False

    @classmethod
    def of(cls, value: int, *, evidence: bool = False) -> Answer:
        return cls(AnswerKind.VALUE, value, evidence)

    @classmethod
    def not_applicable(cls) -> Answer:
        return cls(AnswerKind.NOT_APPLICABLE)

    @classmethod
    def dont_know(cls) -> Answer:
        return cls(AnswerKind.DONT_KNOW)

    @classmethod
    def unanswered(cls) -> Answer:
        return cls(AnswerKind.UNANSWERED)


@dataclass(frozen=True)
class PillarSpec:
    id: str
    name: str


@dataclass(frozen=True)
class QuestionSpec:
    """What scoring needs to know of a question.

    Attributes:
        id: e.g. "BR-05".
        pillar: the pillar id it belongs to.
        weight: positive weight within its pillar.
        critical: a critical question caps its pillar's level at its own level.
        max_value: the top of its scale (scales always start at 0).
        credits: per value, the share of the weight it earns; None means `value / max`.
        caps: per value, the level a critical answer allows; None means
            `floor(top level * value / max)`.
    """

    id: str
    pillar: str
    weight: float
    critical: bool
    max_value: int
    credits: tuple[float, ...] | None = None
    caps: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Rubric:
    """The scoring view of a questionnaire."""

    id: str
    version: str
    pillars: tuple[PillarSpec, ...]
    questions: tuple[QuestionSpec, ...]
    level_thresholds: tuple[float, ...] = DEFAULT_LEVEL_THRESHOLDS

    @property
    def top_level(self) -> int:
        """The highest readiness level: one per threshold (4 by default)."""
        return len(self.level_thresholds)

    def questions_of(self, pillar: str) -> tuple[QuestionSpec, ...]:
        return tuple(q for q in self.questions if q.pillar == pillar)

    def question(self, question_id: str) -> QuestionSpec:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def pillar_name(self, pillar_id: str) -> str:
        for p in self.pillars:
            if p.id == pillar_id:
                return p.name
        raise KeyError(pillar_id)


# --- unlock conditions -------------------------------------------------------


@dataclass(frozen=True)
class MinPillarLevel:
    """The pillar's readiness level is at least `level`."""

    pillar: str
    level: int


@dataclass(frozen=True)
class MinAnswer:
    """The question is answered with at least `value` (or is not applicable)."""

    question: str
    value: int


@dataclass(frozen=True)
class ChainRemoved:
    """Another chain is already removed for the team."""

    chain: str


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


Condition = MinPillarLevel | MinAnswer | ChainRemoved | AllOf | AnyOf


@dataclass(frozen=True)
class ChainSpec:
    """What scoring needs to know of an approval chain.

    Attributes:
        id: slug, e.g. "merge-review".
        name: human name.
        order: position in the catalogue's sensible removal order (1 = first).
        unlock: conditions that must hold before removal; None for permanent chains.
        risk: risk of removing it.
        toil: toil it costs while in place.
        permanent: never recommended for removal.
        protects: pillar ids it protects.
        compensating_controls: what must keep running once it is gone.
        autonomy_cap: index of the highest autonomy level (0 = L1 .. 4 = L5) agents may run
            at while this chain is not removed with its conditions holding; None for no cap.
        min_overall_level: the overall readiness level its removal implies (removing a gate
            lets agents run with more autonomy); it unlocks only when every pillar reaches it.
    """

    id: str
    name: str
    order: int
    unlock: Condition | None
    risk: Risk
    toil: Toil
    permanent: bool = False
    protects: tuple[str, ...] = ()
    compensating_controls: tuple[str, ...] = ()
    autonomy_cap: int | None = None
    min_overall_level: int = 0


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str
    chains: tuple[ChainSpec, ...]

    def chain(self, chain_id: str) -> ChainSpec:
        for c in self.chains:
            if c.id == chain_id:
                return c
        raise KeyError(chain_id)


@dataclass(frozen=True)
class AssessmentInput:
    """One team's answers for one period, and which chains it has removed."""

    answers: dict[str, Answer] = field(default_factory=dict)
    removed_chains: frozenset[str] = frozenset()
