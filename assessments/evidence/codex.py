"""Codex: the admin-enforced `requirements.toml` and the project's `.codex/config.toml`.

Fields as documented for Codex: `allowed_approval_policies`, `allowed_sandbox_modes` and the
`mcp_servers` allowlist in requirements; `approval_policy` (`untrusted`, `on-failure`,
`on-request`, `never`), `sandbox_mode` (`read-only`, `workspace-write`, `danger-full-access`),
`sandbox_workspace_write.network_access` and `mcp_servers` in config.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from assessments.errors import Problem
from assessments.evidence.facts import Fact, FactValue, ReadHow, Scan
from assessments.evidence.readers import UnreadableFile, parse_toml, read_text


def collect_codex_requirements(path: Path, shown: str, now: datetime) -> Scan:
    """Facts from an admin-enforced Codex `requirements.toml`."""
    try:
        source = read_text(path, shown)
        table = parse_toml(source)
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    facts: list[Fact] = []
    problems: list[Problem] = []
    for key in ("allowed_approval_policies", "allowed_sandbox_modes"):
        values = _names(table, key, shown, problems)
        if values is not None:
            facts.append(
                Fact(f"codex.requirements.{key}", values, shown, key, now, ReadHow.MANAGED_POLICY)
            )
    servers = _table(table, "mcp_servers", shown, problems)
    if servers is not None:
        facts.append(
            Fact(
                "codex.requirements.mcp_servers",
                tuple(sorted(servers)),
                shown,
                "mcp_servers",
                now,
                ReadHow.MANAGED_POLICY,
            )
        )
    return Scan(tuple(facts), tuple(problems), (shown,))


def collect_codex_config(path: Path, shown: str, now: datetime) -> Scan:
    """Facts from a project's `.codex/config.toml`."""
    try:
        source = read_text(path, shown)
        table = parse_toml(source)
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    facts: list[Fact] = []
    problems: list[Problem] = []

    def add(name: str, field: str, value: FactValue) -> None:
        facts.append(Fact(f"codex.config.{name}", value, shown, field, now, ReadHow.FILE_IN_REPO))

    for key in ("approval_policy", "sandbox_mode"):
        value = table.get(key)
        if isinstance(value, str):
            add(key, key, value)
        elif value is not None:
            problems.append(Problem(shown, None, None, key, f"expected text, got {value!r}"))
    write = _table(table, "sandbox_workspace_write", shown, problems) or {}
    network = write.get("network_access", False)
    if not isinstance(network, bool):
        field = "sandbox_workspace_write.network_access"
        message = f"expected true or false, got {network!r}"
        problems.append(Problem(shown, None, None, field, message))
        network = False
    if table.get("sandbox_mode") == "workspace-write" or "network_access" in write:
        add("network_access", "sandbox_workspace_write.network_access", network)
    servers = _table(table, "mcp_servers", shown, problems)
    add("mcp_servers", "mcp_servers", tuple(sorted(servers or {})))
    return Scan(tuple(facts), tuple(problems), (shown,))


def _names(table: dict[str, Any], key: str, file: str, problems: list[Problem]) -> Any:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(file, None, None, key, f"expected a list of text, got {value!r}"))
        return None
    return tuple(value)


def _table(
    table: dict[str, Any], key: str, file: str, problems: list[Problem]
) -> dict[str, Any] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(Problem(file, None, None, key, f"expected a table, got {value!r}"))
        return None
    return value
