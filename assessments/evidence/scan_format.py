"""A scan as JSON: what `readiness evidence scan --format json` prints and what is stored.

Reading one back validates it whole (pydantic, unknown fields refused, fact names known), so
an uploaded or stored scan can be trusted as far as its own dates and sources say.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assessments.errors import ContentError, Problem
from assessments.evidence.facts import Fact, ReadHow, Scan
from assessments.evidence.names import FACT_NAMES

FORMAT_VERSION = 1
MAX_SCAN_BYTES = 1_000_000
MAX_FACTS = 5_000


class _StoredFact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    value: bool | int | str | list[str] | None
    source: str = Field(max_length=1000)
    field: str = Field(max_length=1000)
    line: int | None = Field(default=None, ge=1)
    read_at: datetime
    how: ReadHow

    @field_validator("name")
    @classmethod
    def _known(cls, name: str) -> str:
        if name not in FACT_NAMES:
            raise ValueError(f"unknown fact '{name}'")
        return name

    @field_validator("read_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("read_at needs a time zone, e.g. 2026-12-01T09:00:00+00:00")
        return value


class _StoredScan(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    format: Literal["readiness-evidence-scan"] = "readiness-evidence-scan"
    format_version: Literal[1] = 1
    facts: list[_StoredFact] = Field(max_length=MAX_FACTS)
    problems: list[str] = Field(default_factory=list, max_length=MAX_FACTS)
    files: list[str] = Field(default_factory=list, max_length=MAX_FACTS)


def scan_document(scan: Scan) -> dict[str, Any]:
    """The scan as JSON-ready data (facts, problems as text, files read)."""
    return {
        "format": "readiness-evidence-scan",
        "format_version": FORMAT_VERSION,
        "facts": [fact_document(f) for f in scan.facts],
        "problems": [str(p) for p in scan.problems],
        "files": list(dict.fromkeys(scan.files)),
    }


def fact_document(fact: Fact) -> dict[str, Any]:
    """One fact with where, when and how it was read."""
    value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    return {
        "name": fact.name,
        "value": value,
        "source": fact.source,
        "field": fact.field,
        "line": fact.line,
        "read_at": fact.read_at.isoformat(),
        "how": fact.how.value,
    }


def scan_from_document(data: Any, filename: str) -> Scan:
    """A scan from JSON-ready data; ContentError naming each bad field."""
    try:
        stored = _StoredScan.model_validate(data)
    except ValidationError as error:
        raise ContentError(
            [
                Problem(
                    filename,
                    None,
                    None,
                    ".".join(str(p) for p in e["loc"]),
                    e["msg"].removeprefix("Value error, "),
                )
                for e in error.errors()[:20]
            ]
        ) from None
    facts = tuple(
        Fact(
            f.name,
            tuple(f.value) if isinstance(f.value, list) else f.value,
            f.source,
            f.field,
            f.read_at,
            f.how,
            f.line,
        )
        for f in stored.facts
    )
    problems = tuple(Problem(filename, None, None, "", text) for text in stored.problems)
    return Scan(facts, problems, tuple(stored.files))


def parse_scan_json(source: bytes, filename: str) -> Scan:
    """A scan from an uploaded JSON file, size-limited and validated."""
    if len(source) > MAX_SCAN_BYTES:
        raise ContentError(
            [Problem(filename, None, None, "", f"larger than {MAX_SCAN_BYTES} bytes")]
        )
    try:
        data = json.loads(source.decode("utf-8"))
    except UnicodeDecodeError:
        raise ContentError([Problem(filename, None, None, "", "not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        raise ContentError(
            [Problem(filename, error.lineno, error.colno, "", f"invalid JSON: {error.msg}")]
        ) from None
    return scan_from_document(data, filename)
