"""The questionnaire format: pillars, questions and anchored answer scales."""

from __future__ import annotations

import itertools
from functools import cached_property
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from assessments.content.crosswalk import Crosswalked, References
from scoring.model import DEFAULT_LEVEL_THRESHOLDS, PillarSpec, QuestionSpec, Rubric

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
QUESTION_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$"
"""Any organisation's scheme (`BR-05`, `G-SM-1-A`, `ops.03`): letters and digits joined by single
'-', '_' or '.', starting with a letter. Safe unescaped in URLs and CSV cells (no formula start)."""
QUESTION_ID_MAX_LENGTH = 50
DEFAULT_LEVEL_NAMES = ("Level 0", "Level 1", "Level 2", "Level 3", "Level 4")


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
    credit: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share of the question's weight this answer earns; default value / max.",
    )
    caps_at: int | None = Field(
        default=None,
        ge=0,
        description="Critical questions only: the highest pillar level this answer allows;"
        " default floor(top level * value / max).",
    )


class Question(Crosswalked):
    """One question, answered on its own anchored scale."""

    id: str = Field(pattern=QUESTION_ID_PATTERN, max_length=QUESTION_ID_MAX_LENGTH)
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
    references: References | None = Field(
        default=None, description="Ids in public standards this question answers to."
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
        credits = self.credits
        if credits[0] != 0:
            raise ValueError(
                f"the lowest answer's credit must be 0; got {credits[0]}"
                " (hint: don't know and unanswered count 0, so the lowest answer earns 0 too)"
            )
        if any(b < a for a, b in itertools.pairwise(credits)):
            raise ValueError(
                f"credits must not fall as the value rises; got {list(credits)}"
                " (hint: a higher answer earns at least as much as a lower one)"
            )
        caps = [level.caps_at for level in self.scale if level.caps_at is not None]
        if caps and not self.critical:
            raise ValueError(
                "caps_at is set but the question is not critical"
                " (hint: add `critical: true`, or remove caps_at)"
            )
        if any(b < a for a, b in itertools.pairwise(caps)):
            raise ValueError(
                f"caps_at must not fall as the value rises; got {caps}"
                " (hint: a higher answer allows at least the level a lower one allows)"
            )
        return self

    @property
    def has_own_credits(self) -> bool:
        """Whether any option sets its own credit."""
        return any(level.credit is not None for level in self.scale)

    @property
    def has_own_caps(self) -> bool:
        """Whether any option sets its own critical cap."""
        return any(level.caps_at is not None for level in self.scale)

    def caps(self, top_level: int) -> tuple[int, ...]:
        """The level each value allows its pillar if critical: as written, else the default rule."""
        top = self.max_value
        return tuple(
            level.caps_at if level.caps_at is not None else top_level * level.value // top
            for level in self.scale
        )

    @property
    def credits(self) -> tuple[float, ...]:
        """The credit each value earns, 0..1: as written, else value / max."""
        top = self.max_value
        return tuple(
            level.credit if level.credit is not None else level.value / top for level in self.scale
        )

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
    levels: Annotated[tuple[Annotated[str, Field(min_length=1)], ...], _at_least(2)] = (
        DEFAULT_LEVEL_NAMES
    )
    level_thresholds: Annotated[tuple[float, ...], _at_least(1)] = DEFAULT_LEVEL_THRESHOLDS
    question_id_pattern: str | None = Field(
        default=None, description="A regular expression every question id must also match."
    )
    pillars: NonEmpty[Pillar]
    questions: NonEmpty[Question]

    @model_validator(mode="after")
    def _thresholds_rise(self) -> Questionnaire:
        t = self.level_thresholds
        if len(t) != len(self.levels) - 1:
            needed = len(self.levels) - 1
            hint = " (hint: one threshold per level above 0, e.g. [20, 40, 60, 80] for levels 0-4)"
            if "level_thresholds" not in self.model_fields_set:
                raise ValueError(
                    f"levels names {len(self.levels)} levels, so level_thresholds needs"
                    f" {needed} values (the default has 4){hint}"
                )
            raise ValueError(
                f"level_thresholds has {len(t)} value{'s' if len(t) != 1 else ''} for"
                f" {len(self.levels)} levels; it needs {needed}{hint}"
            )
        if not all(0 <= a < b <= 100 for a, b in zip((0.0, *t[:-1]), t, strict=True)):
            raise ValueError(
                f"level_thresholds must rise strictly within 0-100; got {list(t)}"
                " (hint: e.g. [20, 40, 60, 80])"
            )
        return self

    @property
    def top_level(self) -> int:
        """The highest readiness level (4 by default)."""
        return len(self.levels) - 1

    def level_name(self, level: int) -> str:
        """The name of a readiness level, e.g. "Level 2" or an organisation's own."""
        return self.levels[level]

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)

    def question(self, question_id: str) -> Question:
        return self._question_index[question_id]

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        # Built once per (frozen) questionnaire: migrations look questions up per answer.
        return {q.id: q for q in self.questions}

    def questions_of(self, pillar_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.pillar == pillar_id)

    def to_rubric(self) -> Rubric:
        """The scoring model's view of this questionnaire."""
        return Rubric(
            id=self.id,
            version=self.version,
            pillars=tuple(PillarSpec(p.id, p.name) for p in self.pillars),
            questions=tuple(
                QuestionSpec(
                    q.id,
                    q.pillar,
                    q.weight,
                    q.critical,
                    q.max_value,
                    credits=q.credits if q.has_own_credits else None,
                    caps=q.caps(self.top_level) if q.has_own_caps else None,
                )
                for q in self.questions
            ),
            level_thresholds=self.level_thresholds,
        )
