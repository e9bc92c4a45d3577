"""Read a YAML content file into data plus its node tree, so every problem can name a line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from assessments.errors import ContentError, Problem

PathElement = str | int
FieldPath = tuple[PathElement, ...]

MAX_VALUES = 100_000
"""A file expanding to more values than this is refused (anchors and aliases can multiply)."""
MAX_DEPTH = 64
"""Lists and mappings nested deeper than this are refused; real content nests a dozen at most."""
DEPTH_HINT = "real content nests lists and mappings a few levels deep; is this the right file?"
SYNTAX_HINT = "check indentation and quoting near this line"
SHAPE_HINT = (
    "a questionnaire starts with `id:` and has `pillars:` and `questions:`; a catalogue has"
    " `chains:`; an answers file has `team:`, `period:` and `answers:`"
)


@dataclass(frozen=True)
class YamlDocument:
    """One parsed file: its data, and the node tree that knows where each value was written.

    Attributes:
        file: the file's name as the user gave it.
        data: the top-level mapping.
        tree: the composed YAML nodes; None for content that did not come from a file.
    """

    file: str
    data: dict[str, Any]
    tree: yaml.Node | None = None

    def position(self, path: FieldPath) -> tuple[int | None, int | None]:
        """1-based line and column of the field at `path`, or of its nearest written parent."""
        if self.tree is None:
            return None, None
        mark = self.tree.start_mark
        node: yaml.Node | None = self.tree
        for element in path:
            step = _child(node, element)
            if step is None:
                break
            mark, node = step
        return mark.line + 1, mark.column + 1

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        """A problem located at the field `path`."""
        line, column = self.position(path)
        return Problem(self.file, line, column, field_path(path, self.data), message, hint)


def _child(node: yaml.Node | None, element: PathElement) -> tuple[yaml.Mark, yaml.Node] | None:
    # A mapping entry is located at its key (where the field's name is written);
    # a list item at the item itself.
    if isinstance(node, yaml.MappingNode):
        for key, value in reversed(node.value):  # YAML keeps the last of duplicate keys
            if isinstance(key, yaml.ScalarNode) and key.value == str(element):
                return key.start_mark, value
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(element, int)
        and 0 <= element < len(node.value)
    ):
        item = node.value[element]
        return item.start_mark, item
    return None


def field_path(path: FieldPath, data: Any) -> str:
    """Readable path such as `questions[BR-04].scale[2].label`.

    A list item that carries a text `id` is named by it; other items by their index.
    """
    text = ""
    current = data
    for element in path:
        if isinstance(element, int):
            item = (
                current[element] if isinstance(current, list) and element < len(current) else None
            )
            item_id = item.get("id") if isinstance(item, dict) else None
            text += f"[{item_id}]" if isinstance(item_id, str) and item_id else f"[{element}]"
            current = item
        else:
            text += f".{element}" if text else element
            current = current.get(element) if isinstance(current, dict) else None
    return text


def decode_utf8(source: bytes, filename: str) -> str:
    """The text of `source` (without a byte-order mark); a located problem if it is not UTF-8."""
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = source[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text: byte 0x{source[error.start]:02x} ({error.reason})"
        problem = Problem(filename, line, column, "", message, "save the file as UTF-8")
        raise ContentError([problem]) from None


class NestedTooDeepError(yaml.composer.ComposerError):
    """Lists and mappings nested deeper than MAX_DEPTH (PyYAML would overflow the stack)."""


class GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than MAX_DEPTH with the line where it is."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                message = f"lists and mappings are nested more than {MAX_DEPTH} levels deep"
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise NestedTooDeepError(None, None, message, mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_yaml(source: str | bytes, filename: str) -> YamlDocument:
    """Parse `source`; raise ContentError for a syntax error, an empty file or a non-mapping."""
    if isinstance(source, bytes):
        source = decode_utf8(source, filename)
    loader = GuardedLoader(source)
    try:
        tree = loader.get_single_node()
        _refuse_expansion(tree, filename)
        data = None if tree is None else loader.construct_document(tree)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = (
            ", ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        )
        hint = DEPTH_HINT if isinstance(error, NestedTooDeepError) else SYNTAX_HINT
        raise ContentError([Problem(filename, line, column, "", message, hint)]) from None
    except yaml.YAMLError as error:
        raise ContentError(
            [Problem(filename, None, None, "", f"invalid YAML: {error}", SYNTAX_HINT)]
        ) from None
    finally:
        loader.dispose()
    if data is None:
        raise ContentError([Problem(filename, None, None, "", "the file is empty", SHAPE_HINT)])
    if not isinstance(data, dict):
        assert tree is not None
        line, column = tree.start_mark.line + 1, tree.start_mark.column + 1
        message = f"the top level must be a mapping of fields, not {describe(data)}"
        raise ContentError([Problem(filename, line, column, "", message, SHAPE_HINT)])
    return YamlDocument(filename, data, tree)


def _refuse_expansion(tree: yaml.Node | None, filename: str) -> None:
    # Aliases share nodes, so a small file can name billions of values ("billion laughs");
    # count values as they would be expanded and stop early.
    pending = [tree] if tree is not None else []
    seen = 0
    collections: set[int] = set()
    shared = False
    while pending:
        node = pending.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise ContentError([_too_many_values(filename, aliased=shared)])
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            shared = shared or id(node) in collections
            collections.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _too_many_values(filename: str, *, aliased: bool) -> Problem:
    if aliased:
        message = f"the file expands to more than {MAX_VALUES} values"
        hint = "write the content out instead of repeating it with anchors (&) and aliases (*)"
    else:
        message = f"the file holds more than {MAX_VALUES} values"
        hint = "a questionnaire, catalogue or answers file holds a few thousand; is this the file?"
    return Problem(filename, None, None, "", message, hint)


def duplicate_keys(document: YamlDocument) -> list[Problem]:
    """Keys written twice in one mapping; YAML silently keeps the last, which hides mistakes."""
    problems = []
    for path, key, first in _duplicates(document.tree, ()):
        problems.append(
            document.problem(
                (*path, key),
                f"field '{key}' is written twice (first on line {first})",
                "YAML keeps only the last one; remove or rename one of them",
            )
        )
    return problems


def _duplicates(node: yaml.Node | None, path: FieldPath) -> Iterator[tuple[FieldPath, str, int]]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None:
                continue
            if name in seen:
                yield path, name, seen[name]
            seen[name] = key.start_mark.line + 1
            yield from _duplicates(value, (*path, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicates(item, (*path, index))


def describe(value: Any) -> str:
    """A value as it reads in YAML, for messages: 'text', 3, true, a list, a mapping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return str(value)
