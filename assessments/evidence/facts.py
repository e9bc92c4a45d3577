"""A configuration fact: what a file or an API says, where exactly, when and how it was read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from assessments.errors import Problem

FactValue = bool | int | str | tuple[str, ...] | None
"""What a fact may hold: a flag, a count, a setting's value or a list of names."""


class ReadHow(StrEnum):
    """How a fact was obtained, which says how far it can be trusted."""

    FILE_IN_REPO = "file-in-repo"
    MANAGED_POLICY = "managed-policy"
    API = "api"


@dataclass(frozen=True)
class Fact:
    """One observed configuration fact.

    Attributes:
        name: the fact's name from `FACT_NAMES`, e.g. `claude.managed.deny_rules`.
        value: what was observed (a count, a flag, a setting's value, a list of names).
        source: the file (or API path) it was read from, as the user gave it.
        field: the documented field it reads, e.g. `permissions.deny`; "" for the whole file.
        read_at: when it was read (a file's facts: the file's modification time).
        how: file in the repository, managed policy, or the code host's API.
        line: 1-based line of the field in the file, when the parser gives one.
    """

    name: str
    value: FactValue
    source: str
    field: str
    read_at: datetime
    how: ReadHow
    line: int | None = None

    @property
    def where(self) -> str:
        """`file:line field` as a person would look it up."""
        place = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{place} {self.field}" if self.field else place


@dataclass(frozen=True)
class Scan:
    """What one scan found: facts, and problems with files it could not read."""

    facts: tuple[Fact, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = field(default=())

    def merged(self, other: Scan) -> Scan:
        """Both scans' facts, problems and files."""
        return Scan(
            self.facts + other.facts,
            self.problems + other.problems,
            self.files + other.files,
        )

    def named(self, name: str) -> tuple[Fact, ...]:
        """Every fact called `name`."""
        return tuple(fact for fact in self.facts if fact.name == name)


def merge_scans(scans: Sequence[Scan]) -> Scan:
    """One scan holding all of them, in order."""
    result = Scan()
    for scan in scans:
        result = result.merged(scan)
    return result
