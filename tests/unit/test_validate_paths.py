"""`validate_paths` checks every file of a folder together and lists every problem."""

from __future__ import annotations

from pathlib import Path

from assessments.files.validation import validate_paths
from tests.unit.validation_samples import ANSWERS, CATALOGUE, QUESTIONNAIRE, known


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_folder_of_valid_files_is_ok_and_lists_every_file_checked(tmp_path):
    write(tmp_path, "questionnaires/mini.yaml", QUESTIONNAIRE)
    write(tmp_path, "catalogues/chains.yml", CATALOGUE)
    write(tmp_path, "examples/payments.yaml", ANSWERS)
    write(tmp_path, "notes.txt", "not content")

    report = validate_paths([tmp_path])

    assert report.ok
    assert [p.relative_to(tmp_path).as_posix() for p in report.files] == [
        "catalogues/chains.yml",
        "examples/payments.yaml",
        "questionnaires/mini.yaml",
    ]


def test_catalogue_is_checked_against_the_questionnaire_found_among_the_files(tmp_path):
    write(tmp_path, "a.yaml", CATALOGUE.replace("question: BR-01", "question: BR-02"))
    write(tmp_path, "b.yaml", QUESTIONNAIRE)

    report = validate_paths([tmp_path])

    assert [p.message for p in report.problems] == ["unknown question 'BR-02'"]


def test_catalogue_without_its_questionnaire_says_to_check_them_together(tmp_path):
    catalogue = write(tmp_path, "chains.yaml", CATALOGUE)

    report = validate_paths([catalogue])

    assert [str(p) for p in report.problems] == [
        f"{catalogue}:4:1: questionnaire: questionnaire 'mini' not found"
        " (hint: check this file together with its questionnaire file)"
    ]


def test_answers_are_checked_against_reference_content_when_their_questionnaire_is_absent(tmp_path):
    answers = write(tmp_path, "payments.yaml", ANSWERS.replace("  BR-01: 2", "  BR-01: 7"))

    report = validate_paths([answers], known()["known_questionnaires"], known()["known_catalogues"])

    assert [p.message for p in report.problems] == ["BR-01 is 7, but its scale goes up to 2"]


def test_missing_path_and_file_of_unknown_shape_are_problems(tmp_path):
    other = write(tmp_path, "org.yaml", "units: []\n")

    report = validate_paths([tmp_path / "nowhere", other])

    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'nowhere'}: no such file or folder (hint: check the path)",
        f"{other}:1:1: not a questionnaire, catalogue or answers file (hint: a questionnaire"
        " starts with `id:` and has `pillars:` and `questions:`; a catalogue has `chains:`;"
        " an answers file has `team:`, `period:` and `answers:`)",
    ]
    assert report.files == [other]
    assert not report.ok


def test_broken_questionnaire_does_not_also_make_its_catalogue_report_it_missing(tmp_path):
    write(tmp_path, "a.yaml", QUESTIONNAIRE.replace("title: Mini\n", ""))
    write(tmp_path, "b.yaml", CATALOGUE)

    report = validate_paths([tmp_path])

    assert [p.message for p in report.problems] == ["missing required field 'title'"]
