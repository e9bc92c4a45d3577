"""Score a whole organisation history at once, with the rules of `score_assessment`.

Every rule of docs/scoring-model.md §§1-7 runs on assessments × questions arrays: loops go
over questions, pillars and chains, never over assessments. Sums accumulate question by
question in questionnaire order, the way the per-assessment engine adds them, so both give
the same floats.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.confidence import HIGH_CONFIDENCE, MEDIUM_CONFIDENCE
from scoring.frames import (
    NOT_APPLICABLE,
    VALUE,
    AnswerMatrix,
    answer_matrix,
    assessment_index,
    inputs_to_frames,
    removed_matrix,
)
from scoring.model import (
    MAX_LEVEL,
    SCORE_EPSILON,
    AllOf,
    AnyOf,
    Catalogue,
    ChainRemoved,
    Condition,
    MinAnswer,
    MinPillarLevel,
    Rubric,
)
from scoring.pillars import AUTONOMY_BY_LEVEL
from scoring.results import ChainStatus, ConfidenceBand

__all__ = ["inputs_to_frames", "score_org"]

_AUTONOMY = np.array([level.value for level in AUTONOMY_BY_LEVEL], dtype=object)
_STATUSES = tuple(ChainStatus)
_STATUS_TEXT = np.array([s.value for s in _STATUSES], dtype=object)
_CODE = {status: code for code, status in enumerate(_STATUSES)}


@dataclass(frozen=True)
class _Pillars:
    """Per-pillar scores and levels, assessments × pillars, columns in questionnaire order."""

    score: np.ndarray
    level: np.ndarray


def score_org(
    rubric: Rubric,
    catalogue: Catalogue,
    answers: pd.DataFrame,
    removed: pd.DataFrame,
    assessment_ids: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    """One row per assessment: pillar scores and levels, confidence, chain statuses, next chain.

    Args:
        rubric: the questionnaire's scoring view.
        catalogue: the chain catalogue's scoring view.
        answers: long form, columns assessment_id, question_id, kind (an AnswerKind value),
            value (float, NaN unless kind is "value") and has_evidence (bool). A missing row
            is unanswered; rows for unknown questions are ignored.
        removed: columns assessment_id, chain_id: the chains each team marked removed.
        assessment_ids: the assessments to score, in this order; default every id in either
            frame, in order of first appearance.

    Returns:
        A frame indexed by assessment_id with `score:<pillar>`, `level:<pillar>`,
        `overall_level`, `weakest_pillar`, `confidence`, `confidence_band`, `autonomy`,
        `status:<chain>` for every chain, `next_chain` (None when there is none) and `alerts`
        (the number of chains removed too early).
    """
    ids = assessment_index(answers, removed, assessment_ids)
    matrix = answer_matrix(answers, ids, [q.id for q in rubric.questions])
    pillars = _score_pillars(rubric, matrix)
    overall = pillars.level.min(axis=1) if rubric.pillars else np.zeros(len(ids), dtype=int)
    confidence = _confidence(rubric, matrix)
    status, next_chain = _chain_statuses(rubric, catalogue, matrix, pillars, removed, ids)

    columns: dict[str, object] = {}
    for j, pillar in enumerate(rubric.pillars):
        columns[f"score:{pillar.id}"] = pillars.score[:, j]
    for j, pillar in enumerate(rubric.pillars):
        columns[f"level:{pillar.id}"] = pillars.level[:, j]
    columns["overall_level"] = overall
    columns["weakest_pillar"] = _weakest_pillar(rubric, pillars)
    columns["confidence"] = confidence
    columns["confidence_band"] = np.select(
        [confidence >= HIGH_CONFIDENCE, confidence >= MEDIUM_CONFIDENCE],
        [ConfidenceBand.HIGH.value, ConfidenceBand.MEDIUM.value],
        ConfidenceBand.LOW.value,
    ).astype(object)
    top = rubric.top_level
    columns["autonomy"] = _AUTONOMY[MAX_LEVEL * np.clip(overall, 0, top) // max(top, 1)]
    for k, chain in enumerate(catalogue.chains):
        columns[f"status:{chain.id}"] = _STATUS_TEXT[status[:, k]]
    # Object dtype keeps None (pandas would turn it into NaN in a string column).
    columns["next_chain"] = pd.Series(next_chain, index=ids, dtype=object)
    columns["alerts"] = (status == _CODE[ChainStatus.REMOVED_TOO_EARLY]).sum(axis=1)
    return pd.DataFrame(columns, index=ids)


def _score_pillars(rubric: Rubric, matrix: AnswerMatrix) -> _Pillars:
    """Weighted partial credit per pillar, then the level: score level capped by criticals."""
    n = matrix.kind.shape[0]
    position = {q.id: j for j, q in enumerate(rubric.questions)}
    is_value = matrix.kind == VALUE
    applicable = matrix.kind != NOT_APPLICABLE
    scores = np.zeros((n, len(rubric.pillars)))
    levels = np.zeros((n, len(rubric.pillars)), dtype=int)
    for p, pillar in enumerate(rubric.pillars):
        credit = np.zeros(n)
        weight = np.zeros(n)
        cap = np.full(n, rubric.top_level)
        for question in rubric.questions_of(pillar.id):
            j = position[question.id]
            # A value beyond the scale counts as its top, as in the per-assessment engine.
            value = np.minimum(matrix.value[:, j], question.max_value)
            index = np.where(is_value[:, j], value, 0).astype(int)
            if question.credits is None:
                term = question.weight * value / question.max_value
            else:
                term = question.weight * np.asarray(question.credits)[index]
            credit = credit + np.where(is_value[:, j], term, 0.0)
            weight = weight + np.where(applicable[:, j], question.weight, 0.0)
            if question.critical:
                # Don't know and unanswered cap at 0; not applicable does not cap.
                if question.caps is None:
                    floor = np.floor(rubric.top_level * value / question.max_value).astype(int)
                else:
                    floor = np.asarray(question.caps)[index]
                own = np.where(is_value[:, j], floor, 0)
                cap = np.where(applicable[:, j], np.minimum(cap, own), cap)
        score = np.zeros(n)
        np.divide(100 * credit, weight, out=score, where=weight > 0)
        np.minimum(score, 100.0, out=score)
        score_level = np.zeros(n, dtype=int)
        for level, threshold in enumerate(rubric.level_thresholds, start=1):
            score_level = np.where(score + SCORE_EPSILON >= threshold, level, score_level)
        scores[:, p] = score
        levels[:, p] = np.minimum(score_level, cap)
    return _Pillars(score=scores, level=levels)


def _weakest_pillar(rubric: Rubric, pillars: _Pillars) -> np.ndarray:
    """Lowest level; ties to the lower score, then to questionnaire order."""
    n = pillars.level.shape[0]
    if not rubric.pillars:
        return np.full(n, "", dtype=object)
    lowest = pillars.level == pillars.level.min(axis=1, keepdims=True)
    scores = np.where(lowest, pillars.score, np.inf)
    candidates = lowest & (scores == scores.min(axis=1, keepdims=True))
    ids = np.array([p.id for p in rubric.pillars], dtype=object)
    return ids[candidates.argmax(axis=1)]


def _confidence(rubric: Rubric, matrix: AnswerMatrix) -> np.ndarray:
    """Weighted share of trustworthy answers over all applicable questions (0 if none)."""
    n = matrix.kind.shape[0]
    is_value = matrix.kind == VALUE
    trusted = np.where(matrix.evidence | (matrix.value == 0), 1.0, 0.5)
    per_answer = np.where(is_value, trusted, 0.0)
    applicable = matrix.kind != NOT_APPLICABLE
    credit = np.zeros(n)
    weight = np.zeros(n)
    for j, question in enumerate(rubric.questions):
        credit = credit + np.where(applicable[:, j], question.weight * per_answer[:, j], 0.0)
        weight = weight + np.where(applicable[:, j], question.weight, 0.0)
    confidence = np.zeros(n)
    np.divide(credit, weight, out=confidence, where=weight > 0)
    return confidence


class _Conditions:
    """Evaluates unlock conditions for every assessment at once."""

    def __init__(
        self,
        rubric: Rubric,
        matrix: AnswerMatrix,
        pillars: _Pillars,
        marked: Mapping[str, np.ndarray],
    ) -> None:
        self._question = {q.id: j for j, q in enumerate(rubric.questions)}
        self._pillar = {p.id: j for j, p in enumerate(rubric.pillars)}
        self._matrix = matrix
        self._pillars = pillars
        self._marked = marked

    def holds(self, condition: Condition) -> np.ndarray:
        """A boolean array: does `condition` hold for each assessment?"""
        n = self._matrix.kind.shape[0]
        if isinstance(condition, MinPillarLevel):
            if condition.pillar not in self._pillar:
                # An unknown pillar has level 0, as in the per-assessment engine.
                return np.full(n, condition.level <= 0)
            return self._pillars.level[:, self._pillar[condition.pillar]] >= condition.level
        if isinstance(condition, MinAnswer):
            if condition.question not in self._question:
                return np.zeros(n, dtype=bool)
            j = self._question[condition.question]
            kind = self._matrix.kind[:, j]
            return ((kind == VALUE) & (self._matrix.value[:, j] >= condition.value)) | (
                kind == NOT_APPLICABLE
            )
        if isinstance(condition, ChainRemoved):
            return self._marked.get(condition.chain, np.zeros(n, dtype=bool))
        if isinstance(condition, AllOf):
            result = np.ones(n, dtype=bool)
            for child in condition.conditions:
                result &= self.holds(child)
            return result
        result = np.zeros(n, dtype=bool)
        for child in condition.conditions:
            result |= self.holds(child)
        return result


def _chain_statuses(
    rubric: Rubric,
    catalogue: Catalogue,
    matrix: AnswerMatrix,
    pillars: _Pillars,
    removed: pd.DataFrame,
    ids: pd.Index,
) -> tuple[np.ndarray, np.ndarray]:
    """Status codes (assessments × chains) and the next chain id (or None) per assessment."""
    n, chains = len(ids), catalogue.chains
    # Conditions may name chains the catalogue lacks; the team's marks count for those too.
    chain_ids = list(dict.fromkeys([*(c.id for c in chains), *_named_chains(catalogue)]))
    every_mark = removed_matrix(removed, ids, chain_ids)
    conditions = _Conditions(
        rubric, matrix, pillars, dict(zip(chain_ids, every_mark.T, strict=True))
    )
    marked = every_mark[:, : len(chains)]
    status = np.zeros((n, len(chains)), dtype=np.int8)
    for k, chain in enumerate(chains):
        if chain.permanent:
            status[:, k] = np.where(
                marked[:, k], _CODE[ChainStatus.REMOVED_TOO_EARLY], _CODE[ChainStatus.PERMANENT]
            )
            continue
        holds = np.ones(n, dtype=bool) if chain.unlock is None else conditions.holds(chain.unlock)
        status[:, k] = np.select(
            [marked[:, k] & holds, marked[:, k], holds],
            [
                _CODE[ChainStatus.REMOVED],
                _CODE[ChainStatus.REMOVED_TOO_EARLY],
                _CODE[ChainStatus.ELIGIBLE],
            ],
            _CODE[ChainStatus.BLOCKED],
        )

    next_chain = np.full(n, None, dtype=object)
    if not chains:
        return status, next_chain
    ranked = sorted(
        range(len(chains)),
        key=lambda k: (chains[k].risk.rank, -chains[k].toil.rank, chains[k].order),
    )
    eligible = status[:, ranked] == _CODE[ChainStatus.ELIGIBLE]
    alerted = (status == _CODE[ChainStatus.REMOVED_TOO_EARLY]).any(axis=1)
    has_next = eligible.any(axis=1) & ~alerted
    first = np.asarray(ranked)[eligible.argmax(axis=1)]
    rows = np.flatnonzero(has_next)
    status[rows, first[rows]] = _CODE[ChainStatus.NEXT]
    next_chain[rows] = np.array([c.id for c in chains], dtype=object)[first[rows]]
    return status, next_chain


def _named_chains(catalogue: Catalogue) -> list[str]:
    """Every chain id that some unlock condition refers to."""

    def walk(condition: Condition | None) -> list[str]:
        if isinstance(condition, ChainRemoved):
            return [condition.chain]
        if isinstance(condition, AllOf | AnyOf):
            return [chain for child in condition.conditions for chain in walk(child)]
        return []

    return [chain for spec in catalogue.chains for chain in walk(spec.unlock)]
