"""Verdicts across an organisation: each team's latest answers against its latest scan."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from assessments.content.in_force import Content
from assessments.evidence.check import default_evidence_rules, valid_days
from assessments.evidence.facts import Scan
from assessments.evidence.rules import EvidenceRule
from assessments.evidence.verdicts import Judgement, judge
from scoring import AnswerKind
from scoring.frames import EVIDENCE_COLUMNS


class PeriodSnapshot(Protocol):
    """What is read of a period snapshot (`assessments.storage.views.PeriodSnapshot`)."""

    @property
    def period(self) -> str: ...
    @property
    def teams(self) -> Sequence[Any]: ...
    @property
    def answers(self) -> pd.DataFrame: ...


class OrgHistory(Protocol):
    """What is read of the org history (`assessments.storage.views.OrgHistory`)."""

    @property
    def assessments(self) -> pd.DataFrame: ...
    @property
    def answers(self) -> pd.DataFrame: ...


BOUND_COLUMNS = ("assessment_id", "question_id", "bound")
SUPPORTED_COLUMNS = ("assessment_id", "question_id")


@dataclass(frozen=True, eq=False)
class OrgEvidence:
    """What the scans say about every assessment that has one.

    Attributes:
        judgements: assessment id → its verdicts.
        bounds: one row per contradicted answer: assessment_id, question_id, bound.
        supported: one row per supported answer: assessment_id, question_id.
    """

    judgements: dict[Hashable, Judgement]
    bounds: pd.DataFrame
    supported: pd.DataFrame

    def contradicted(self, assessment_id: Hashable) -> int | None:
        """How many answers the scan contradicts; None without a scan."""
        judgement = self.judgements.get(assessment_id)
        return None if judgement is None else len(judgement.contradicted)

    def only(self, assessment_ids: Iterable[Hashable]) -> OrgEvidence:
        """The same verdicts for these assessments alone (e.g. one period's out of the
        history's), without judging anything again."""
        ids = set(assessment_ids)
        return OrgEvidence(
            {aid: j for aid, j in self.judgements.items() if aid in ids},
            self.bounds[self.bounds["assessment_id"].isin(ids)].reset_index(drop=True),
            self.supported[self.supported["assessment_id"].isin(ids)].reset_index(drop=True),
        )


def org_evidence(
    answers: pd.DataFrame,
    scans: Mapping[Any, Scan],
    rules: Sequence[EvidenceRule],
    today: date | None = None,
    valid_days: Mapping[str, int] | None = None,
) -> OrgEvidence:
    """Judge every assessment that has a scan, from the long-form answer frame.

    Args:
        answers: long form (`assessment_id, question_id, kind, value, has_evidence`).
        scans: assessment id → the scan to hold its answers against.
        rules: the evidence rules.
        today: the date expiry is judged on.
        valid_days: question id → how long its evidence stays valid.
    """
    rows = answers[answers["assessment_id"].isin(list(scans))]
    values: dict[Hashable, dict[str, int | None]] = {aid: {} for aid in scans}
    for aid, question, kind, value in zip(
        rows["assessment_id"], rows["question_id"], rows["kind"], rows["value"], strict=True
    ):
        values[aid][question] = int(value) if kind == AnswerKind.VALUE.value else None
    judgements = {
        aid: judge(values[aid], scans[aid].facts, rules, today, valid_days) for aid in scans
    }
    bounds = [
        (aid, question, bound)
        for aid, judgement in judgements.items()
        for question, bound in sorted(judgement.bounds.items())
    ]
    supported = [
        (aid, question)
        for aid, judgement in judgements.items()
        for question in sorted(judgement.supported)
    ]
    return OrgEvidence(
        judgements,
        pd.DataFrame(bounds, columns=list(BOUND_COLUMNS)),
        pd.DataFrame(supported, columns=list(SUPPORTED_COLUMNS)),
    )


def evidence_frame(evidence: OrgEvidence) -> pd.DataFrame:
    """The evidence input of `score_org` (scoring.frames.EVIDENCE_COLUMNS)."""
    bounds = evidence.bounds.assign(supported=False)
    supported = evidence.supported.assign(bound=float("nan"), supported=True)
    frame = pd.concat([bounds, supported], ignore_index=True)
    frame["bound"] = frame["bound"].astype("float64")
    frame["supported"] = frame["supported"].astype(bool)
    return frame[list(EVIDENCE_COLUMNS)]


def snapshot_evidence(
    snapshot: PeriodSnapshot,
    scans: Mapping[str, Scan],
    rules: Sequence[EvidenceRule],
    today: date | None = None,
    valid_days: Mapping[str, int] | None = None,
) -> OrgEvidence:
    """Each submitting team's latest assessment held against its scan (team slug → scan)."""
    by_assessment = {
        t.latest.id: scans[t.team.slug]
        for t in snapshot.teams
        if t.latest is not None and t.team.slug in scans
    }
    return org_evidence(snapshot.answers, by_assessment, rules, today, valid_days)


def history_evidence(
    history: OrgHistory,
    scans: Mapping[tuple[str, str], Scan],
    rules: Sequence[EvidenceRule],
    today: date | None = None,
    valid_days: Mapping[str, int] | None = None,
) -> OrgEvidence:
    """Every period's latest submissions held against that period's scans ((period, team) →
    scan)."""
    frame = history.assessments
    by_assessment = {
        aid: scans[(period, team)]
        for aid, period, team in zip(
            frame["assessment_id"], frame["period"], frame["team_slug"], strict=True
        )
        if (period, team) in scans
    }
    return org_evidence(history.answers, by_assessment, rules, today, valid_days)


ScansOf = Callable[[str], Mapping[str, Scan]]
"""period → team slug → the team's latest scan in that period."""


def period_evidence(
    snapshot: PeriodSnapshot,
    scans_of: ScansOf,
    content: Content,
    today: date,
    data_dir: Path | None = None,
) -> OrgEvidence:
    """The evidence of a period snapshot, judged by the default rules on `today`."""
    return snapshot_evidence(
        snapshot,
        scans_of(snapshot.period),
        default_evidence_rules(data_dir).rules,
        today,
        valid_days(content),
    )


def all_periods_evidence(
    history: OrgHistory,
    scans_of: ScansOf,
    content: Content,
    today: date,
    data_dir: Path | None = None,
) -> OrgEvidence:
    """The evidence of every period in the history (one read per period)."""
    periods = sorted(set(history.assessments["period"]))
    scans = {(period, team): scan for period in periods for team, scan in scans_of(period).items()}
    return history_evidence(
        history, scans, default_evidence_rules(data_dir).rules, today, valid_days(content)
    )
