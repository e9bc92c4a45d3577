"""Long-form answer frames, and the dense matrices the vectorised scoring works on."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

from scoring.model import AnswerKind, AssessmentInput

ANSWER_COLUMNS = ("assessment_id", "question_id", "kind", "value", "has_evidence")
REMOVED_COLUMNS = ("assessment_id", "chain_id")

KIND_ORDER = (
    AnswerKind.VALUE,
    AnswerKind.NOT_APPLICABLE,
    AnswerKind.DONT_KNOW,
    AnswerKind.UNANSWERED,
)
VALUE, NOT_APPLICABLE, DONT_KNOW, UNANSWERED = range(len(KIND_ORDER))
"""Codes of the answer kinds in an `AnswerMatrix`."""

AssessmentId = TypeVar("AssessmentId", bound=Hashable)


@dataclass(frozen=True)
class AnswerMatrix:
    """Answers as assessments × questions arrays, columns in questionnaire order.

    Attributes:
        kind: int8 codes (VALUE, NOT_APPLICABLE, DONT_KNOW, UNANSWERED).
        value: the answered value where `kind` is VALUE, else 0.
        evidence: whether an evidence link backs the answer.
    """

    kind: np.ndarray
    value: np.ndarray
    evidence: np.ndarray


def inputs_to_frames(
    inputs: Mapping[AssessmentId, AssessmentInput],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long-form answers and removed-chain frames for `score_org`, from per-assessment inputs."""
    answer_rows = [
        (assessment_id, question_id, str(answer.kind), answer.value, answer.has_evidence)
        for assessment_id, assessment in inputs.items()
        for question_id, answer in assessment.answers.items()
    ]
    removed_rows = [
        (assessment_id, chain_id)
        for assessment_id, assessment in inputs.items()
        for chain_id in sorted(assessment.removed_chains)
    ]
    answers = pd.DataFrame(
        {
            "assessment_id": _object_array(row[0] for row in answer_rows),
            "question_id": pd.Series([row[1] for row in answer_rows], dtype=object),
            "kind": pd.Series([row[2] for row in answer_rows], dtype=object),
            "value": pd.Series(
                [np.nan if row[3] is None else row[3] for row in answer_rows], dtype="float64"
            ),
            "has_evidence": pd.Series([row[4] for row in answer_rows], dtype=bool),
        }
    )
    removed = pd.DataFrame(
        {
            "assessment_id": _object_array(row[0] for row in removed_rows),
            "chain_id": pd.Series([row[1] for row in removed_rows], dtype=object),
        }
    )
    return answers, removed


def assessment_index(
    answers: pd.DataFrame,
    removed: pd.DataFrame,
    assessment_ids: Sequence[Hashable] | None,
) -> pd.Index:
    """The assessments to score, in order: the given ids, else every id in either frame."""
    _require_columns(answers, ANSWER_COLUMNS, "answers")
    _require_columns(removed, REMOVED_COLUMNS, "removed")
    if assessment_ids is None:
        seen = pd.concat([answers["assessment_id"], removed["assessment_id"]], ignore_index=True)
        ids = pd.Index(pd.unique(seen.astype(object)), dtype=object, tupleize_cols=False)
    else:
        ids = pd.Index(_object_array(assessment_ids), dtype=object, tupleize_cols=False)
    if not ids.is_unique:
        duplicated = list(ids[ids.duplicated()].unique()[:5])
        raise ValueError(f"assessment ids must be unique; repeated: {duplicated}")
    return ids.rename("assessment_id")


def answer_matrix(
    answers: pd.DataFrame, ids: pd.Index, question_ids: Sequence[str]
) -> AnswerMatrix:
    """Spread long-form answers into dense arrays; missing answers are unanswered."""
    n, q = len(ids), len(question_ids)
    rows = positions(answers["assessment_id"], ids)
    cols = positions(answers["question_id"], pd.Index(list(question_ids), dtype=object))
    codes = positions(answers["kind"], pd.Index([str(k) for k in KIND_ORDER], dtype=object))
    if (codes < 0).any():
        unknown = sorted({str(k) for k in answers["kind"][codes < 0]})
        raise ValueError(
            f"unknown answer kind(s) {unknown}; use one of {[str(k) for k in KIND_ORDER]}"
        )
    values = answers["value"].to_numpy(dtype="float64", na_value=np.nan)
    evidence = answers["has_evidence"].to_numpy(dtype=bool, na_value=False)
    if np.isnan(values[codes == VALUE]).any():
        raise ValueError("an answer of kind 'value' has no value")

    # Rows for other assessments or unknown questions are ignored.
    keep = (rows >= 0) & (cols >= 0)
    rows, cols, codes = rows[keep], cols[keep], codes[keep]
    values, evidence = values[keep], evidence[keep]
    cells = rows * q + cols
    if cells.size and np.bincount(cells, minlength=n * q).max() > 1:
        raise ValueError("an assessment answers the same question twice")

    kind = np.full((n, q), UNANSWERED, dtype=np.int8)
    value = np.zeros((n, q), dtype="float64")
    has_evidence = np.zeros((n, q), dtype=bool)
    kind[rows, cols] = codes
    value[rows, cols] = np.where(codes == VALUE, values, 0.0)
    has_evidence[rows, cols] = evidence
    return AnswerMatrix(kind=kind, value=value, evidence=has_evidence)


def removed_matrix(removed: pd.DataFrame, ids: pd.Index, chain_ids: Sequence[str]) -> np.ndarray:
    """A boolean assessments × chains array: True where the team marked the chain removed."""
    matrix = np.zeros((len(ids), len(chain_ids)), dtype=bool)
    rows = positions(removed["assessment_id"], ids)
    cols = positions(removed["chain_id"], pd.Index(list(chain_ids), dtype=object))
    keep = (rows >= 0) & (cols >= 0)
    matrix[rows[keep], cols[keep]] = True
    return matrix


def positions(column: pd.Series, labels: pd.Index) -> np.ndarray:
    """Each value's position in `labels`, -1 where it is not there (or missing)."""
    # Hash each distinct value once: a column has far fewer distinct values than rows.
    codes, uniques = pd.factorize(column)
    found = labels.get_indexer(uniques) if len(uniques) else np.empty(0, dtype=np.intp)
    return np.where(codes >= 0, found[codes], -1)


def _object_array(values: Iterable[Hashable]) -> np.ndarray:
    # `fromiter` keeps tuple ids whole instead of turning them into a 2-D array.
    return np.fromiter(values, dtype=object)


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks column(s) {missing}; expected {list(columns)}")
