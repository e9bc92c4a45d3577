"""The questionnaire and chain catalogue in force, and where they are found.

The content lives in the settings' data folder (`READINESS_DATA_DIR`, else the repository's
`data/`, `assessments/settings.py`): questionnaires in `questionnaires/`, catalogues in
`catalogues/`. When a folder holds one file, that file is in force; when it holds several,
`READINESS_QUESTIONNAIRE` / `READINESS_CATALOGUE` name the one in force, and without that
setting nothing is guessed. A questionnaire's migration map from its previous version sits
beside it as `<name>.map.yaml`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import (
    load_catalogue,
    load_migration_map,
    load_questionnaire,
    parse_questionnaire,
    read_source,
)
from assessments.content.migration_map import MAP_SUFFIX, MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError, Problem
from assessments.settings import CATALOGUE_ENV, QUESTIONNAIRE_ENV, Settings
from scoring.model import Catalogue, Rubric

PREVIOUS_FOLDER = "previous"
"""Older versions kept beside the files in force (`questionnaires/previous/`, and so on):
never put in force, read to check a map and to score or seed history answered on them."""
QUESTIONNAIRE_SETTING = QUESTIONNAIRE_ENV
CATALOGUE_SETTING = CATALOGUE_ENV


@dataclass(frozen=True)
class Content:
    """A questionnaire, the catalogue checked against it, and their scoring views."""

    questionnaire: Questionnaire
    catalogue: ChainCatalogue
    rubric: Rubric
    scoring_catalogue: Catalogue
    migration_map: MigrationMap | None = None

    @classmethod
    def of(
        cls,
        questionnaire: Questionnaire,
        catalogue: ChainCatalogue,
        migration_map: MigrationMap | None = None,
    ) -> Content:
        """Bundle already-checked content with its scoring views."""
        return cls(
            questionnaire,
            catalogue,
            questionnaire.to_rubric(),
            catalogue.to_scoring(),
            migration_map,
        )


def data_dir() -> Path:
    """The content folder of the settings (`READINESS_DATA_DIR`, read at each call)."""
    return Settings.from_environment().data_dir


def default_questionnaire_path(folder: Path | None = None) -> Path:
    """The questionnaire file in force in `<data dir>/questionnaires`."""
    settings = Settings.from_environment()
    return file_in_force(
        (folder or settings.data_dir) / "questionnaires",
        QUESTIONNAIRE_SETTING,
        "questionnaire",
        settings.questionnaire_file,
    )


def default_questionnaire(folder: Path | None = None) -> Questionnaire:
    """The questionnaire in force in `<data dir>/questionnaires`, loaded and checked (parsed
    once per file while it is unchanged)."""
    return questionnaire_file(default_questionnaire_path(folder))


def questionnaire_file(path: Path) -> Questionnaire:
    """A questionnaire file loaded and checked, parsed once per process while its text is the
    same.

    The content in force and the evidence rules (checked against it) read the same file; its
    YAML took 0.4 s to parse each time. A questionnaire is frozen, so one object can be shared.
    """
    return _parsed_questionnaire(read_source(path), str(path))


@functools.lru_cache(maxsize=8)
def _parsed_questionnaire(source: bytes, filename: str) -> Questionnaire:
    return parse_questionnaire(source, filename)


def default_catalogue_path(folder: Path | None = None) -> Path:
    """The chain catalogue file in force in `<data dir>/catalogues`."""
    settings = Settings.from_environment()
    return file_in_force(
        (folder or settings.data_dir) / "catalogues",
        CATALOGUE_SETTING,
        "catalogue",
        settings.catalogue_file,
    )


def map_path(questionnaire_path: Path | str) -> Path:
    """Where the migration map leading to a questionnaire lives: `<name>.map.yaml` beside it."""
    path = Path(questionnaire_path)
    return path.with_name(path.name.removesuffix(path.suffix) + MAP_SUFFIX)


def load_map_beside(questionnaire_path: Path | str) -> MigrationMap | None:
    """The migration map beside a questionnaire file, if there is one (schema-checked)."""
    path = map_path(questionnaire_path)
    return load_migration_map(path) if path.is_file() else None


@functools.lru_cache(maxsize=8)
def _content_in_force(questionnaire_path: Path, catalogue_path: Path) -> Content:
    return _content_of_files(questionnaire_path, catalogue_path)


def _content_of_files(questionnaire_path: Path, catalogue_path: Path) -> Content:
    questionnaire = questionnaire_file(questionnaire_path)
    catalogue = load_catalogue(catalogue_path, questionnaire)
    return Content.of(questionnaire, catalogue, load_map_beside(questionnaire_path))


def load_content(
    questionnaire_path: Path | str | None = None,
    catalogue_path: Path | str | None = None,
    *,
    data_dir: Path | None = None,
) -> Content:
    """The given questionnaire and catalogue (those in force in `data_dir` where not given,
    default: the settings' data folder), checked together.

    The content in force is loaded once per process for each choice of files.
    """
    if questionnaire_path is None and catalogue_path is None:
        return _content_in_force(
            default_questionnaire_path(data_dir), default_catalogue_path(data_dir)
        )
    questionnaire = Path(questionnaire_path or default_questionnaire_path(data_dir))
    catalogue = Path(catalogue_path or default_catalogue_path(data_dir))
    return _content_of_files(questionnaire, catalogue)


def content_files(folder: Path) -> list[Path]:
    """The questionnaire or catalogue files directly in a folder (maps are not candidates)."""
    return sorted(
        path
        for path in [*folder.glob("*.yaml"), *folder.glob("*.yml")]
        if not path.name.endswith(MAP_SUFFIX)
    )


def file_in_force(folder: Path, setting: str, kind: str, chosen: str | None = None) -> Path:
    """The file in force in `folder`: the one named by `chosen` (the setting `setting`), else
    the only one there.

    Raises:
        ContentError: the setting names no file there, or several files and no setting.
    """
    chosen = (chosen or "").strip()
    candidates = content_files(folder)
    if chosen:
        path = folder / chosen
        if path.is_file():
            return path
        names = ", ".join(p.name for p in candidates) or "none"
        raise ContentError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    "",
                    f"{setting} names {chosen!r}, which is not a file here",
                    f"use one of: {names}",
                )
            ]
        )
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        names = ", ".join(p.name for p in candidates)
        message = f"found {len(candidates)} {kind} files ({names}) and no choice between them"
        hint = f"set {setting} to the file name of the one in force"
    else:
        message, hint = f"expected a {kind} file here, found none", "or set READINESS_DATA_DIR"
    raise ContentError([Problem(str(folder), None, None, "", message, hint)])


def kept_version(questionnaire_id: str, version: str, folder: Path | None = None) -> Content | None:
    """The content of one questionnaire version found in the data folder, `previous/` included.

    The questionnaire with that id and version, with the catalogue for it: a catalogue of that
    questionnaire whose version is the same number, else the first that fits it. None when the
    data folder does not hold that version (it may still be stored in the database).
    """
    folder = folder or data_dir()
    in_force = load_content(data_dir=folder)
    if (in_force.questionnaire.id, in_force.questionnaire.version) == (questionnaire_id, version):
        return in_force
    for path in _with_previous(folder / "questionnaires"):
        questionnaire = load_questionnaire(path)
        if (questionnaire.id, questionnaire.version) != (questionnaire_id, version):
            continue
        fitting = []
        for catalogue_path in _with_previous(folder / "catalogues"):
            try:
                catalogue = load_catalogue(catalogue_path, questionnaire)
            except ContentError:
                continue
            fitting.append(catalogue)
        fitting.sort(key=lambda c: c.version != version)
        if fitting:
            return Content.of(questionnaire, fitting[0], load_map_beside(path))
    return None


def _with_previous(folder: Path) -> list[Path]:
    return [*content_files(folder), *content_files(folder / PREVIOUS_FOLDER)]
