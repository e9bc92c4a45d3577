"""Read configuration files as data; a broken file becomes a Problem naming file and line.

Collectors never raise on bad input: they return what they could read and the problems with
the rest, so one malformed file never stops a scan of the others.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assessments.content.yaml_source import YamlDocument, read_yaml
from assessments.errors import ContentError, Problem

MAX_FILE_BYTES = 1_000_000
"""A configuration file larger than this is refused: none of the documented ones comes close."""
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = "(at end of document)"


class UnreadableFile(Exception):
    """A file could not be read or parsed; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class SourceFile:
    """A file's text, its name as shown to the user, and when it was last changed."""

    name: str
    text: str
    modified_at: datetime


def read_text(path: Path, name: str | None = None) -> SourceFile:
    """The file as UTF-8 text; raise UnreadableFile when it is missing, huge or not text."""
    shown = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                Problem(shown, None, None, "", f"too large ({size} bytes) for a settings file")
            )
        raw = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError as error:
        raise UnreadableFile(
            Problem(shown, None, None, "", f"cannot read the file ({error.strerror})")
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            Problem(shown, None, None, "", f"not UTF-8 text ({error.reason})", "save as UTF-8")
        ) from None
    return SourceFile(shown, text, modified)


def parse_json(source: SourceFile) -> Any:
    """The JSON value; raise UnreadableFile with the parser's line and column."""
    try:
        return json.loads(source.text)
    except json.JSONDecodeError as error:
        raise UnreadableFile(
            Problem(
                source.name,
                error.lineno,
                error.colno,
                "",
                f"invalid JSON: {error.msg}",
                "check commas, quotes and brackets near this line",
            )
        ) from None


def parse_toml(source: SourceFile) -> dict[str, Any]:
    """The TOML table; raise UnreadableFile with the line when the parser names one."""
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_POSITION.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        text = _TOML_POSITION.sub("", message).strip()
        if _TOML_END in text:
            line = max(1, len(source.text.splitlines()))
            text = text.replace(_TOML_END, "at the end of the file")
        raise UnreadableFile(
            Problem(
                source.name,
                line,
                column,
                "",
                f"invalid TOML: {text}",
                "check quoting, brackets and `key = value` pairs near this line",
            )
        ) from None


def parse_yaml(source: SourceFile) -> YamlDocument:
    """The YAML mapping with its node tree (for lines); raise UnreadableFile on bad YAML."""
    try:
        return read_yaml(source.text, source.name)
    except ContentError as error:
        first = error.problems[0]
        hint = "a workflow file is a YAML mapping with `on:` and `jobs:`"
        raise UnreadableFile(
            Problem(first.file, first.line, first.column, "", first.message, hint)
        ) from None


def object_of(value: Any, source: SourceFile) -> dict[str, Any]:
    """`value` when it is a JSON object / TOML table; raise UnreadableFile otherwise."""
    if isinstance(value, dict):
        return value
    kind = type(value).__name__
    raise UnreadableFile(
        Problem(source.name, 1, 1, "", f"expected an object at the top level, got {kind}")
    )


def now_utc() -> datetime:
    """The current time, for facts read now."""
    return datetime.now(tz=UTC)
