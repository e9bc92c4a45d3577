"""Org frames scored version by version, and older periods mapped forward for trends."""

from __future__ import annotations

import pandas as pd

from assessments.content.in_force import Content
from assessments.content.versions import ContentLibrary
from assessments.reports.versioned import (
    other_version_notes,
    score_as_answered,
    score_comparable,
)
from assessments.service.content_versions import versions_of
from scoring import Answer, AssessmentInput, score_assessment
from scoring.vectorised import inputs_to_frames
from tests.unit.version_samples import catalogues, migration_map, v1, v2

OLD = Content.of(v1(), catalogues()[0])


def library(with_map: bool = True) -> ContentLibrary:
    new = Content.of(v2(), catalogues()[1], migration_map() if with_map else None)
    return ContentLibrary.of(new, versions_of(OLD))


def frames():
    inputs = {
        1: AssessmentInput({"BR-01": Answer.of(4), "BR-02": Answer.of(3), "SK-02": Answer.of(1)}),
        2: AssessmentInput({"BR-01": Answer.of(2), "BR-12": Answer.of(3), "SK-03": Answer.of(2)}),
    }
    answers, removed = inputs_to_frames(inputs)
    assessments = pd.DataFrame(
        {
            "assessment_id": [1, 2],
            "questionnaire_id": ["mini", "mini"],
            "questionnaire_version": ["1", "2"],
            "catalogue_id": ["mini-chains", "mini-chains"],
            "catalogue_version": ["1", "2"],
        }
    )
    return inputs, assessments, answers, removed


def test_each_assessment_is_scored_on_the_version_it_was_answered_on():
    inputs, assessments, answers, removed = frames()
    scores = score_as_answered(library(), assessments, answers, removed)
    old = score_assessment(OLD.rubric, OLD.scoring_catalogue, inputs[1])
    new_content = library().in_force
    new = score_assessment(new_content.rubric, new_content.scoring_catalogue, inputs[2])
    assert scores.loc[1, "score:blast_radius"] == old.pillar("blast_radius").score == 87.5
    assert scores.loc[2, "score:blast_radius"] == new.pillar("blast_radius").score == 87.5
    assert scores.loc[1, "status:tool-call-approval"] == old.chain("tool-call-approval").status


def test_for_a_trend_the_older_period_is_mapped_forward_and_labelled():
    _, assessments, answers, removed = frames()
    scores = score_comparable(library(), assessments, answers, removed)
    # Version 1's BR-01 = 4 maps to 2 (of 2), BR-02 = 3 becomes BR-12 = 3 (of 4): 100 and 75.
    assert scores.loc[1, "score:blast_radius"] == 87.5
    # SK-02 = 1 (of 1) kept; SK-03 is new and unanswered, so it counts 0.
    assert scores.loc[1, "score:skill"] == 50.0
    assert list(scores["basis"]) == ["mapped forward", "as answered"]
    assert list(scores["answered_version"]) == ["1", "2"]


def test_without_a_map_the_older_period_keeps_its_own_version_and_is_not_comparable():
    _, assessments, answers, removed = frames()
    scores = score_comparable(library(False), assessments, answers, removed)
    assert list(scores["basis"]) == ["not comparable", "as answered"]
    assert scores.loc[1, "score:blast_radius"] == 87.5


def test_teams_on_another_version_than_the_one_in_force_are_named():
    table = pd.DataFrame(
        {
            "team": ["Checkout", "Ledger", "Search", "Fraud"],
            "questionnaire_id": ["mini", "mini", "mini", None],
            "questionnaire_version": ["1", "2", "1", None],
        }
    )
    assert other_version_notes(table, library()) == [
        "2 teams answered on questionnaire mini version 1, not the one in force (mini version"
        " 2), and are scored on the version answered: Checkout, Search."
    ]
