"""Every fact a collector can report, with the documented field it reads.

Evidence rules may name only these facts; `readiness validate` refuses any other name. A fact's
family is the part before the first dot (`claude`, `codex`, `cursor`, `actions`, `codeowners`,
`github`): a rule is judged only when the scan saw its family at all.
"""

from __future__ import annotations

_CLAUDE_SCOPES = {
    "managed": "managed-settings.json",
    "project": ".claude/settings.json",
}
_CLAUDE_FIELDS = {
    "deny_rules": ("permissions.deny", "number of deny rules"),
    "broad_allow": ("permissions.allow", "an allow rule grants a whole tool (e.g. `Bash`)"),
    "default_mode": ("permissions.defaultMode", "the default permission mode"),
    "bypass_disabled": (
        "permissions.disableBypassPermissionsMode",
        'bypass mode is disabled ("disable")',
    ),
    "sandbox_enabled": ("sandbox.enabled", "the OS sandbox is on"),
    "unsandboxed_commands_allowed": (
        "sandbox.allowUnsandboxedCommands",
        "commands may escape the sandbox (default true)",
    ),
    "allowed_domains": ("sandbox.network.allowedDomains", "hosts the sandbox may reach"),
}
_CLAUDE_MANAGED_ONLY = {
    "managed_rules_only": (
        "allowManagedPermissionRulesOnly",
        "only managed permission rules apply",
    ),
    "managed_hooks_only": ("allowManagedHooksOnly", "only managed hooks run"),
    "managed_domains_only": (
        "sandbox.network.allowManagedDomainsOnly",
        "only managed network domains apply",
    ),
    "auto_mode_disabled": ("disableAutoMode", "auto mode is disabled"),
}

FACT_NAMES: dict[str, str] = {
    **{
        f"claude.{scope}.{name}": f"{file} `{field}`: {what}"
        for scope, file in _CLAUDE_SCOPES.items()
        for name, (field, what) in _CLAUDE_FIELDS.items()
    },
    **{
        f"claude.managed.{name}": f"managed-settings.json `{field}`: {what}"
        for name, (field, what) in _CLAUDE_MANAGED_ONLY.items()
    },
    "codex.requirements.allowed_approval_policies": (
        "requirements.toml `allowed_approval_policies`: approval policies users may choose"
    ),
    "codex.requirements.allowed_sandbox_modes": (
        "requirements.toml `allowed_sandbox_modes`: sandbox modes users may choose"
    ),
    "codex.requirements.mcp_servers": (
        "requirements.toml `mcp_servers`: the MCP servers admins allow"
    ),
    "codex.config.approval_policy": "config.toml `approval_policy`: when Codex asks",
    "codex.config.sandbox_mode": "config.toml `sandbox_mode`: how far commands are sandboxed",
    "codex.config.network_access": (
        "config.toml `sandbox_workspace_write.network_access`: sandboxed commands reach the network"
    ),
    "codex.config.mcp_servers": "config.toml `mcp_servers`: MCP servers configured",
    "cursor.sandbox_type": ".cursor/sandbox.json `type`: the sandbox mode",
    "cursor.network_default": (
        ".cursor/sandbox.json `networkPolicy.default`: allow or deny unlisted hosts"
    ),
    "actions.workflow.permissions_missing": (
        "workflow `permissions`: a job runs with the repository's default token permissions"
    ),
    "actions.workflow.write_all": "workflow `permissions: write-all` at the top or on a job",
    "actions.workflow.pr_target_head_checkout": (
        "workflow `on: pull_request_target` with a checkout of the pull request's head"
    ),
    "actions.workflow.secrets_in_pr_jobs": (
        "workflow `jobs.<id>` run for pull requests reads `secrets.*` (other than GITHUB_TOKEN)"
    ),
    "actions.workflow.deploy_without_environment": (
        "workflow `jobs.<id>.environment`: a deploy job without an environment"
    ),
    "codeowners.workflows_owned": "CODEOWNERS: owners for `.github/workflows/**`",
    "codeowners.agent_config_owned": (
        "CODEOWNERS: owners for `.claude/**`, `AGENTS.md` and `CLAUDE.md`"
    ),
    "github.review.required_approvals": (
        "branch protection or ruleset `required_approving_review_count`"
    ),
    "github.review.code_owner_review": (
        "branch protection `require_code_owner_reviews` / ruleset `require_code_owner_review`"
    ),
    "github.review.last_push_approval": "branch protection or ruleset `require_last_push_approval`",
    "github.rules.bypass_actors": "ruleset `bypass_actors`: how many may bypass an active ruleset",
    "github.environment.required_reviewers": (
        "environment `protection_rules[required_reviewers].reviewers`: how many reviewers"
    ),
    "github.environment.prevent_self_review": (
        "environment `protection_rules[required_reviewers].prevent_self_review`"
    ),
    "github.environment.wait_timer": "environment `protection_rules[wait_timer].wait_timer`",
    "github.actions.default_workflow_permissions": (
        "actions/permissions/workflow `default_workflow_permissions`: read or write"
    ),
    "github.actions.can_approve_pull_request_reviews": (
        "actions/permissions/workflow `can_approve_pull_request_reviews`"
    ),
}


def family(name: str) -> str:
    """The source family of a fact name: `claude`, `codex`, `cursor`, `actions`, ..."""
    return name.split(".", 1)[0]
