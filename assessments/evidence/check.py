"""Hold one team's answers against a scan: verdicts, and the score with and without them."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assessments.content.answers import AnswerSheet
from assessments.content.in_force import Content, default_questionnaire
from assessments.evidence.facts import Scan
from assessments.evidence.github_live import GitHubAccess
from assessments.evidence.rule_checks import DEFAULT_RULES_NAME, load_evidence_rules
from assessments.evidence.rules import EvidenceRule, EvidenceRules
from assessments.evidence.scan import scan_paths
from assessments.evidence.verdicts import Judgement, judge
from assessments.settings import DEFAULT_DATA_DIR, Settings
from scoring import AnswerKind, AssessmentInput, score_assessment
from scoring.evidence import EvidenceBounds
from scoring.results import AssessmentResult


@dataclass(frozen=True)
class EvidenceCheck:
    """A scan, and for an answers file: the verdicts and the team's result both ways.

    Attributes:
        scan: the facts found and the problems with unreadable files.
        judgement: the verdicts (None without answers).
        claimed: the result on the answers alone (None without answers).
        evidenced: the result with contradicted answers counted at their bounds.
    """

    scan: Scan
    judgement: Judgement | None = None
    claimed: AssessmentResult | None = None
    evidenced: AssessmentResult | None = None


def default_evidence_rules_path(data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """The evidence rules beside the questionnaire, in the data folder."""
    return data_dir / DEFAULT_RULES_NAME


def default_evidence_rules(data_dir: Path | None = None) -> EvidenceRules:
    """The evidence rules of `data_dir` (default: the settings' data folder), checked against
    its questionnaire; loaded once per folder and process."""
    return _rules_in(Settings.from_environment().data_dir if data_dir is None else data_dir)


@functools.lru_cache(maxsize=4)
def _rules_in(data_dir: Path) -> EvidenceRules:
    questionnaire = default_questionnaire(data_dir)
    path = default_evidence_rules_path(data_dir)
    if not path.exists():
        # A data folder without evidence rules (an organisation's own model): no answer is
        # bounded. Built without validation, which asks a rules file for at least one rule.
        return EvidenceRules.model_construct(
            questionnaire=questionnaire.id, version=questionnaire.version, rules=()
        )
    return load_evidence_rules(path, questionnaire)


def valid_days(content: Content) -> dict[str, int]:
    """Question id → how long its evidence stays valid, for questions that say so."""
    return {
        q.id: q.evidence_valid_days
        for q in content.questionnaire.questions
        if q.evidence_valid_days is not None
    }


def answer_values(assessment: AssessmentInput) -> dict[str, int | None]:
    """The value of each answer (None for not applicable, don't know and unanswered)."""
    return {
        qid: answer.value if answer.kind is AnswerKind.VALUE else None
        for qid, answer in assessment.answers.items()
    }


def evidence_bounds(judgement: Judgement) -> EvidenceBounds:
    """What scoring takes from the verdicts."""
    return EvidenceBounds(bounds=dict(judgement.bounds), supported=judgement.supported)


def hold_answers(
    content: Content,
    assessment: AssessmentInput,
    scan: Scan,
    rules: Sequence[EvidenceRule],
    now: datetime,
) -> tuple[Judgement, AssessmentResult, AssessmentResult]:
    """The verdicts, the result on the answers alone, and the result with the evidence."""
    judgement = judge(answer_values(assessment), scan.facts, rules, now.date(), valid_days(content))
    claimed = score_assessment(content.rubric, content.scoring_catalogue, assessment)
    evidenced = score_assessment(
        content.rubric, content.scoring_catalogue, assessment, evidence_bounds(judgement)
    )
    return judgement, claimed, evidenced


def check_evidence(
    paths: Sequence[Path],
    now: datetime,
    content: Content,
    sheet: AnswerSheet | None = None,
    github_json: Path | None = None,
    github: tuple[GitHubAccess, str] | None = None,
    rules: EvidenceRules | None = None,
    data_dir: Path | None = None,
) -> EvidenceCheck:
    """Scan `paths` (and GitHub settings); hold `sheet`'s answers against the facts."""
    scan = scan_paths(paths, now, github_json, github)
    if sheet is None:
        return EvidenceCheck(scan)
    rule_list = (rules or default_evidence_rules(data_dir)).rules
    judgement, claimed, evidenced = hold_answers(content, sheet.to_scoring(), scan, rule_list, now)
    return EvidenceCheck(scan, judgement, claimed, evidenced)
