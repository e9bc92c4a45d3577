"""Turn pydantic validation errors into problems a content author can fix without guessing."""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from assessments.content.questionnaire import ID_PATTERN, QUESTION_ID_PATTERN
from assessments.content.yaml_source import FieldPath, YamlDocument, describe, duplicate_keys
from assessments.errors import ContentError, Problem
from assessments.periods import PERIOD_PATTERN

M = TypeVar("M", bound=BaseModel)

_PATTERNS = {
    ID_PATTERN: ("id", "use lowercase letters, digits, '-' or '_', starting with a letter"),
    QUESTION_ID_PATTERN: (
        "question id",
        "use letters and digits joined by single '-', '_' or '.', starting with a letter,"
        " e.g. BR-05 or G-SM-1-A",
    ),
    PERIOD_PATTERN: ("period", "write the year and the quarter, e.g. 2026-Q4"),
}

# What a required field holds, for "missing required field" hints; (model, field) wins over field.
_PURPOSES = {
    "id": "a short unique id",
    ("Question", "id"): "the question id, e.g. BR-05",
    ("Pillar", "id"): "the pillar id, e.g. blast_radius",
    ("Chain", "id"): "the chain id, e.g. merge-review",
    "version": 'the version of this file, e.g. "2026.1"',
    "title": "the title shown in the app",
    "name": "the name people read",
    ("Pillar", "description"): "what the pillar is about",
    ("ScaleLevel", "description"): "the observable fact this level stands for",
    "pillars": "the list of pillars",
    "questions": "the list of questions",
    ("Question", "pillar"): "the id of the pillar the question belongs to",
    ("PillarCondition", "pillar"): "the id of the pillar whose level is checked",
    "text": "the question as the team reads it",
    "help": "why the question matters",
    "scale": "the anchored answer levels, one per value starting at 0",
    "evidence_hint": "what evidence would back an answer",
    "value": "the scale value: 0, 1, 2, ...",
    "label": "a short name for the level, e.g. Documented",
    "order": "its place in the removal order (1 = first)",
    "gate": "the gate as it exists today",
    "protects": "the ids of the pillars it protects",
    "risk": "low, medium or high",
    "toil": "low, medium or high",
    "reinstate_when": "when the chain must be put back",
    ("ChainCatalogue", "questionnaire"): "the id of the questionnaire its conditions refer to",
    ("AnswerSheet", "questionnaire"): "the `id` and `version` of the questionnaire answered",
    "chains": "the list of approval chains",
    "min_level": "the readiness level needed, 0-4",
    "min": "the answer value needed",
    "question": "the question id, e.g. BR-05",
    "chain_removed": "the id of the chain that must be removed first",
    "all": "a list of conditions that must all hold",
    "any": "a list of conditions of which one must hold",
    "team": "the team's name",
    "period": "the quarter, e.g. 2026-Q4",
    "email": "the person's sign-in email, e.g. ana@example.com",
    ("RoleEntry", "role"): "admin, org_viewer or team_editor",
    "roles": "the list of people and their roles",
    ("EvidenceRules", "questionnaire"): "the id of the questionnaire whose answers it bounds",
    "rules": "the list of evidence rules",
    ("EvidenceRule", "max"): "the highest value the answer may count at",
    ("EvidenceRule", "reason"): "the gap in plain words, e.g. no deny rules",
    "cites": "the documented field the rule reads, e.g. `permissions.deny`",
    "fact": "a fact name, e.g. claude.project.deny_rules",
}


def validate_schema(document: YamlDocument, model: type[M]) -> M:
    """Build `model` from the document; raise ContentError with every problem found."""
    problems = duplicate_keys(document)
    try:
        result = model.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(problems + schema_problems(error, model, document)) from None
    if problems:
        raise ContentError(problems)
    return result


