"""Each collector on real-format files: the facts it reports, and broken files as problems."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.evidence.claude import collect_claude_settings
from assessments.evidence.codex import collect_codex_config, collect_codex_requirements
from assessments.evidence.cursor import collect_cursor_sandbox
from assessments.evidence.facts import ReadHow, Scan
from assessments.evidence.names import FACT_NAMES

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def values(scan: Scan) -> dict[str, object]:
    return {fact.name: fact.value for fact in scan.facts}


CLAUDE_CASES = [
    pytest.param(
        True,
        """
        {"permissions": {"deny": ["Bash(rm -rf:*)", "Read(./.env)"],
                         "disableBypassPermissionsMode": "disable"},
         "allowManagedPermissionRulesOnly": true,
         "sandbox": {"enabled": true, "allowUnsandboxedCommands": false,
                     "network": {"allowedDomains": ["github.com"],
                                 "allowManagedDomainsOnly": true}}}
        """,
        {
            "claude.managed.deny_rules": 2,
            "claude.managed.broad_allow": False,
            "claude.managed.default_mode": "default",
            "claude.managed.bypass_disabled": True,
            "claude.managed.sandbox_enabled": True,
            "claude.managed.unsandboxed_commands_allowed": False,
            "claude.managed.allowed_domains": ("github.com",),
            "claude.managed.managed_rules_only": True,
            "claude.managed.managed_hooks_only": False,
            "claude.managed.managed_domains_only": True,
            "claude.managed.auto_mode_disabled": False,
        },
        id="managed policy, locked down",
    ),
    pytest.param(
        False,
        '{"permissions": {"allow": ["Bash"], "defaultMode": "bypassPermissions"}}',
        {
            "claude.project.deny_rules": 0,
            "claude.project.broad_allow": True,
            "claude.project.default_mode": "bypassPermissions",
            "claude.project.bypass_disabled": False,
            "claude.project.sandbox_enabled": False,
            "claude.project.unsandboxed_commands_allowed": True,
        },
        id="project settings, wide open (sandbox defaults)",
    ),
    pytest.param(
        False,
        "{}",
        {
            "claude.project.deny_rules": 0,
            "claude.project.broad_allow": False,
            "claude.project.default_mode": "default",
            "claude.project.bypass_disabled": False,
            "claude.project.sandbox_enabled": False,
            "claude.project.unsandboxed_commands_allowed": True,
        },
        id="empty settings are the documented defaults",
    ),
]


@pytest.mark.parametrize(("managed", "text", "expected"), CLAUDE_CASES)
def test_claude_settings_facts(
    tmp_path: Path, managed: bool, text: str, expected: dict[str, object]
) -> None:
    path = write(tmp_path, "settings.json", text)
    scan = collect_claude_settings(path, "settings.json", NOW, managed=managed)
    assert scan.problems == ()
    assert values(scan) == expected
    how = ReadHow.MANAGED_POLICY if managed else ReadHow.FILE_IN_REPO
    assert {fact.how for fact in scan.facts} == {how}
    assert {fact.read_at for fact in scan.facts} == {NOW}


def test_claude_fact_names_the_documented_field(tmp_path: Path) -> None:
    path = write(tmp_path, ".claude/settings.json", '{"permissions": {"deny": []}}')
    scan = collect_claude_settings(path, ".claude/settings.json", NOW, managed=False)
    deny = scan.named("claude.project.deny_rules")[0]
    assert (deny.source, deny.field, deny.value) == (".claude/settings.json", "permissions.deny", 0)


def test_a_wrongly_typed_claude_field_is_a_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", '{"permissions": {"deny": "Bash(rm:*)"}, "sandbox": {}}')
    scan = collect_claude_settings(path, "s.json", NOW, managed=False)
    assert [str(p) for p in scan.problems] == [
        "s.json: permissions.deny: expected list, got 'Bash(rm:*)'"
    ]
    assert values(scan)["claude.project.deny_rules"] == 0
    assert values(scan)["claude.project.sandbox_enabled"] is False


CODEX_REQUIREMENTS = """
    allowed_approval_policies = ["untrusted", "on-request"]
    allowed_sandbox_modes = ["read-only", "workspace-write"]

    [mcp_servers.docs.identity]
    command = "docs-mcp"
    """


def test_codex_requirements_facts(tmp_path: Path) -> None:
    path = write(tmp_path, "requirements.toml", CODEX_REQUIREMENTS)
    scan = collect_codex_requirements(path, "requirements.toml", NOW)
    assert scan.problems == ()
    assert values(scan) == {
        "codex.requirements.allowed_approval_policies": ("untrusted", "on-request"),
        "codex.requirements.allowed_sandbox_modes": ("read-only", "workspace-write"),
        "codex.requirements.mcp_servers": ("docs",),
    }
    assert {fact.how for fact in scan.facts} == {ReadHow.MANAGED_POLICY}


CODEX_CONFIG_CASES = [
    pytest.param(
        """
        approval_policy = "never"
        sandbox_mode = "danger-full-access"
        """,
        {
            "codex.config.approval_policy": "never",
            "codex.config.sandbox_mode": "danger-full-access",
            "codex.config.mcp_servers": (),
        },
        id="full access, never asks",
    ),
    pytest.param(
        """
        sandbox_mode = "workspace-write"
        [sandbox_workspace_write]
        network_access = true
        [mcp_servers.postgres]
        command = "npx"
        [mcp_servers.browser]
        command = "npx"
        """,
        {
            "codex.config.sandbox_mode": "workspace-write",
            "codex.config.network_access": True,
            "codex.config.mcp_servers": ("browser", "postgres"),
        },
        id="workspace write with the network on",
    ),
    pytest.param(
        'sandbox_mode = "workspace-write"\n',
        {
            "codex.config.sandbox_mode": "workspace-write",
            "codex.config.network_access": False,
            "codex.config.mcp_servers": (),
        },
        id="workspace write: network off by default",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CODEX_CONFIG_CASES)
def test_codex_config_facts(tmp_path: Path, text: str, expected: dict[str, object]) -> None:
    path = write(tmp_path, "config.toml", text)
    scan = collect_codex_config(path, ".codex/config.toml", NOW)
    assert scan.problems == ()
    assert values(scan) == expected


CURSOR_CASES = [
    pytest.param(
        '{"type": "insecure_none", "networkPolicy": {"default": "allow"}}',
        {"cursor.sandbox_type": "insecure_none", "cursor.network_default": "allow"},
        id="sandbox off",
    ),
    pytest.param(
        '{"networkPolicy": {"default": "deny", "allow": ["github.com"]}}',
        {"cursor.sandbox_type": "workspace_readwrite", "cursor.network_default": "deny"},
        id="default type, deny by default",
    ),
    pytest.param(
        '{"type": "workspace_readonly"}',
        {"cursor.sandbox_type": "workspace_readonly"},
        id="read only, no network policy",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CURSOR_CASES)
def test_cursor_sandbox_facts(tmp_path: Path, text: str, expected: dict[str, object]) -> None:
    path = write(tmp_path, ".cursor/sandbox.json", text)
    scan = collect_cursor_sandbox(path, ".cursor/sandbox.json", NOW)
    assert scan.problems == ()
    assert values(scan) == expected


def test_an_unknown_cursor_sandbox_type_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "sandbox.json", '{"type": "container"}')
    scan = collect_cursor_sandbox(path, "sandbox.json", NOW)
    assert scan.facts == ()
    assert [str(p) for p in scan.problems] == [
        "sandbox.json: type: unknown sandbox type 'container' (hint: documented values:"
        " workspace_readwrite, workspace_readonly, insecure_none)"
    ]


MALFORMED = [
    pytest.param(
        "claude",
        "settings.json",
        '{\n  "permissions": {\n    "deny": ["Bash(rm:*)",]\n  }\n}',
        "settings.json:3:27: invalid JSON: Expecting value"
        " (hint: check commas, quotes and brackets near this line)",
        id="JSON trailing comma",
    ),
    pytest.param(
        "claude",
        "settings.json",
        '["not", "an", "object"]',
        "settings.json:1:1: expected an object at the top level, got list",
        id="JSON list instead of object",
    ),
    pytest.param(
        "codex-config",
        "config.toml",
        'approval_policy = "never"\nsandbox_mode = workspace-write\n',
        "config.toml:2:16: invalid TOML: Invalid value"
        " (hint: check quoting, brackets and `key = value` pairs near this line)",
        id="TOML unquoted string",
    ),
    pytest.param(
        "codex-requirements",
        "requirements.toml",
        'allowed_sandbox_modes = ["read-only"\n',
        "requirements.toml:1: invalid TOML: Unclosed array at the end of the file"
        " (hint: check quoting, brackets and `key = value` pairs near this line)",
        id="TOML unclosed array",
    ),
    pytest.param(
        "cursor",
        "sandbox.json",
        "",
        "sandbox.json:1:1: invalid JSON: Expecting value"
        " (hint: check commas, quotes and brackets near this line)",
        id="empty JSON file",
    ),
    pytest.param(
        "cursor",
        "sandbox.json",
        b"\xff\xfe{}",
        "sandbox.json: not UTF-8 text (invalid start byte) (hint: save as UTF-8)",
        id="not UTF-8",
    ),
]
COLLECTORS = {
    "claude": lambda p, s: collect_claude_settings(p, s, NOW, managed=False),
    "codex-config": lambda p, s: collect_codex_config(p, s, NOW),
    "codex-requirements": lambda p, s: collect_codex_requirements(p, s, NOW),
    "cursor": lambda p, s: collect_cursor_sandbox(p, s, NOW),
}


@pytest.mark.parametrize(("collector", "name", "content", "message"), MALFORMED)
def test_a_malformed_file_is_one_problem_naming_file_and_line(
    tmp_path: Path, collector: str, name: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    scan = COLLECTORS[collector](path, name)
    assert scan.facts == ()
    assert [str(p) for p in scan.problems] == [message]


def test_every_fact_a_collector_reports_has_a_documented_name(tmp_path: Path) -> None:
    path = write(tmp_path, "m.json", str(CLAUDE_CASES[0].values[1]))
    scans = [
        collect_claude_settings(path, "m.json", NOW, managed=True),
        collect_codex_requirements(write(tmp_path, "r.toml", CODEX_REQUIREMENTS), "r", NOW),
    ]
    names = {fact.name for scan in scans for fact in scan.facts}
    assert names <= set(FACT_NAMES)
