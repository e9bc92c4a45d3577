"""The questionnaire and chain catalogue in force, and where they are found.

The content lives in the settings' data folder (`READINESS_DATA_DIR`, else the repository's
`data/`, `assessments/settings.py`): one questionnaire in `questionnaires/` and one catalogue
in `catalogues/`. When a folder holds several files, the default names below are used.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import load_catalogue, load_questionnaire
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError, Problem
from assessments.settings import DEFAULT_DATA_DIR, Settings
from scoring.model import Catalogue, Rubric

DEFAULT_QUESTIONNAIRE_NAME = "autonomy-readiness.yaml"
DEFAULT_CATALOGUE_NAME = "default-chains.yaml"


@dataclass(frozen=True)
class Content:
    """A questionnaire, the catalogue checked against it, and their scoring views."""

    questionnaire: Questionnaire
    catalogue: ChainCatalogue
    rubric: Rubric
    scoring_catalogue: Catalogue

    @classmethod
    def of(cls, questionnaire: Questionnaire, catalogue: ChainCatalogue) -> Content:
        """Bundle already-checked content with its scoring views."""
        return cls(questionnaire, catalogue, questionnaire.to_rubric(), catalogue.to_scoring())


def default_questionnaire_path(data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """The questionnaire file in `data_dir/questionnaires`."""
    return _content_file(data_dir / "questionnaires", DEFAULT_QUESTIONNAIRE_NAME, "questionnaire")


def default_catalogue_path(data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """The chain catalogue file in `data_dir/catalogues`."""
    return _content_file(data_dir / "catalogues", DEFAULT_CATALOGUE_NAME, "catalogue")


@functools.lru_cache(maxsize=4)
def default_questionnaire(data_dir: Path = DEFAULT_DATA_DIR) -> Questionnaire:
    """The questionnaire in force in `data_dir`, loaded and checked once per process."""
    return load_questionnaire(default_questionnaire_path(data_dir))


@functools.lru_cache(maxsize=4)
def default_catalogue(data_dir: Path = DEFAULT_DATA_DIR) -> ChainCatalogue:
    """The catalogue in force in `data_dir`, checked against its questionnaire, loaded once."""
    return load_catalogue(default_catalogue_path(data_dir), default_questionnaire(data_dir))


@functools.lru_cache(maxsize=4)
def _default_content(data_dir: Path) -> Content:
    return Content.of(default_questionnaire(data_dir), default_catalogue(data_dir))


def load_content(
    questionnaire_path: Path | str | None = None,
    catalogue_path: Path | str | None = None,
    *,
    data_dir: Path | None = None,
) -> Content:
    """The given questionnaire and catalogue (those in force in `data_dir` where not given,
    default: the settings' data folder), checked together."""
    folder = Settings.from_environment().data_dir if data_dir is None else data_dir
    if questionnaire_path is None and catalogue_path is None:
        return _default_content(folder)
    questionnaire = (
        default_questionnaire(folder)
        if questionnaire_path is None
        else load_questionnaire(questionnaire_path)
    )
    catalogue = load_catalogue(catalogue_path or default_catalogue_path(folder), questionnaire)
    return Content.of(questionnaire, catalogue)


def _content_file(folder: Path, default_name: str, kind: str) -> Path:
    candidates = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if len(candidates) == 1:
        return candidates[0]
    if (folder / default_name).is_file():
        return folder / default_name
    found = f"found {len(candidates)}" if candidates else "found none"
    raise ContentError(
        [
            Problem(
                str(folder),
                None,
                None,
                "",
                f"expected one {kind} file here, {found}",
                f"name the one in force {default_name}, or set READINESS_DATA_DIR",
            )
        ]
    )
