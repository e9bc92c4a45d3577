"""`readiness validate [PATH...]`: check content files together, report every problem."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import (
    CATALOGUE_SETTING,
    QUESTIONNAIRE_SETTING,
    content_files,
    file_in_force,
    load_content,
)
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError, Problem, ReadinessError
from assessments.files.validation import ValidationReport, validate_paths
from assessments.service.content_versions import (
    edited_version_problem,
    stored_answer_problems,
    stored_library,
    versions_of,
)
from assessments.settings import Settings
from assessments.storage.db import current_revision, make_engine, upgrade_to_head
from cli.problems import count, print_problems


def run_validate(
    paths: Sequence[Path], out: TextIO, settings: Settings, *, database: bool = False
) -> int:
    """Print every problem and a summary (of the settings' data folder when no path is given);
    0 when clean, 1 otherwise.

    With `database`, the content in force is also held against the versions stored in the
    configured database (READINESS_DATABASE_URL): a stored version edited without a new version
    number, and stored answers the new scale cannot hold without a migration map.
    """
    chosen = list(paths) or [_shown(settings.data_dir)]
    report = validate_paths(chosen, *_default_content(settings.data_dir))
    problems = [*report.problems, *_choice_problems(chosen, settings)]
    if database:
        problems += _database_problems(settings)
    report = ValidationReport(report.files, problems)
    print_problems(report.problems, out)
    if report.problems:
        print(file=out)
    checked = count(len(report.files), "file")
    found = count(len(report.problems), "problem") if report.problems else "no problems"
    print(f"{checked} checked, {found}", file=out)
    return 0 if report.ok else 1


def _default_content(data_dir: Path) -> tuple[list[Questionnaire], list[ChainCatalogue]]:
    """The default content, for answers files checked without their questionnaire."""
    # Broken default content is reported when it is among the checked paths, not here.
    try:
        content = load_content(data_dir=data_dir)
    except ReadinessError:
        return [], []
    return [content.questionnaire], [content.catalogue]


def _database_problems(settings: Settings) -> list[Problem]:
    try:
        content = load_content(data_dir=settings.data_dir)
    except ContentError as error:
        return error.problems
    url = settings.database_url
    engine = make_engine(url)
    try:
        if current_revision(engine) is None:
            return [
                Problem("READINESS_DATABASE_URL", None, None, "", "the database has no schema yet")
            ]
        upgrade_to_head(engine)
        library = stored_library(engine, content)
        problems = [
            p
            for version in versions_of(content)
            if (p := edited_version_problem(library, version)) is not None
        ]
        return problems + stored_answer_problems(engine, content)
    finally:
        engine.dispose()


def _choice_problems(paths: Sequence[Path], settings: Settings) -> list[Problem]:
    """In a data folder, several questionnaires or catalogues need a setting naming one."""
    problems: list[Problem] = []
    for path in paths:
        for folder, setting, kind, chosen in (
            (
                path / "questionnaires",
                QUESTIONNAIRE_SETTING,
                "questionnaire",
                settings.questionnaire_file,
            ),
            (path / "catalogues", CATALOGUE_SETTING, "catalogue", settings.catalogue_file),
        ):
            if folder.is_dir() and content_files(folder):
                try:
                    file_in_force(folder, setting, kind, chosen)
                except ContentError as error:
                    problems.extend(error.problems)
    return problems


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it lies below it."""
    absolute = path.resolve()
    return Path(os.path.relpath(absolute)) if absolute.is_relative_to(Path.cwd()) else path