def schema_problems(
    error: ValidationError, model: type[BaseModel], document: YamlDocument
) -> list[Problem]:
    """One problem per pydantic error, located in the document and reworded for authors."""
    problems: list[Problem] = []
    short_tuples: set[FieldPath] = set()
    for detail in error.errors():
        path, owner, target = _resolve(model, detail["loc"])
        if detail["type"] == "missing" and path and isinstance(path[-1], int):
            # A fixed-length list that is too short: pydantic reports each absent item.
            if path[:-1] not in short_tuples:
                short_tuples.add(path[:-1])
                expected = max(
                    int(d["loc"][-1])
                    for d in error.errors()
                    if d["type"] == "missing" and d["loc"][:-1] == detail["loc"][:-1]
                )
                given = len(detail["input"]) if isinstance(detail["input"], Sequence) else 0
                problems.append(
                    document.problem(path[:-1], f"expected {expected + 1} items, got {given}")
                )
            continue
        message, hint = _reword(detail, path, owner, target)
        path = _field_named_in_message(path, detail, message)
        problems.append(document.problem(path, message, hint))
    return problems


def _reword(
    detail: ErrorDetails, path: FieldPath, owner: type[BaseModel] | None, target: Any
) -> tuple[str, str]:
    kind, ctx, value = detail["type"], detail.get("ctx", {}), detail["input"]
    name = str(path[-1]) if path else ""
    if kind == "missing":
        purpose = _PURPOSES.get((owner.__name__, name)) if owner else None
        purpose = purpose or _PURPOSES.get(name)
        return (
            f"missing required field '{name}'",
            f"add `{name}:` with {purpose}" if purpose else "",
        )
    if kind == "extra_forbidden":
        allowed = list(owner.model_fields) if owner else []
        return f"unknown field '{name}'", choices_hint(name, allowed, "allowed fields")
    if kind in {"enum", "literal_error"}:
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"unknown value {describe(value)}", choices_hint(
            str(value), allowed, "allowed values"
        )
    if kind == "string_pattern_mismatch":
        what, how = _PATTERNS.get(str(ctx.get("pattern")), ("value", f"match {ctx.get('pattern')}"))
        return f"{describe(value)} is not a valid {what}", how
    if kind in {"value_error", "assertion_error", "unknown_condition"}:
        text = re.sub(r"^(Value|Assertion) error, ", "", detail["msg"])
        found = re.fullmatch(r"(.*?) \(hint: (.*)\)", text, flags=re.DOTALL)
        return (found.group(1), found.group(2)) if found else (text, "")
    reword = _TYPE_MESSAGES.get(kind)
    message = reword(value, ctx) if reword else detail["msg"]
    return message, _type_hint(kind, value, target)


_TypeMessage = Callable[[Any, dict[str, Any]], str]
"""Rewords a type error: (the value given, the error's context) to a sentence."""

_TYPE_MESSAGES: dict[str, _TypeMessage] = {
    "int_type": lambda v, c: f"expected a whole number, got {describe(v)}",
    "int_parsing": lambda v, c: f"expected a whole number, got {describe(v)}",
    "int_from_float": lambda v, c: f"expected a whole number, got {describe(v)}",
    "float_type": lambda v, c: f"expected a number, got {describe(v)}",
    "float_parsing": lambda v, c: f"expected a number, got {describe(v)}",
    "bool_type": lambda v, c: f"expected true or false, got {describe(v)}",
    "bool_parsing": lambda v, c: f"expected true or false, got {describe(v)}",
    "string_type": lambda v, c: f"expected text, got {describe(v)}",
    "tuple_type": lambda v, c: f"expected a list, got {describe(v)}",
    "list_type": lambda v, c: f"expected a list, got {describe(v)}",
    "dict_type": lambda v, c: f"expected a mapping, got {describe(v)}",
    "model_type": lambda v, c: f"expected a mapping of fields, got {describe(v)}",
    "model_attributes_type": lambda v, c: f"expected a mapping of fields, got {describe(v)}",
    "string_too_short": lambda v, c: (
        "must not be empty"
        if c.get("min_length") == 1
        else f"must be at least {c.get('min_length')} characters"
    ),
    "string_too_long": lambda v, c: f"must be at most {c.get('max_length')} characters",
    "too_long": lambda v, c: (
        f"expected at most {c.get('max_length')} items, got {c.get('actual_length')}"
    ),
    "too_short": lambda v, c: (
        f"expected at least {c.get('min_length')} items, got {c.get('actual_length')}"
    ),
    "greater_than_equal": lambda v, c: f"must be at least {c.get('ge')}, got {describe(v)}",
    "greater_than": lambda v, c: f"must be greater than {c.get('gt')}, got {describe(v)}",
    "less_than_equal": lambda v, c: f"must be at most {c.get('le')}, got {describe(v)}",
    "less_than": lambda v, c: f"must be less than {c.get('lt')}, got {describe(v)}",
}


