"""Read a JSON file into data, with every refusal located at a line: not UTF-8, nested too
deep for the parser, invalid JSON, or a top level that is not an object."""

from __future__ import annotations

import json
import re
from typing import Any

from assessments.content.yaml_source import MAX_DEPTH, decode_utf8
from assessments.errors import ContentError, Problem

# Strings (which may hold brackets) and brackets, in the order they are written.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def read_json_object(source: str | bytes, file: str, shape_hint: str = "") -> dict[str, Any]:
    """The top-level JSON object of `source`; ContentError with a located problem otherwise."""
    text = decode_utf8(source, file) if isinstance(source, bytes) else source
    too_deep = _nesting_over_limit(text)
    if too_deep is not None:
        line, column = _line_and_column(text, too_deep)
        message = f"arrays and objects are nested more than {MAX_DEPTH} levels deep"
        hint = "an export nests a few levels deep; is this the right file?"
        raise ContentError([Problem(file, line, column, "", message, hint)])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(file, error.lineno, error.colno, "", f"invalid JSON: {error.msg}")
        raise ContentError([problem]) from None
    if not isinstance(data, dict):
        start = len(text) - len(text.lstrip())
        line, column = _line_and_column(text, start)
        kind = "a list" if isinstance(data, list) else "a single value"
        message = f"expected a JSON object at the top, not {kind}"
        raise ContentError([Problem(file, line, column, "", message, shape_hint)])
    return data


def _nesting_over_limit(text: str) -> int | None:
    """Where nesting first goes past MAX_DEPTH (the C parser recurses and would overflow)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif bracket in "]}":
            depth -= 1
    return None


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
