"""Carry a long-form answer frame through a chain of migration maps, for a whole organisation.

`migration.migrate_chain` carries one assessment's answers. A trend maps thousands of them
(4,000 a quarter at 2,000 teams), and a new question's answer depends only on its sources'
answers: here each distinct combination of those is followed once, by the same
`migration.follow_link` that carries one assessment, and the result is spread to every
assessment that answered so. Pure: frames in, frames out.

Answers stand as small integer codes in an assessments × questions array: no answer, not
applicable, don't know, or a value with or without evidence. Only the presence of evidence
counts in scoring, so a migrated answer with evidence carries a stand-in link.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from assessments.content.answers import AnswerEntry, trusted_entry
from assessments.content.migration import follow_link
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from scoring.frames import ANSWER_COLUMNS
from scoring.model import AnswerKind

EVIDENCE_LINK = "https://evidence.invalid/"
"""Stands in for an evidence link when answers are migrated from frames (only its presence
counts in scoring)."""

ABSENT, NOT_APPLICABLE, DONT_KNOW, FIRST_VALUE = 0, 1, 2, 3
"""Answer codes; a value `v` is FIRST_VALUE + 2 * v, plus 1 with evidence."""
NOT_APPLICABLE_REASON = "not applicable"

Step = tuple[MigrationMap, Questionnaire, Questionnaire]


def migrate_frame(
    steps: Sequence[Step], answers: pd.DataFrame, assessment_ids: Sequence[Hashable]
) -> pd.DataFrame:
    """The answers of `assessment_ids`, given on the first step's old questionnaire, as they
    read on the last step's new one (frame contract `scoring.frames.ANSWER_COLUMNS`).

    Rows come by assessment (in the order given), then in the new questionnaire's order, as
    `migrate_chain` would carry each assessment's answers one by one.
    """
    rows = answers[answers["assessment_id"].isin(list(assessment_ids))]
    questions = list(pd.unique(rows["question_id"]))
    codes = answer_codes(rows, assessment_ids, questions)
    for migration, old, new in steps:
        codes, questions = _step(migration, old, new, codes, questions)
    return _frame(codes, assessment_ids, questions)


def answer_codes(
    rows: pd.DataFrame, assessment_ids: Sequence[Hashable], questions: Sequence[str]
) -> np.ndarray:
    """The answer frame's rows as an assessments × questions array of answer codes."""
    codes = np.zeros((len(assessment_ids), len(questions)), dtype=np.int64)
    if rows.empty:
        return codes
    row_of = {assessment_id: i for i, assessment_id in enumerate(assessment_ids)}
    column_of = {question: j for j, question in enumerate(questions)}
    at = np.array([row_of[a] for a in rows["assessment_id"].tolist()], dtype=np.int64)
    on = np.array([column_of[q] for q in rows["question_id"].tolist()], dtype=np.int64)
    kind = rows["kind"].to_numpy(dtype=object)
    values = rows["value"].to_numpy(dtype="float64", na_value=np.nan)
    evidence = rows["has_evidence"].to_numpy(dtype=bool)
    is_value = kind == AnswerKind.VALUE.value
    found = np.where(
        is_value,
        FIRST_VALUE + 2 * np.where(is_value, values, 0).astype(np.int64) + evidence,
        np.where(
            kind == AnswerKind.NOT_APPLICABLE.value,
            NOT_APPLICABLE,
            np.where(kind == AnswerKind.DONT_KNOW.value, DONT_KNOW, ABSENT),
        ),
    )
    codes[at, on] = found
    return codes


def entry_of(code: int) -> AnswerEntry | None:
    """The answer an answer code stands for (None: no answer)."""
    if code == ABSENT:
        return None
    if code == NOT_APPLICABLE:
        return trusted_entry(not_applicable=NOT_APPLICABLE_REASON)
    if code == DONT_KNOW:
        return trusted_entry(dont_know=True)
    value, evidence = divmod(code - FIRST_VALUE, 2)
    return trusted_entry(value, evidence=EVIDENCE_LINK if evidence else None)


