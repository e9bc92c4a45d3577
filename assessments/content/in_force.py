"""The questionnaire and chain catalogue in force, and where they are found.

The content lives in `DATA_DIR` (environment variable `READINESS_DATA_DIR`, else the
repository's `data/`): one questionnaire in `questionnaires/` and one catalogue in
`catalogues/`. When a folder holds several files, the default names below are used.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import load_catalogue, load_questionnaire
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError, Problem
from scoring.model import Catalogue, Rubric

DATA_DIR = Path(
    os.environ.get("READINESS_DATA_DIR") or Path(__file__).resolve().parents[2] / "data"
)
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


def default_questionnaire_path() -> Path:
    """The questionnaire file in `DATA_DIR/questionnaires`."""
    return _content_file(DATA_DIR / "questionnaires", DEFAULT_QUESTIONNAIRE_NAME, "questionnaire")


def default_catalogue_path() -> Path:
    """The chain catalogue file in `DATA_DIR/catalogues`."""
    return _content_file(DATA_DIR / "catalogues", DEFAULT_CATALOGUE_NAME, "catalogue")


@functools.lru_cache(maxsize=1)
def default_questionnaire() -> Questionnaire:
    """The default questionnaire, loaded and checked once per process."""
    return load_questionnaire(default_questionnaire_path())


@functools.lru_cache(maxsize=1)
def default_catalogue() -> ChainCatalogue:
    """The default catalogue, checked against the default questionnaire, loaded once."""
    return load_catalogue(default_catalogue_path(), default_questionnaire())


@functools.lru_cache(maxsize=1)
def _default_content() -> Content:
    return Content.of(default_questionnaire(), default_catalogue())


def load_content(
    questionnaire_path: Path | str | None = None, catalogue_path: Path | str | None = None
) -> Content:
    """The given questionnaire and catalogue (defaults where not given), checked together."""
    if questionnaire_path is None and catalogue_path is None:
        return _default_content()
    questionnaire = (
        default_questionnaire()
        if questionnaire_path is None
        else load_questionnaire(questionnaire_path)
    )
    catalogue = load_catalogue(catalogue_path or default_catalogue_path(), questionnaire)
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
