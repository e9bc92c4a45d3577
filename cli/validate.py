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
    data_dir,
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
from assessments.storage.db import current_revision, database_url, make_engine, upgrade_to_head
from cli.problems import count, print_problems


def run_validate(paths: Sequence[Path], out: TextIO, *, database: bool = False) -> int:
    """Print every problem and a summary; 0 when clean, 1 otherwise.

    With `database`, the content in force is also held against the versions stored in the
    configured database (READINESS_DATABASE_URL): a stored version edited without a new version
    number, and stored answers the new scale cannot hold without a migration map.
    """
    chosen = list(paths) or [_shown(data_dir())]
    report = validate_paths(chosen, *_default_content())
    problems = [*report.problems, *_choice_problems(chosen)]
    if database:
        problems += _database_problems()
    report = ValidationReport(report.files, problems)
    print_problems(report.problems, out)
    if report.problems:
        print(file=out)
    checked = count(len(report.files), "file")
    found = count(len(report.problems), "problem") if report.problems else "no problems"
    print(f"{checked} checked, {found}", file=out)
    return 0 if report.ok else 1


def _default_content() -> tuple[list[Questionnaire], list[ChainCatalogue]]:
    """The default content, for answers files checked without their questionnaire."""
    # Broken default content is reported when it is among the checked paths, not here.
    try:
        content = load_content()
    except ReadinessError:
        return [], []
    return [content.questionnaire], [content.catalogue]


def _database_problems() -> list[Problem]:
    try:
        content = load_content()
    except ContentError as error:
        return error.problems
    engine = make_engine(database_url())
    try:
        if current_revision(engine) is None:
            return [Problem(database_url(), None, None, "", "the database has no schema yet")]
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


def _choice_problems(paths: Sequence[Path]) -> list[Problem]:
    """In a data folder, several questionnaires or catalogues need a setting naming one."""
    problems: list[Problem] = []
    for path in paths:
        for folder, setting, kind in (
            (path / "questionnaires", QUESTIONNAIRE_SETTING, "questionnaire"),
            (path / "catalogues", CATALOGUE_SETTING, "catalogue"),
        ):
            if folder.is_dir() and content_files(folder):
                try:
                    file_in_force(folder, setting, kind)
                except ContentError as error:
                    problems.extend(error.problems)
    return problems


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it lies below it."""
    absolute = path.resolve()
    return Path(os.path.relpath(absolute)) if absolute.is_relative_to(Path.cwd()) else path
