"""Trends across versions: mapped forward where a map chain exists, broken where none does."""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.content.comparable import (
    Basis,
    VersionChange,
    for_comparison,
    version_changes,
    version_note,
)
from assessments.content.in_force import Content
from assessments.content.versions import ContentLibrary
from assessments.service.content_versions import versions_of
from tests.unit.version_samples import catalogues, migration_map, v1, v2

OLD_ANSWERS = {"BR-01": AnswerEntry(value=4), "BR-02": AnswerEntry(value=3)}


def library(with_map: bool = True) -> ContentLibrary:
    old = Content.of(v1(), catalogues()[0])
    new = Content.of(v2(), catalogues()[1], migration_map() if with_map else None)
    return ContentLibrary.of(new, versions_of(old))


def test_an_assessment_on_the_version_in_force_is_compared_as_answered():
    found = for_comparison(library(), ("mini", "2"), ("mini-chains", "2"), OLD_ANSWERS)
    assert (found.basis, found.version, found.content.questionnaire.version) == (
        Basis.AS_ANSWERED,
        "2",
        "2",
    )


def test_an_older_assessment_is_mapped_forward_through_the_map():
    found = for_comparison(library(), ("mini", "1"), ("mini-chains", "1"), OLD_ANSWERS)
    assert found.basis is Basis.MAPPED
    assert found.content.questionnaire.version == "2"
    assert found.answers == {"BR-01": AnswerEntry(value=2), "BR-12": AnswerEntry(value=3)}


def test_without_a_map_the_older_assessment_keeps_its_own_version_and_is_not_comparable():
    found = for_comparison(library(False), ("mini", "1"), ("mini-chains", "1"), OLD_ANSWERS)
    assert found.basis is Basis.NOT_COMPARABLE
    assert found.content.questionnaire == v1()
    assert found.content.catalogue == catalogues()[0]
    assert found.answers == OLD_ANSWERS


def test_version_changes_are_found_between_periods_and_say_whether_they_were_mapped():
    points = [
        ("2027-Q1", "2", Basis.AS_ANSWERED),
        ("2026-Q3", "1", Basis.MAPPED),
        ("2026-Q4", "1", Basis.MAPPED),
    ]
    assert version_changes(points) == [VersionChange("2027-Q1", "1", "2", mapped=True)]
    broken = VersionChange("2027-Q1", "1", "2", mapped=False)
    assert broken.footnote() == (
        "From 2027-Q1 answers are on questionnaire version 2; earlier periods (version 1) have"
        " no migration map, so the series breaks there and the two parts are not comparable."
    )


def test_a_version_note_appears_only_when_the_version_differs_from_the_one_in_force():
    assert version_note(library(), ("mini", "2")) is None
    assert version_note(library(), ("mini", "1")) == (
        "Answered on questionnaire mini version 1 (in force: mini version 2); scored on the"
        " version it was answered on."
    )
