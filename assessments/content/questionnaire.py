"""The questionnaire format: pillars, questions and anchored answer scales."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from scoring.model import DEFAULT_LEVEL_THRESHOLDS, PillarSpec, QuestionSpec, Rubric

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
QUESTION_ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]{2,3}$"


T = TypeVar("T")


def _at_least(count: int) -> AfterValidator:
    # An after-validator (not `min_length`) so a list whose items fail reports only those items.
    def check(value: tuple[Any, ...]) -> tuple[Any, ...]:
        if len(value) < count:
            raise ValueError(f"needs at least {count} item{'s' if count > 1 else ''}")
        return value

    return AfterValidator(check)


NonEmpty = Annotated[tuple[T, ...], _at_least(1)]


def _number_as_text(value: Any) -> Any:
    # YAML reads `version: 1` as a number; a version is text.
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Version = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1)]


class Strict(BaseModel):
    """Base for user-written YAML: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Pillar(Strict):
    """One of the problems that keep humans in the loop (e.g. blast radius)."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class ScaleLevel(Strict):
    """One anchored point of a question's scale: an observable fact, not an adjective."""

    value: int = Field(ge=0)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Question(Strict):
    """One question, answered on its own anchored scale."""

    id: str = Field(pattern=QUESTION_ID_PATTERN)
    pillar: str
    text: str = Field(min_length=1)
    help: str = Field(min_length=1, description="Why it matters.")
    scale: Annotated[tuple[ScaleLevel, ...], _at_least(2)]
    weight: float = Field(default=1.0, gt=0, le=100)
    critical: bool = False
    evidence_hint: str = Field(min_length=1)
    allow_not_applicable: bool = True
    evidence_valid_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="How long evidence for this answer stays valid; older evidence counts as none.",
    )

    @model_validator(mode="after")
    def _scale_counts_from_zero(self) -> Question:
        values = [level.value for level in self.scale]
        expected = list(range(len(values)))
        if values != expected:
            raise ValueError(
                f"scale values must be 0, 1, 2, ... in order; got {values}"
                " (hint: list one level per value, starting at 0)"
            )
        return self

    @property
    def max_value(self) -> int:
        return len(self.scale) - 1

    def level(self, value: int) -> ScaleLevel:
        return self.scale[value]


class Questionnaire(Strict):
    """A versioned questionnaire. Organisations may bring their own."""

    id: str = Field(pattern=ID_PATTERN)
    version: Version
    title: str = Field(min_length=1)
    description: str = ""
    level_thresholds: tuple[float, float, float, float] = DEFAULT_LEVEL_THRESHOLDS
    pillars: NonEmpty[Pillar]
    questions: NonEmpty[Question]

    @model_validator(mode="after")
    def _thresholds_rise(self) -> Questionnaire:
        t = self.level_thresholds
        if not all(0 <= a < b <= 100 for a, b in zip((0.0, *t[:-1]), t, strict=True)):
            raise ValueError(
                f"level_thresholds must rise strictly within 0-100; got {list(t)}"
                " (hint: e.g. [20, 40, 60, 80])"
            )
        return self

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def questions_of(self, pillar_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.pillar == pillar_id)

    def to_rubric(self) -> Rubric:
        """The scoring model's view of this questionnaire."""
        return Rubric(
            id=self.id,
            version=self.version,
            pillars=tuple(PillarSpec(p.id, p.name) for p in self.pillars),
            questions=tuple(
                QuestionSpec(q.id, q.pillar, q.weight, q.critical, q.max_value)
                for q in self.questions
            ),
            level_thresholds=self.level_thresholds,
        )
