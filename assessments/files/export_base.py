"""What every record of the full data export shares: ids, people, aware timestamps, and the
checks for duplicate ids and references to records the export does not hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from assessments.content.yaml_source import YamlDocument
from assessments.errors import Problem


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps need a time zone (hint: export again; e.g. +00:00)")
    return value


When = Annotated[datetime, AfterValidator(_aware)]
Who = Annotated[str, Field(max_length=320)]
MAX_INTEGER = 2**31 - 1
"""The largest id, revision or version a database column holds (PostgreSQL's INTEGER)."""
Positive = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
Id = Positive


class Record(BaseModel):
    """Base of every exported record: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def duplicate_problems(
    document: YamlDocument, section: str, keys: Iterable[Hashable], what: str
) -> list[Problem]:
    """A problem at the second record of `section` with a key an earlier one has."""
    problems: list[Problem] = []
    counts: Counter[Hashable] = Counter()
    for index, key in enumerate(keys):
        counts[key] += 1
        if counts[key] == 2:
            problems.append(document.problem((section, index), f"{what} {key} appears twice"))
    return problems


def unknown_problems(
    document: YamlDocument, section: str, field: str, values: Iterable[object], known: set[Any]
) -> list[Problem]:
    """A problem at each record of `section` whose `field` names a record not in the export."""
    return [
        document.problem((section, index, field), f"{value!r} is not in this export")
        for index, value in enumerate(values)
        if value not in known
    ]
