"""`readiness validate [PATH...]`: check content files together, report every problem."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import load_content
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ReadinessError
from assessments.files.validation import validate_paths
from cli.problems import count, print_problems


def run_validate(paths: Sequence[Path], out: TextIO, data_dir: Path) -> int:
    """Print every problem and a summary (of `data_dir` when no path is given); 0 when clean,
    1 otherwise."""
    report = validate_paths(list(paths) or [_shown(data_dir)], *_default_content(data_dir))
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


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it lies below it."""
    absolute = path.resolve()
    return Path(os.path.relpath(absolute)) if absolute.is_relative_to(Path.cwd()) else path
