"""Long-form answer frames, and the dense matrices the vectorised scoring works on."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from scoring import rules
from scoring.model import AnswerKind, AssessmentInput

ANSWER_COLUMNS = ("assessment_id", "question_id", "kind", "value", "has_evidence")
"""The long-form answer frame `score_org` reads: one row per given answer.

`kind` is an AnswerKind value; `value` a float, NaN unless kind is "value"; a missing row is
unanswered. `answer_frame` builds it, for the app (from stored answers) and for
`inputs_to_frames` (from scoring inputs) alike.
"""
REMOVED_COLUMNS = ("assessment_id", "chain_id")
EVIDENCE_COLUMNS = ("assessment_id", "question_id", "bound", "supported")
"""The long-form evidence frame: per answer the facts judged, its bound (NaN: none) and whether
the facts support it. Rows for answers no fact speaks to may be left out."""
"""The long-form removed-chain frame: one row per chain a team marked removed."""

KIND_ORDER = (
    AnswerKind.VALUE,
    AnswerKind.NOT_APPLICABLE,
    AnswerKind.DONT_KNOW,
    AnswerKind.UNANSWERED,
)
VALUE, NOT_APPLICABLE, DONT_KNOW, UNANSWERED = range(len(KIND_ORDER))
"""Codes of the answer kinds in an `AnswerMatrix`."""
KIND_CODE = {kind: code for code, kind in enumerate(KIND_ORDER)}
_KIND_NAMES = np.array([kind.value for kind in KIND_ORDER], dtype=object)

AnswerFacts = tuple[Hashable, str, int | None, bool, bool, bool]
"""One stored answer: (assessment_id, question_id, value, is_not_applicable, dont_know,
has_evidence); `value` is None unless a value was given."""

AssessmentId = TypeVar("AssessmentId", bound=Hashable)
_RUN_SAMPLE = 1024


def answer_kind_code(has_value: Any, not_applicable: Any) -> Any:
    """An answer's kind code: VALUE if a value is given, else NOT_APPLICABLE if marked so,
    else DONT_KNOW (an answer row that is neither is "don't know").

    Works on one answer's booleans and on boolean arrays alike (booleans count as 0 and 1).
    """
    not_given = DONT_KNOW + (NOT_APPLICABLE - DONT_KNOW) * not_applicable
    return VALUE + (not_given - VALUE) * (1 - has_value)


def answer_kind(has_value: bool, not_applicable: bool) -> AnswerKind:
    """One answer's kind, by `answer_kind_code`."""
    return KIND_ORDER[answer_kind_code(has_value, not_applicable)]


@dataclass(frozen=True)
class AnswerMatrix:
    """Answers as assessments × questions arrays, columns in questionnaire order.

    Attributes:
        kind: int8 codes (VALUE, NOT_APPLICABLE, DONT_KNOW, UNANSWERED).
        value: the answered value where `kind` is VALUE, else 0.
        evidence: whether an evidence link (or a supporting configuration fact) backs it.
        contradicted: whether configuration facts bound the answer below what was given
            (`value` then holds the bound); None when no evidence was applied.
    """

    kind: np.ndarray
    value: np.ndarray
    evidence: np.ndarray
    contradicted: np.ndarray | None = None


def answer_frame(facts: Iterable[AnswerFacts]) -> pd.DataFrame:
    """The long-form answer frame (ANSWER_COLUMNS) from stored answers; derives each kind."""
    ids, questions, values, not_applicable, _dont_know, evidence = _columns(facts, 6)
    return answer_frame_of(ids, questions, values, not_applicable, evidence)


def answer_frame_of(
    ids: Sequence[Hashable],
    questions: Sequence[str],
    values: Sequence[int | float | None],
    not_applicable: Sequence[bool] | np.ndarray,
    evidence: Sequence[bool] | np.ndarray,
) -> pd.DataFrame:
    """`answer_frame` from its columns: an org's history read column by column needs no tuple
    per answer. `values` holds None (or NaN) where no value was given."""
    value = np.array(values, dtype="float64")  # None becomes NaN
    kind = answer_kind_code(~np.isnan(value), np.asarray(not_applicable, dtype=bool))
    columns = {
        "assessment_id": _id_series(list(ids)),
        "question_id": pd.Series(questions, dtype="object"),
        # Indexing one array of names: every row shares the same few strings.
        "kind": pd.Series(_KIND_NAMES[kind], dtype="object"),
        "value": pd.Series(value, dtype="float64"),
        "has_evidence": pd.Series(evidence, dtype="bool"),
    }
    return pd.DataFrame(columns, columns=list(ANSWER_COLUMNS))