def _type_hint(kind: str, value: Any, target: Any) -> str:
    if kind == "string_type" and isinstance(value, int | float | bool):
        return f'put it in quotes: "{describe(value)}"'
    models = [t for _, t in _members(target) if isinstance(t, type) and issubclass(t, BaseModel)]
    if kind in {"model_type", "model_attributes_type"} and len(models) == 1:
        return f"fields: {', '.join(models[0].model_fields)}"
    return ""


def choices_hint(given: str, allowed: Sequence[str], label: str, max_listed: int = 12) -> str:
    """Suggest the closest allowed name and list the allowed ones (when few enough to read)."""
    if not allowed:
        return ""
    close = difflib.get_close_matches(given, allowed, n=1)
    parts = [f"did you mean '{close[0]}'?"] if close else []
    if len(allowed) <= max_listed:
        parts.append(f"{label}: {', '.join(allowed)}")
    elif not close:
        parts.append(f"none of the {len(allowed)} {label} is close")
    return " ".join(parts)


def _field_named_in_message(path: FieldPath, detail: ErrorDetails, message: str) -> FieldPath:
    # A model-level check ("scale values must be ...") is about one field: point at it.
    if detail["type"] != "value_error" or not isinstance(detail["input"], dict):
        return path
    first_word = message.split(" ", 1)[0]
    return (*path, first_word) if first_word in detail["input"] else path


def _resolve(
    model: type[BaseModel], loc: tuple[int | str, ...]
) -> tuple[FieldPath, type[BaseModel] | None, Any]:
    """The YAML path of a pydantic location, the model owning its last field, and its type.

    A tagged union (a condition) puts its tag into the location; the tag is not written in
    the YAML, so it is dropped: `unlock.all.all.0.pillar.min_level` → `unlock.all[0].min_level`.
    """
    path: list[str | int] = []
    current: Any = model
    owner: type[BaseModel] | None = None
    for element in loc:
        members = _members(current)
        tagged = [t for tag, t in members if tag == element] if len(members) > 1 else []
        if tagged:
            current = tagged[0]
            continue
        path.append(element)
        current, owner = _step(members[0][1] if len(members) == 1 else None, element)
    return tuple(path), owner, current


def _step(current: Any, element: int | str) -> tuple[Any, type[BaseModel] | None]:
    if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(element, str):
        field = current.model_fields.get(element)
        return (field.annotation if field else None), current
    origin, args = get_origin(current), get_args(current)
    if origin in (tuple, list) and isinstance(element, int) and args:
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            return args[0], None
        return (args[element] if element < len(args) else None), None
    if origin is dict and args:
        return args[1], None
    return None, None


def _members(annotation: Any) -> list[tuple[str | None, Any]]:
    """The alternatives of an annotation, each with its union tag (None when untagged)."""
    tag = None
    while get_origin(annotation) is Annotated:
        annotation, *metadata = get_args(annotation)
        tag = next((m.tag for m in metadata if isinstance(m, Tag)), tag)
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) if arg is not type(None) for m in _members(arg)]
    return [(tag, annotation)] if annotation is not None else []
