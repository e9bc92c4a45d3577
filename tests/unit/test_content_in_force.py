"""Which questionnaire is in force: the only one, or the one a setting names; never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import file_in_force, load_content, map_path
from assessments.errors import ContentError
from tests.unit.version_samples import MAP, V1, V2, catalogue_text

SETTING = "READINESS_QUESTIONNAIRE"


def folder_with(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_text(V2)
    return tmp_path


def test_the_only_file_is_in_force_and_its_map_is_not_a_candidate(tmp_path, monkeypatch):
    monkeypatch.delenv(SETTING, raising=False)
    folder = folder_with(tmp_path, "mini.yaml")
    (folder / "mini.map.yaml").write_text(MAP)
    assert file_in_force(folder, SETTING, "questionnaire") == folder / "mini.yaml"


def test_several_files_without_a_setting_are_refused_naming_them(tmp_path, monkeypatch):
    monkeypatch.delenv(SETTING, raising=False)
    folder = folder_with(tmp_path, "autonomy-readiness.yaml", "samm.yaml")
    with pytest.raises(ContentError) as caught:
        file_in_force(folder, SETTING, "questionnaire")
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}: found 2 questionnaire files (autonomy-readiness.yaml, samm.yaml) and no"
        " choice between them (hint: set READINESS_QUESTIONNAIRE to the file name of the one"
        " in force)"
    ]


def test_the_setting_picks_one_of_several(tmp_path, monkeypatch):
    folder = folder_with(tmp_path, "autonomy-readiness.yaml", "samm.yaml")
    assert file_in_force(folder, SETTING, "questionnaire", "samm.yaml") == folder / "samm.yaml"


def test_a_setting_naming_a_missing_file_lists_the_ones_there(tmp_path, monkeypatch):
    folder = folder_with(tmp_path, "autonomy-readiness.yaml", "samm.yaml")
    with pytest.raises(ContentError) as caught:
        file_in_force(folder, SETTING, "questionnaire", "sam.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}: READINESS_QUESTIONNAIRE names 'sam.yaml', which is not a file here"
        " (hint: use one of: autonomy-readiness.yaml, samm.yaml)"
    ]


def test_content_loaded_from_a_file_brings_the_map_beside_it(tmp_path):
    (tmp_path / "mini.yaml").write_text(V2)
    (tmp_path / "mini.map.yaml").write_text(MAP)
    (tmp_path / "chains.yaml").write_text(catalogue_text("2"))
    content = load_content(tmp_path / "mini.yaml", tmp_path / "chains.yaml")
    assert map_path(tmp_path / "mini.yaml") == tmp_path / "mini.map.yaml"
    assert content.migration_map is not None
    assert (content.migration_map.from_version, content.migration_map.to_version) == ("1", "2")
    (tmp_path / "mini.map.yaml").unlink()
    (tmp_path / "old.yaml").write_text(V1)
    assert load_content(tmp_path / "mini.yaml", tmp_path / "chains.yaml").migration_map is None
