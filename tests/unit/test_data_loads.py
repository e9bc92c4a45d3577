"""The content shipped in data/ loads and passes the validator."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import kept_version, load_content
from assessments.content.loading import load_answer_sheet
from assessments.files.validation import validate_paths
from assessments.settings import DEFAULT_DATA_DIR as DATA_DIR

EXAMPLES = sorted((DATA_DIR / "examples").glob("*.yaml"))


def test_data_folder_has_no_problems():
    report = validate_paths([DATA_DIR])

    assert [str(p) for p in report.problems] == []
    assert len(report.files) >= 3


def test_default_content_loads_with_matching_scoring_views():
    content = load_content()

    assert content.catalogue.questionnaire == content.questionnaire.id
    assert [q.id for q in content.rubric.questions] == [
        q.id for q in content.questionnaire.questions
    ]
    assert {c.id for c in content.scoring_catalogue.chains} == {
        c.id for c in content.catalogue.chains
    }


def test_default_content_is_loaded_once_per_process():
    assert load_content() is load_content()


def test_there_are_example_answers_files():
    assert len(EXAMPLES) >= 1


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_answers_load_against_the_version_they_were_answered_on(path: Path):
    content = kept_version("autonomy-readiness", "2026.1")
    assert content is not None

    sheet = load_answer_sheet(path, content.questionnaire, content.catalogue)

    assert sheet.questionnaire.id == content.questionnaire.id
    assert sheet.questionnaire.version == content.questionnaire.version


def test_the_kept_2026_1_version_comes_with_its_own_catalogue_and_no_map():
    content = kept_version("autonomy-readiness", "2026.1")
    assert content is not None
    assert (content.catalogue.id, content.catalogue.version) == ("default-chains", "2026.1")
    assert len(content.catalogue.chains) == 13
    assert content.migration_map is None


def test_the_version_in_force_is_2027_1_with_its_map_from_2026_1():
    content = load_content()
    assert (content.questionnaire.version, content.catalogue.version) == ("2027.1", "2027.1")
    assert content.migration_map is not None
    assert (content.migration_map.from_version, content.migration_map.to_version) == (
        "2026.1",
        "2027.1",
    )
