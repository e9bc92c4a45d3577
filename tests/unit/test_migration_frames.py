"""A whole frame carried through the map chain reads as each assessment carried one by one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.content.answers import AnswerEntry, trusted_entry
from assessments.content.in_force import load_map_beside
from assessments.content.loading import load_questionnaire
from assessments.content.migration import migrate_chain
from assessments.content.migration_frames import (
    EVIDENCE_LINK,
    Step,
    code_of,
    entry_of,
    migrate_frame,
)
from assessments.content.questionnaire import Questionnaire
from scoring.frames import ANSWER_COLUMNS
from scoring.model import AnswerKind
from tests.unit import version_samples

DATA = Path(__file__).resolve().parents[2] / "data" / "questionnaires"


def _default_step() -> Step:
    old = load_questionnaire(DATA / "previous" / "autonomy-readiness-2026.1.yaml")
    new_path = DATA / "autonomy-readiness.yaml"
    found = load_map_beside(new_path)
    assert found is not None
    return found, old, load_questionnaire(new_path)


STEPS = {
    "mini": [(version_samples.migration_map(), version_samples.v1(), version_samples.v2())],
    "default": [_default_step()],
}


@st.composite
def answer_sets(draw: st.DrawFn, old: Questionnaire) -> dict[str, AnswerEntry]:
    """Answers on `old`: values on each question's scale (with or without evidence), not
    applicable, don't know, or no answer."""
    answers: dict[str, AnswerEntry] = {}
    for question in old.questions:
        kind = draw(st.sampled_from(["value", "value", "not applicable", "don't know", "none"]))
        if kind == "value":
            value = draw(st.integers(0, question.max_value))
            evidence = EVIDENCE_LINK if draw(st.booleans()) else None
            answers[question.id] = trusted_entry(value, evidence=evidence)
        elif kind == "not applicable":
            answers[question.id] = trusted_entry(not_applicable="not applicable")
        elif kind == "don't know":
            answers[question.id] = trusted_entry(dont_know=True)
    return answers


def _frame(assessments: dict[int, dict[str, AnswerEntry]]) -> pd.DataFrame:
    rows = [
        (
            aid,
            qid,
            entry.kind.value,
            np.nan if entry.value is None else float(entry.value),
            entry.evidence is not None,
        )
        for aid, answers in assessments.items()
        for qid, entry in answers.items()
    ]
    return pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))


def _expected(
    steps: list[Step], assessments: dict[int, dict[str, AnswerEntry]]
) -> list[tuple[object, ...]]:
    return [
        (aid, qid, entry.kind.value, entry.value, entry.evidence is not None)
        for aid, answers in assessments.items()
        for qid, entry in migrate_chain(steps, answers).items()
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_frame_migrates_as_each_assessment_would_alone(data: st.DataObject) -> None:
    steps = STEPS[data.draw(st.sampled_from(sorted(STEPS)))]
    old = steps[0][1]
    assessments = dict(enumerate(data.draw(st.lists(answer_sets(old), max_size=12)), start=1))
    carried = migrate_frame(steps, _frame(assessments), list(assessments))
    got = [
        (aid, qid, kind, None if np.isnan(value) else int(value), evidence)
        for aid, qid, kind, value, evidence in carried.itertuples(index=False, name=None)
    ]
    assert got == _expected(steps, assessments)
    assert list(carried.columns) == list(ANSWER_COLUMNS)


def test_answers_of_other_assessments_are_left_out_and_an_empty_frame_stays_empty() -> None:
    steps = STEPS["mini"]
    frame = _frame({1: {"BR-01": trusted_entry(4)}, 2: {"BR-01": trusted_entry(1)}})
    carried = migrate_frame(steps, frame, [2])
    assert carried[["assessment_id", "question_id", "kind", "value"]].values.tolist() == [
        [2, "BR-01", AnswerKind.VALUE.value, 0.0]
    ]
    assert migrate_frame(steps, frame.iloc[:0], []).empty


@given(st.integers(0, 4), st.booleans())
def test_an_answer_code_stands_for_its_answer(value: int, evidence: bool) -> None:
    for entry in (
        trusted_entry(value, evidence=EVIDENCE_LINK if evidence else None),
        trusted_entry(not_applicable="not applicable"),
        trusted_entry(dont_know=True),
        None,
    ):
        assert entry_of(code_of(entry)) == entry