def code_of(entry: AnswerEntry | None) -> int:
    """An answer's code (the inverse of `entry_of`; a note does not count)."""
    if entry is None:
        return ABSENT
    if entry.value is not None:
        return FIRST_VALUE + 2 * entry.value + (entry.evidence is not None)
    return DONT_KNOW if entry.dont_know else NOT_APPLICABLE


def _step(
    migration: MigrationMap,
    old: Questionnaire,
    new: Questionnaire,
    codes: np.ndarray,
    questions: Sequence[str],
) -> tuple[np.ndarray, list[str]]:
    """One map: the new questionnaire's answer codes from the old one's."""
    column_of = {question: j for j, question in enumerate(questions)}
    links = {link.question: link for link in migration.links()}
    absent = np.zeros(len(codes), dtype=np.int64)
    columns = []
    for question in new.questions:
        link = links.get(question.id)
        if link is None or not link.sources or not len(codes):
            columns.append(absent)  # a new question: it needs a fresh answer
            continue
        sources = [source for source, _ in link.sources]
        given = np.stack(
            [codes[:, column_of[s]] if s in column_of else absent for s in sources], axis=1
        )
        combinations, which = _distinct_rows(given)
        followed = np.array(
            [
                code_of(follow_link(link, old, new, _answers(sources, combination)))
                for combination in combinations.tolist()
            ],
            dtype=np.int64,
        )
        columns.append(followed[which.reshape(-1)])
    carried = np.stack(columns, axis=1) if columns else np.zeros((len(codes), 0), np.int64)
    return carried, [q.id for q in new.questions]


def _distinct_rows(given: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a small-integer array, and which of them each row is.

    Each row is read as one number (its codes as digits) so that a flat `np.unique` does it:
    a row-wise `np.unique(axis=0)` took ten times as long.
    """
    base = int(given.max(initial=0)) + 1
    if base ** given.shape[1] >= 2**62:
        distinct, which = np.unique(given, axis=0, return_inverse=True)
        return distinct, which.reshape(-1)
    weights = base ** np.arange(given.shape[1], dtype=np.int64)
    _, first, which = np.unique(given @ weights, return_index=True, return_inverse=True)
    return given[first], which.reshape(-1)


def _answers(sources: Sequence[str], combination: Sequence[int]) -> dict[str, AnswerEntry]:
    answers = {}
    for source, code in zip(sources, combination, strict=True):
        entry = entry_of(code)
        if entry is not None:
            answers[source] = entry
    return answers


def _frame(
    codes: np.ndarray, assessment_ids: Sequence[Hashable], questions: Sequence[str]
) -> pd.DataFrame:
    at, on = np.nonzero(codes)  # row-major: by assessment, then question
    found = codes[at, on]
    is_value = found >= FIRST_VALUE
    ids = np.empty(len(at), dtype=object)
    ids[:] = np.asarray(list(assessment_ids), dtype=object)[at] if len(at) else []
    names = np.array(
        [AnswerKind.NOT_APPLICABLE.value, AnswerKind.DONT_KNOW.value, AnswerKind.VALUE.value],
        dtype=object,
    )
    kind = names[np.minimum(found, FIRST_VALUE) - 1]
    value = np.where(is_value, (found - FIRST_VALUE) // 2, np.nan).astype("float64")
    return pd.DataFrame(
        {
            "assessment_id": ids,
            "question_id": pd.Series(np.asarray(list(questions), dtype=object)[on], dtype=object),
            "kind": pd.Series(kind, dtype=object),
            "value": pd.Series(value, dtype="float64"),
            "has_evidence": pd.Series(is_value & ((found - FIRST_VALUE) % 2 == 1), dtype=bool),
        },
        columns=list(ANSWER_COLUMNS),
    )
