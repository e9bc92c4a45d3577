"""Claude Code settings: the managed policy (`managed-settings.json`) and `.claude/settings.json`.

Fields as documented for Claude Code settings: `permissions.allow/deny/defaultMode`,
`permissions.disableBypassPermissionsMode`, `sandbox.enabled`, `sandbox.allowUnsandboxedCommands`
(default true), `sandbox.network.allowedDomains`, and the managed-only switches.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from assessments.errors import Problem
from assessments.evidence.facts import Fact, FactValue, ReadHow, Scan
from assessments.evidence.readers import (
    SourceFile,
    UnreadableFile,
    object_of,
    parse_json,
    read_text,
)

# A rule naming only the tool (or the tool with a bare wildcard) allows every use of it.
_WHOLE_TOOL = {"Bash", "Bash(*)", "Bash(:*)", "Edit", "Write", "WebFetch", "mcp__*"}


def collect_claude_settings(path: Path, shown: str, now: datetime, *, managed: bool) -> Scan:
    """Facts from one Claude Code settings file (managed policy when `managed`)."""
    try:
        source = read_text(path, shown)
        settings = object_of(parse_json(source), source)
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    return _facts(settings, source, now, managed=managed)


def _facts(settings: dict[str, Any], source: SourceFile, now: datetime, *, managed: bool) -> Scan:
    scope = "managed" if managed else "project"
    how = ReadHow.MANAGED_POLICY if managed else ReadHow.FILE_IN_REPO
    facts: list[Fact] = []
    problems: list[Problem] = []

    def add(name: str, field: str, value: FactValue) -> None:
        facts.append(Fact(f"claude.{scope}.{name}", value, source.name, field, now, how))

    def get(field: str, kinds: tuple[type, ...], default: Any) -> Any:
        value: Any = settings
        for key in field.split("."):
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
            expected = " or ".join(k.__name__ for k in kinds)
            problems.append(
                Problem(source.name, None, None, field, f"expected {expected}, got {value!r}")
            )
            return default
        return value

    deny = get("permissions.deny", (list,), [])
    allow = get("permissions.allow", (list,), [])
    add("deny_rules", "permissions.deny", len(deny))
    add("broad_allow", "permissions.allow", any(rule in _WHOLE_TOOL for rule in allow))
    mode = get("permissions.defaultMode", (str,), "default")
    add("default_mode", "permissions.defaultMode", mode)
    bypass = get("permissions.disableBypassPermissionsMode", (str,), "")
    add("bypass_disabled", "permissions.disableBypassPermissionsMode", bypass == "disable")
    add("sandbox_enabled", "sandbox.enabled", get("sandbox.enabled", (bool,), False))
    add(
        "unsandboxed_commands_allowed",
        "sandbox.allowUnsandboxedCommands",
        get("sandbox.allowUnsandboxedCommands", (bool,), True),
    )
    domains = get("sandbox.network.allowedDomains", (list,), None)
    if domains is not None:
        add("allowed_domains", "sandbox.network.allowedDomains", tuple(str(d) for d in domains))
    if managed:
        for name, field in (
            ("managed_rules_only", "allowManagedPermissionRulesOnly"),
            ("managed_hooks_only", "allowManagedHooksOnly"),
            ("managed_domains_only", "sandbox.network.allowManagedDomainsOnly"),
        ):
            add(name, field, get(field, (bool,), False))
        auto = get("disableAutoMode", (str, bool), False)
        add("auto_mode_disabled", "disableAutoMode", auto in ("disable", True))
    return Scan(tuple(facts), tuple(problems), (source.name,))
