"""Print problems for a terminal: grouped by file, one `file:line:col: field: message` each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from assessments.errors import Problem


def print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    """Every problem on its own line, a blank line between files."""
    previous_file = None
    for problem in problems:
        if previous_file is not None and problem.file != previous_file:
            print(file=out)
        print(problem, file=out)
        previous_file = problem.file


def count(number: int, noun: str) -> str:
    """`1 file`, `3 problems`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
