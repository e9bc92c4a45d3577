"""`readiness validate` checks maps against both versions and refuses a guessed questionnaire."""

from __future__ import annotations

from pathlib import Path

from cli.main import main
from tests.unit.version_samples import MAP, V1, V2, catalogue_text


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def data_folder(tmp_path: Path, map_text: str = MAP) -> Path:
    write(tmp_path, "questionnaires/mini.yaml", V2)
    write(tmp_path, "questionnaires/mini.map.yaml", map_text)
    write(tmp_path, "questionnaires/previous/mini-1.yaml", V1)
    write(tmp_path, "catalogues/chains.yaml", catalogue_text("2"))
    return tmp_path


def test_a_map_beside_its_questionnaire_with_the_old_version_kept_is_clean(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    assert main(["validate", str(data_folder(tmp_path))]) == 0
    assert capsys.readouterr().out == "4 files checked, no problems\n"


def test_a_map_missing_an_old_question_and_value_is_reported_with_file_and_line(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    broken = MAP.replace("  - remove: SK-01\n", "").replace(", 4: 2}", "}")
    assert main(["validate", str(data_folder(tmp_path, broken))]) == 1
    out = capsys.readouterr().out
    where = tmp_path / "questionnaires" / "mini.map.yaml"
    assert out.splitlines() == [
        f"{where}:4:1: changes: old question 'SK-01' (version 1) is not accounted for"
        " (hint: name it with keep, rename, rescale, split, merge or remove)",
        f"{where}:5:32: changes[0].rescale.values: old value 4 of BR-01 is not mapped"
        " (hint: map every value 0-4 of BR-01 to a value of BR-01)",
        "",
        "4 files checked, 2 problems",
    ]


def test_a_map_whose_old_version_is_nowhere_says_where_to_keep_it(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    folder = data_folder(tmp_path)
    (folder / "questionnaires" / "previous" / "mini-1.yaml").unlink()
    assert main(["validate", str(folder)]) == 1
    assert (
        f"{folder / 'questionnaires' / 'mini.map.yaml'}:2:1: from_version: questionnaire 'mini'"
        " version '1' not found (hint: check the map together with both versions' files (keep"
        " older versions in questionnaires/previous/))"
    ) in capsys.readouterr().out.splitlines()


def test_two_questionnaires_in_force_without_a_setting_is_a_problem(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("READINESS_QUESTIONNAIRE", raising=False)
    folder = data_folder(tmp_path)
    write(folder, "questionnaires/other.yaml", V2.replace("id: mini", "id: other"))
    assert main(["validate", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{folder / 'questionnaires'}: found 2 questionnaire files (mini.yaml, other.yaml) and"
        " no choice between them (hint: set READINESS_QUESTIONNAIRE to the file name of the one"
        " in force)"
    )
