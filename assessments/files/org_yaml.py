"""Org structure in YAML: `units:` and `teams:` lists read node by node, so every problem
carries its line."""

from __future__ import annotations

import yaml

from assessments.content.yaml_source import DEPTH_HINT, GuardedLoader, NestedTooDeepError
from assessments.errors import ContentError, Problem
from assessments.files.org_files import Cell, OrgRows, Row


def yaml_rows(text: str, file: str) -> OrgRows:
    collected = OrgRows(file, units_declared=True)
    try:
        root = yaml.compose(text, Loader=GuardedLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (None, None) if mark is None else (mark.line + 1, mark.column + 1)
        reason = getattr(error, "problem", None) or str(error)
        hint = (
            DEPTH_HINT
            if isinstance(error, NestedTooDeepError)
            else "fix the YAML syntax at this line (indentation, quotes, colons)"
        )
        raise ContentError(
            [Problem(file, line, column, "", f"not valid YAML: {reason}", hint)]
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(
            [
                Problem(
                    file,
                    1,
                    None,
                    "",
                    "expected a mapping with `units:` and `teams:`",
                    "start the file with `units:` and `teams:`",
                )
            ]
        )
    sections = {key.value: value for key, value in root.value}
    for key, _ in root.value:
        if key.value not in ("units", "teams"):
            collected.problems.append(
                Problem(
                    file,
                    key.start_mark.line + 1,
                    None,
                    key.value,
                    f"unknown field {key.value!r}",
                    "allowed: units, teams",
                )
            )
    for row in _yaml_items(sections.get("units"), "units", ("unit", "unit_slug"), collected):
        collected.add_unit(row)
    for row in _yaml_items(
        sections.get("teams"), "teams", ("team", "unit", "team_slug"), collected
    ):
        collected.add_team(row, collected.resolve_unit(row))
    return collected


def _yaml_items(
    node: yaml.Node | None, section: str, allowed: tuple[str, ...], collected: OrgRows
) -> list[Row]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        collected.problems.append(
            Problem(
                collected.file,
                node.start_mark.line + 1,
                None,
                section,
                "expected a list",
                f"put one `- ` item per entry under `{section}:`",
            )
        )
        return []
    rows = []
    for index, item in enumerate(node.value):
        prefix = f"{section}[{index}]."
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            collected.problems.append(
                Problem(
                    collected.file,
                    line,
                    None,
                    f"{section}[{index}]",
                    "expected a mapping",
                    f"write the item as `{allowed[0]}: name`",
                )
            )
            continue
        cells: dict[str, Cell] = {}
        for key, value in item.value:
            where = value.start_mark.line + 1
            if key.value not in allowed or not isinstance(value, yaml.ScalarNode):
                message = (
                    f"unknown field {key.value!r}" if key.value not in allowed else "expected text"
                )
                collected.problems.append(
                    Problem(
                        collected.file,
                        where,
                        None,
                        prefix + key.value,
                        message,
                        f"allowed: {', '.join(allowed)}"
                        if key.value not in allowed
                        else "write the value as plain text",
                    )
                )
                continue
            is_null = value.tag == "tag:yaml.org,2002:null"
            cells[key.value] = Cell("" if is_null else value.value, where, key.value)
        rows.append(Row(line, prefix, cells))
    return rows
