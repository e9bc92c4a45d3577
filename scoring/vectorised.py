"""Score a whole organisation history at once, with the rules of `score_assessment`.

Every rule of docs/scoring-model.md §§1-7 runs on assessments × questions arrays: loops go
over questions, pillars and chains, never over assessments. Sums accumulate question by
question in questionnaire order, the way the per-assessment engine adds them, so both give
the same floats.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring import rules
from scoring.conditions import holds as unlock_holds
from scoring.evidence import counted_matrix
from scoring.frames import (
    NOT_APPLICABLE,
    UNANSWERED,
    VALUE,
    AnswerMatrix,
    answer_matrix,
    assessment_index,
    inputs_to_frames,
    removed_matrix,
)
from scoring.model import (
    Catalogue,
    Rubric,
)
from scoring.pillars import AUTONOMY_BY_LEVEL
from scoring.results import ChainStatus

__all__ = ["inputs_to_frames", "score_org"]

_AUTONOMY = np.array([level.value for level in AUTONOMY_BY_LEVEL], dtype=object)
_STATUSES = rules.CHAIN_STATUSES
_STATUS_TEXT = np.array([s.value for s in _STATUSES], dtype=object)
_CODE = {status: code for code, status in enumerate(_STATUSES)}
_BANDS = np.array([band.value for band in rules.CONFIDENCE_BANDS], dtype=object)


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
    evidence: pd.DataFrame | None = None,
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
        evidence: columns assessment_id, question_id, bound (NaN: none), supported: what
            configuration facts say of each answer; a contradicted answer counts at its bound
            everywhere and earns no confidence, a supported one counts as evidenced.

    Returns:
        A frame indexed by assessment_id with `score:<pillar>`, `level:<pillar>`,
        `overall_level`, `weakest_pillar`, `confidence`, `confidence_band`, `autonomy`,
        `status:<chain>` for every chain, `next_chain` (None when there is none) and `alerts`
        (the number of chains removed too early).
    """
    ids = assessment_index(answers, removed, assessment_ids)
    question_ids = [q.id for q in rubric.questions]
    matrix = answer_matrix(answers, ids, question_ids)
    if evidence is not None:
        matrix = counted_matrix(matrix, evidence, ids, question_ids)
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
    columns["confidence_band"] = _BANDS[rules.confidence_band_index(confidence)]
    top = rubric.top_level
    autonomy = rules.autonomy_index(np.clip(overall, 0, top), top)
    for k, chain in enumerate(catalogue.chains):
        if chain.autonomy_cap is not None:
            applies = status[:, k] != _CODE[ChainStatus.REMOVED]
            autonomy = rules.capped_autonomy_index(autonomy, chain.autonomy_cap, applies)
    columns["autonomy"] = _AUTONOMY[autonomy]
    for k, chain in enumerate(catalogue.chains):
        columns[f"status:{chain.id}"] = _STATUS_TEXT[status[:, k]]
    # Object dtype keeps None (pandas would turn it into NaN in a string column).
    columns["next_chain"] = pd.Series(next_chain, index=ids, dtype=object)
    columns["alerts"] = (status == _CODE[ChainStatus.REMOVED_TOO_EARLY]).sum(axis=1)
    return pd.DataFrame(columns, index=ids)


def _score_pillars(rubric: Rubric, matrix: AnswerMatrix) -> _Pillars:
    """Weighted partial credit per pillar, then the level: score level capped by criticals."""
    n, questions = matrix.kind.shape[0], rubric.questions
    weights = np.array([q.weight for q in questions], dtype="float64")
    maxima = np.array([q.max_value for q in questions], dtype="float64")
    applicable = matrix.kind != NOT_APPLICABLE
    top = rubric.top_level
    is_value = matrix.kind == VALUE
    credited = rules.within_scale(rules.credited_value(is_value, matrix.value), maxima)
    terms = rules.answer_credit(weights, credited, maxima)
    own_caps = rules.critical_cap(credited, maxima, top)
    for j, question in enumerate(questions):
        # Per-option tables, where the questionnaire sets them, looked up column by column.
        if question.credits is None and question.caps is None:
            continue
        index = credited[:, j].astype(int)
        if question.credits is not None:
            terms[:, j] = rules.table_credit(question.weight, np.asarray(question.credits)[index])
        if question.caps is not None:
            own_caps[:, j] = np.where(is_value[:, j], np.asarray(question.caps)[index], 0)
    # Questions × assessments, so each question's terms are one contiguous row to add.
    terms = np.ascontiguousarray(terms.T)
    applied = np.ascontiguousarray((applicable * weights).T)
    # Not applicable never caps: such answers allow the top level.
    caps = np.where(applicable, own_caps, top).astype(int)
    credit = np.zeros((n, len(rubric.pillars)))
    weight = np.zeros((n, len(rubric.pillars)))
    cap = np.full((n, len(rubric.pillars)), top)
    pillar = {p.id: k for k, p in enumerate(rubric.pillars)}
    for j, question in enumerate(questions):
        # One question at a time, in questionnaire order: the per-assessment engine's sum.
        k = pillar.get(question.pillar)
        if k is None:
            continue  # a question of no listed pillar scores nowhere
        credit[:, k] += terms[j]
        weight[:, k] += applied[j]
        if question.critical:
            np.minimum(cap[:, k], caps[:, j], out=cap[:, k])
    score = rules.pillar_score(credit, weight)
    level = np.minimum(rules.score_level(score, rubric.level_thresholds), cap)
    return _Pillars(score=score, level=level)


