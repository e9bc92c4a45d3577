"""One team's answers for one period, as written in an answers file or a saved draft."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import Field, field_validator, model_validator

from assessments.content.questionnaire import Strict, Version
from assessments.periods import PERIOD_PATTERN
from scoring.frames import answer_kind
from scoring.model import Answer, AnswerKind, AssessmentInput

_DONT_KNOW_WORDS = {"dont_know", "don't know", "dont know", "unknown"}


class AnswerEntry(Strict):
    """One answer: a scale value, "not applicable" with a reason, or "don't know".

    In YAML, a bare number is a value and the word `dont_know` is don't know; the long
    form is a mapping with `value` (or `not_applicable: REASON`, or `dont_know: true`)
    plus optional `evidence` (an http(s) link) and `note`.
    """

    value: int | None = Field(default=None, ge=0)
    not_applicable: str | None = Field(default=None, min_length=1)
    dont_know: bool = False
    evidence: str | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, raw: Any) -> Any:
        if isinstance(raw, bool):
            return raw  # let field validation reject it
        if isinstance(raw, int):
            return {"value": raw}
        if isinstance(raw, str) and raw.strip().lower() in _DONT_KNOW_WORDS:
            return {"dont_know": True}
        if isinstance(raw, str) and raw.strip().lower() in {"not_applicable", "n/a"}:
            raise ValueError("not applicable needs a reason (hint: write `not_applicable: <why>`)")
        return raw

    @field_validator("not_applicable")
    @classmethod
    def _reason_is_written(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("not applicable needs a reason (hint: write why, not only spaces)")
        return value

    @field_validator("evidence")
    @classmethod
    def _evidence_is_web_link(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not re.match(r"^https?://[^\s<>\"']+$", value.strip()):
            raise ValueError("evidence must be an http:// or https:// link")
        return value.strip()

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> AnswerEntry:
        kinds = [self.value is not None, self.not_applicable is not None, self.dont_know]
        if sum(kinds) != 1:
            raise ValueError(
                "give exactly one of value, not_applicable (with a reason) or dont_know"
            )
        return self

    @property
    def kind(self) -> AnswerKind:
        """Value, not applicable or don't know, by the frame contract's one derivation."""
        return answer_kind(self.value is not None, self.not_applicable is not None)

    def to_scoring(self) -> Answer:
        return Answer(self.kind, self.value, self.evidence is not None)


class QuestionnaireRef(Strict):
    """Which questionnaire (id and version) the answers were given against."""

    id: str
    version: Version


class AnswerSheet(Strict):
    """An answers file: the team, the period, the questionnaire, answers and chain states."""

    team: str = Field(min_length=1, max_length=200)
    period: str = Field(pattern=PERIOD_PATTERN)
    questionnaire: QuestionnaireRef
    answers: dict[str, AnswerEntry] = Field(default_factory=dict)
    removed_chains: tuple[str, ...] = ()
    assessed_on: date | None = Field(
        default=None, description="The assessment date; default the period's last day."
    )
    removed_since: dict[str, date] = Field(
        default_factory=dict,
        description="Chain id → the day its signed-off removal took effect (track record).",
    )

    def to_scoring(self) -> AssessmentInput:
        # Imported here: assessments.periods reads PERIOD_PATTERN from this module.
        from assessments.periods import period_bounds

        return AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in self.answers.items()},
            removed_chains=frozenset(self.removed_chains),
            as_of=self.assessed_on or period_bounds(self.period)[1],
            removed_since=dict(self.removed_since),
        )


@lru_cache(maxsize=4096)
def trusted_entry(
    value: int | None = None,
    *,
    not_applicable: str | None = None,
    dont_know: bool = False,
    evidence: str | None = None,
    note: str | None = None,
) -> AnswerEntry:
    """An answer built from parts already validated (stored answers, a value checked against
    its scale), without validating again; equal answers share one frozen instance, so a trend
    over thousands of assessments builds a handful."""
    return AnswerEntry.model_construct(
        value=value,
        not_applicable=not_applicable,
        dont_know=dont_know,
        evidence=evidence,
        note=note,
    )