def removed_frame(pairs: Iterable[tuple[Hashable, str]]) -> pd.DataFrame:
    """The long-form removed-chain frame (REMOVED_COLUMNS) from (assessment_id, chain_id)."""
    ids, chains = _columns(pairs, 2)
    columns = {
        "assessment_id": _id_series(ids),
        "chain_id": pd.Series(chains, dtype="object"),
    }
    return pd.DataFrame(columns, columns=list(REMOVED_COLUMNS))


def inputs_to_frames(
    inputs: Mapping[AssessmentId, AssessmentInput],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Answer and removed-chain frames for `score_org` from scoring inputs, by the app's builder.

    An answer of kind "unanswered" gets no row: a missing row means the same.
    """
    facts = [
        (
            assessment_id,
            question_id,
            answer.value if answer.kind is AnswerKind.VALUE else None,
            answer.kind is AnswerKind.NOT_APPLICABLE,
            answer.kind is AnswerKind.DONT_KNOW,
            answer.has_evidence,
        )
        for assessment_id, assessment in inputs.items()
        for question_id, answer in assessment.answers.items()
        if answer.kind is not AnswerKind.UNANSWERED
    ]
    removed = [
        (assessment_id, chain_id)
        for assessment_id, assessment in inputs.items()
        for chain_id in sorted(assessment.removed_chains)
    ]
    return answer_frame(facts), removed_frame(removed)


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
        what = "an unknown answer kind" if len(unknown) == 1 else "unknown answer kinds"
        raise ValueError(f"{what} {unknown}; use one of {[str(k) for k in KIND_ORDER]}")
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


def evidence_matrices(
    evidence: pd.DataFrame, ids: pd.Index, question_ids: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The evidence frame as assessments × questions arrays: bounds (NO_BOUND where none) and
    supported flags; rows for other assessments or unknown questions are ignored."""
    bound = np.full((len(ids), len(question_ids)), float(rules.NO_BOUND))
    supported = np.zeros((len(ids), len(question_ids)), dtype=bool)
    rows = positions(evidence["assessment_id"], ids)
    cols = positions(evidence["question_id"], pd.Index(list(question_ids), dtype=object))
    keep = (rows >= 0) & (cols >= 0)
    values = evidence["bound"].to_numpy(dtype="float64", na_value=np.nan)[keep]
    bound[rows[keep], cols[keep]] = np.where(np.isnan(values), float(rules.NO_BOUND), values)
    supported[rows[keep], cols[keep]] = evidence["supported"].to_numpy(dtype=bool)[keep]
    return bound, supported


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
    values = column.to_numpy()
    # Rows often come in runs of equal values (an assessment's answers together, mostly
    # values): hashing one value per run costs far less than hashing every row. A sample
    # tells whether runs are long enough to be worth finding.
    if _runs(values[:_RUN_SAMPLE]) > _RUN_SAMPLE // 4:
        return _lookup(values, labels)
    starts = _run_starts(values)
    if len(starts) > len(values) // 4:
        return _lookup(values, labels)
    lengths = np.diff(np.append(starts, len(values)))
    return np.repeat(_lookup(values[starts], labels), lengths)


def _run_starts(values: np.ndarray) -> np.ndarray:
    changed = values[1:] != values[:-1]
    return np.flatnonzero(np.concatenate((np.ones(min(len(values), 1), dtype=bool), changed)))


def _runs(values: np.ndarray) -> int:
    return len(_run_starts(values))


def _lookup(values: np.ndarray, labels: pd.Index) -> np.ndarray:
    # Hash each distinct value once: a column has far fewer distinct values than rows.
    codes, uniques = pd.factorize(values)
    found = labels.get_indexer(pd.Index(uniques)) if len(uniques) else np.empty(0, dtype=np.intp)
    return np.where(codes >= 0, found[codes], -1)


def _columns(rows: Iterable[Sequence[Any]], width: int) -> list[list[Any]]:
    # Column by column: a frame built from one dict or tuple per row costs several times more.
    table = rows if isinstance(rows, Sequence) else list(rows)
    return [[row[i] for row in table] for i in range(width)]


def _id_series(ids: list[Any]) -> pd.Series:
    # Integer ids (the app's) become int64; any other ids, tuples included, stay whole objects.
    if not ids or type(ids[0]) is int:
        try:
            return pd.Series(ids, dtype="int64")
        except (TypeError, ValueError, OverflowError):
            pass
    return pd.Series(_object_array(ids), dtype=object)


def _object_array(values: Iterable[Hashable]) -> np.ndarray:
    # `fromiter` keeps tuple ids whole instead of turning them into a 2-D array.
    return np.fromiter(values, dtype=object)


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        what = "a column" if len(missing) == 1 else "columns"
        raise ValueError(f"{name} frame lacks {what} {missing}; expected {list(columns)}")
