"""Verdicts across an organisation: each team's latest answers against its latest scan."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from assessments.evidence.facts import Scan
from assessments.evidence.rules import EvidenceRule
from assessments.evidence.verdicts import Judgement, judge
from scoring import AnswerKind

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
