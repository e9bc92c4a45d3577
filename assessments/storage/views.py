"""What the service hands to pages: plain frozen values, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from assessments.access import Grant
from assessments.content.answers import AnswerEntry
from scoring.model import AssessmentInput

DRAFT = "draft"
SUBMITTED = "submitted"

# The answer and removed-chain frame columns are scoring's frame contract: scoring.frames.
ASSESSMENT_FRAME_COLUMNS = (
    "assessment_id",
    "team_slug",
    "unit_slug",
    "period",
    "revision",
    "questionnaire_id",
    "questionnaire_version",
    "catalogue_id",
    "catalogue_version",
)


@dataclass(frozen=True)
class UnitView:
    """An org unit."""

    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class TeamView:
    """A team and the unit it belongs to."""

    id: int
    slug: str
    name: str
    unit_slug: str
    unit_name: str


@dataclass(frozen=True)
class AssessmentRecord:
    """The bookkeeping of one stored revision, without its answers: what commands check.

    Attributes:
        version: optimistic-lock counter, bumped by every write to the draft.
    """

    id: int
    team_id: int
    period: str
    status: str
    revision: int
    version: int
    updated_by: str
    updated_at: datetime
    questionnaire_id: str = ""
    questionnaire_version: str = ""


@dataclass(frozen=True)
class RoleAssignmentView:
    """One grant held by one email, where it came from, and who gave it when."""

    id: int
    email: str
    grant: Grant
    source: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class DraftView:
    """One revision of a team's assessment for a period, draft or submitted.

    Attributes:
        version: optimistic-lock counter; pass it back as `expected_version` when writing.
        removed_chains: ids of the chains the team has marked removed.
        carried: answers a prefill copied that nobody has confirmed or changed yet,
            question id → the period they came from; a draft with any cannot be submitted.
    """

    id: int
    team_slug: str
    team_name: str
    period: str
    questionnaire_id: str
    questionnaire_version: str
    status: str
    revision: int
    version: int
    answers: dict[str, AnswerEntry]
    removed_chains: frozenset[str]
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    submitted_by: str | None
    submitted_at: datetime | None
    catalogue_id: str | None = None
    catalogue_version: str | None = None
    carried: dict[str, str] = field(default_factory=dict)

    @property
    def is_submitted(self) -> bool:
        """Whether this revision is submitted (and so cannot change)."""
        return self.status == SUBMITTED

    def to_scoring(self) -> AssessmentInput:
        """The scoring model's input for these answers and chain states."""
        return AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in self.answers.items()},
            removed_chains=self.removed_chains,
        )


@dataclass(frozen=True)
class SubmissionView:
    """A submitted revision without its answers: what org-wide views list for a team.

    Org snapshots carry the answers of every team as long-form frames instead, so reading a
    period never builds one `AnswerEntry` per answer.
    """

    id: int
    period: str
    revision: int
    questionnaire_id: str
    questionnaire_version: str
    submitted_by: str | None
    submitted_at: datetime | None


@dataclass(frozen=True)
class TeamSnapshot:
    """One team in one period: its latest submitted assessment and whether a draft is open."""

    team: TeamView
    latest: SubmissionView | None
    has_draft: bool


@dataclass(frozen=True, eq=False)
class PeriodSnapshot:
    """Every team in one period, with long-form frames ready for `scoring.score_org`.

    Attributes:
        teams: every team, sorted by unit then name, submitted or not.
        answers: one row per answer of the latest submitted assessments, in the frame
            contract `scoring.frames.ANSWER_COLUMNS` (built by `scoring.frames.answer_frame`).
        removed: one row per removed chain, columns `scoring.frames.REMOVED_COLUMNS`.
    """

    period: str
    teams: tuple[TeamSnapshot, ...]
    answers: pd.DataFrame
    removed: pd.DataFrame

    @property
    def submitted(self) -> tuple[TeamSnapshot, ...]:
        """The teams with a submitted assessment in the period."""
        return tuple(t for t in self.teams if t.latest is not None)


@dataclass(frozen=True, eq=False)
class OrgHistory:
    """The latest submitted assessment of every team in every period, as long-form frames.

    Attributes:
        assessments: `assessment_id, team_slug, unit_slug, period, revision` and the
            questionnaire and catalogue each was answered on, ordered by period, then team slug.
        answers: as in `PeriodSnapshot.answers`.
        removed: as in `PeriodSnapshot.removed`.
    """

    assessments: pd.DataFrame
    answers: pd.DataFrame
    removed: pd.DataFrame


@dataclass(frozen=True)
class ConflictingEditView:
    """A write that lost an optimistic-lock race, kept aside so it can be re-applied.

    Attributes:
        action: the write that was attempted, e.g. "answer.save" or "chain.set".
        target: the question or chain id it touched, `pillar:<id>` for a confirmation of
            carried answers ("" for prefill and submit).
        payload: what the write carried, e.g. `{"entry": {...}}` or `{"removed": true}`.
        found_updated_by: who had changed the draft in between.
    """

    id: int
    assessment_id: int
    action: str
    target: str
    payload: dict[str, Any]
    actor: str
    expected_version: int
    found_version: int
    found_updated_by: str
    found_updated_at: datetime
    created_at: datetime
    entry: AnswerEntry | None = field(default=None)

    @property
    def subject(self) -> str:
        """What the kept write was about, e.g. "BR-03" or "chain merge-review"."""
        if self.action.startswith("answer."):
            return self.target
        if self.action == "chain.set":
            return f"chain {self.target}"
        if self.action == "draft.prefill":
            return "prefill from the previous period"
        if self.action == "answers.confirm":
            return f"confirmation of the carried answers in {self.target.removeprefix('pillar:')}"
        return "submission"

    @property
    def summary(self) -> str:
        """The kept write in words, e.g. "value 3 · evidence https://…" or "marked removed"."""
        if self.action == "answer.clear":
            return "clear the answer"
        if self.entry is not None:
            return describe_entry(self.entry)
        if self.action == "chain.set":
            return "mark removed" if self.payload.get("removed") else "mark in place"
        return "not applied; do it again after reloading"


def describe_entry(entry: AnswerEntry) -> str:
    """An answer in words: "value 3 · evidence https://… · note …"."""
    if entry.value is not None:
        parts = [f"value {entry.value}"]
    elif entry.not_applicable is not None:
        parts = [f"not applicable: {entry.not_applicable}"]
    else:
        parts = ["don't know"]
    if entry.evidence:
        parts.append(f"evidence {entry.evidence}")
    if entry.note:
        parts.append(f"note {entry.note}")
    return " · ".join(parts)
