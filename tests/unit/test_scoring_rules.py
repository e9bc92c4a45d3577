"""The one rule set: each rule gives the same on one value as on arrays, and one frame contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.content.answers import AnswerEntry
from scoring import rules
from scoring.frames import (
    ANSWER_COLUMNS,
    answer_frame,
    answer_kind_code,
    assessment_index,
    positions,
)
from scoring.model import AnswerKind
from scoring.results import ChainStatus

VALUES = st.lists(st.integers(0, 5), min_size=1, max_size=20)


@given(VALUES, st.integers(1, 5), st.data())
def test_every_rule_gives_on_arrays_what_it_gives_on_each_value(values, max_value, data):
    n = len(values)
    is_value = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    evidence = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    weight = data.draw(st.floats(0.05, 10.0))
    v, flag, proof = np.array(values, dtype=float), np.array(is_value), np.array(evidence)

    credited = rules.credited_value(flag, v)
    assert list(credited) == [
        rules.credited_value(f, x) for f, x in zip(is_value, values, strict=True)
    ]
    assert list(rules.answer_credit(weight, credited, max_value)) == [
        rules.answer_credit(weight, c, max_value) for c in credited.tolist()
    ]
    assert list(rules.critical_cap(credited, max_value)) == [
        rules.critical_cap(int(c), max_value) for c in credited.tolist()
    ]
    assert list(rules.answer_confidence(flag, v, proof)) == [
        rules.answer_confidence(f, x, e) for f, x, e in zip(is_value, values, evidence, strict=True)
    ]
    scores = v * 20.0
    assert list(rules.score_level(scores, (20.0, 40.0, 60.0, 80.0))) == [
        rules.score_level(s, (20.0, 40.0, 60.0, 80.0)) for s in scores.tolist()
    ]
    assert list(rules.pillar_score(v, v)) == [rules.pillar_score(x, x) for x in values]
    assert list(rules.chain_status_code(flag, proof, False)) == [
        rules.chain_status_code(m, u, False) for m, u in zip(is_value, evidence, strict=True)
    ]


@pytest.mark.parametrize(
    ("marked", "unlocked", "permanent", "status"),
    [
        (True, True, False, ChainStatus.REMOVED),
        (True, False, False, ChainStatus.REMOVED_TOO_EARLY),
        (True, True, True, ChainStatus.REMOVED_TOO_EARLY),
        (False, True, True, ChainStatus.PERMANENT),
        (False, True, False, ChainStatus.ELIGIBLE),
        (False, False, False, ChainStatus.BLOCKED),
    ],
)
def test_chain_status_decision_table(marked, unlocked, permanent, status):
    assert rules.CHAIN_STATUSES[rules.chain_status_code(marked, unlocked, permanent)] is status


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        (AnswerEntry(value=3), AnswerKind.VALUE),
        (AnswerEntry(value=0, evidence="https://ci.example.com/1"), AnswerKind.VALUE),
        (AnswerEntry(not_applicable="no production"), AnswerKind.NOT_APPLICABLE),
        (AnswerEntry(dont_know=True), AnswerKind.DONT_KNOW),
    ],
)
def test_an_answer_has_the_same_kind_in_its_entry_and_in_the_app_answer_frame(entry, kind):
    facts = [(7, "BR-01", entry.value, entry.not_applicable is not None, entry.dont_know, False)]

    frame = answer_frame(facts)

    assert entry.kind is kind
    assert list(frame.columns) == list(ANSWER_COLUMNS)
    assert frame["kind"].tolist() == [kind.value]
    assert frame["assessment_id"].dtype == "int64"


def test_answer_kind_codes_derive_the_same_on_arrays_as_on_each_answer():
    has_value = np.array([True, True, False, False])
    not_applicable = np.array([False, True, True, False])

    codes = answer_kind_code(has_value, not_applicable)

    assert list(codes) == [
        answer_kind_code(v, n) for v, n in zip(has_value, not_applicable, strict=True)
    ]
    assert list(codes) == [0, 0, 1, 2]


def test_positions_are_the_same_for_rows_in_runs_and_rows_interleaved():
    labels = pd.Index(["a", "b", "c"], dtype=object)
    grouped = pd.Series(["a"] * 600 + ["zz"] * 300 + ["c"] * 400 + ["b"] * 300, dtype=object)
    interleaved = pd.Series(["a", "b", "zz", "c"] * 400, dtype=object)

    assert positions(grouped, labels).tolist() == [0] * 600 + [-1] * 300 + [2] * 400 + [1] * 300
    assert positions(interleaved, labels).tolist() == [0, 1, -1, 2] * 400
    assert positions(pd.Series([], dtype=object), labels).tolist() == []


def test_assessment_ids_of_tuples_stay_whole_in_the_frame_and_the_index():
    facts = [(("billing", "2026-Q3"), "BR-01", 2, False, False, True)]

    frame = answer_frame(facts)
    ids = assessment_index(frame, pd.DataFrame({"assessment_id": [], "chain_id": []}), None)

    assert frame["assessment_id"].tolist() == [("billing", "2026-Q3")]
    assert list(ids) == [("billing", "2026-Q3")]
