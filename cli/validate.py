"""`readiness validate [PATH...]`: check content files together, report every problem."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import (
    CATALOGUE_SETTING,
    DATA_DIR,
    QUESTIONNAIRE_SETTING,
    content_files,
    file_in_force,
    load_content,
)
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError, Problem, ReadinessError
from assessments.files.validation import ValidationReport, validate_paths
from cli.problems import count, print_problems


def run_validate(paths: Sequence[Path], out: TextIO) -> int:
    """Print every problem and a summary; 0 when clean, 1 otherwise."""
    chosen = list(paths) or [_shown(DATA_DIR)]
    report = validate_paths(chosen, *_default_content())
    problems = [*report.problems, *_choice_problems(chosen)]
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