def _weakest_pillar(rubric: Rubric, pillars: _Pillars) -> np.ndarray:
    """Lowest level; ties to the lower score, then to questionnaire order."""
    n = pillars.level.shape[0]
    if not rubric.pillars:
        return np.full(n, "", dtype=object)
    lowest = pillars.level == pillars.level.min(axis=1, keepdims=True)
    scores = np.where(lowest, pillars.score, np.inf)
    candidates = lowest & (scores == scores.min(axis=1, keepdims=True))
    ids = np.array([p.id for p in rubric.pillars], dtype=object)
    weakest: np.ndarray = ids[candidates.argmax(axis=1)]
    return weakest


def _confidence(rubric: Rubric, matrix: AnswerMatrix) -> np.ndarray:
    """Weighted share of trustworthy answers over all applicable questions (0 if none)."""
    n = matrix.kind.shape[0]
    weights = np.array([q.weight for q in rubric.questions], dtype="float64")
    contradicted = False if matrix.contradicted is None else matrix.contradicted
    per_answer = rules.answer_confidence(
        matrix.kind == VALUE, matrix.value, matrix.evidence, contradicted
    )
    terms = np.ascontiguousarray((weights * per_answer).T)
    applied = np.ascontiguousarray(((matrix.kind != NOT_APPLICABLE) * weights).T)
    trusted = np.zeros(n)
    weight = np.zeros(n)
    for j in range(len(rubric.questions)):
        trusted += terms[j]
        weight += applied[j]
    confidence: np.ndarray = rules.weighted_confidence(trusted, weight)
    return confidence


class _OrgFacts:
    """The `Facts` unlock conditions are checked against, as arrays over every assessment."""

    def __init__(
        self,
        rubric: Rubric,
        matrix: AnswerMatrix,
        pillars: _Pillars,
        marked: Callable[[str], np.ndarray],
    ) -> None:
        self._question = {q.id: j for j, q in enumerate(rubric.questions)}
        self._pillar = {p.id: j for j, p in enumerate(rubric.pillars)}
        self._matrix = matrix
        self._pillars = pillars
        self._marked = marked
        self._n = matrix.kind.shape[0]

    def answer(self, question_id: str) -> tuple[np.ndarray, np.ndarray]:
        j = self._question.get(question_id)
        if j is None:
            # A question the rubric lacks is unanswered, as in the per-assessment engine.
            return np.full(self._n, UNANSWERED), np.zeros(self._n)
        return self._matrix.kind[:, j], self._matrix.value[:, j]

    def pillar_level(self, pillar_id: str) -> np.ndarray:
        k = self._pillar.get(pillar_id)
        # An unknown pillar has level 0, as in the per-assessment engine.
        return np.zeros(self._n, dtype=int) if k is None else self._pillars.level[:, k]

    def chain_removed(self, chain_id: str) -> np.ndarray:
        return self._marked(chain_id)

    def always(self, flag: bool) -> np.ndarray:
        return np.full(self._n, flag)


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
    marked = removed_matrix(removed, ids, [c.id for c in chains])
    column = {c.id: k for k, c in enumerate(chains)}

    def marked_chain(chain_id: str) -> np.ndarray:
        # Conditions may name chains the catalogue lacks; the team's marks count for those too.
        if chain_id in column:
            return marked[:, column[chain_id]]
        return removed_matrix(removed, ids, [chain_id])[:, 0]

    facts = _OrgFacts(rubric, matrix, pillars, marked_chain)
    pillar_ids = [p.id for p in rubric.pillars]
    status = np.zeros((n, len(chains)), dtype=np.int8)
    for k, chain in enumerate(chains):
        # A permanent chain's conditions never matter, so they are not checked.
        condition = rules.unlock_condition(chain, pillar_ids)
        unlocked = True if chain.permanent or condition is None else unlock_holds(condition, facts)
        status[:, k] = rules.chain_status_code(marked[:, k], unlocked, chain.permanent)

    next_chain = np.full(n, None, dtype=object)
    if not chains:
        return status, next_chain
    ranked = sorted(range(len(chains)), key=lambda k: rules.rank_key(chains[k]))
    eligible = status[:, ranked] == _CODE[ChainStatus.ELIGIBLE]
    alerted = (status == _CODE[ChainStatus.REMOVED_TOO_EARLY]).any(axis=1)
    has_next = eligible.any(axis=1) & ~alerted
    first = np.asarray(ranked)[eligible.argmax(axis=1)]
    rows = np.flatnonzero(has_next)
    status[rows, first[rows]] = _CODE[ChainStatus.NEXT]
    next_chain[rows] = np.array([c.id for c in chains], dtype=object)[first[rows]]
    return status, next_chain
