"""The evidence-rules format, its checks in `readiness validate`, and every default rule."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.content.in_force import default_questionnaire
from assessments.errors import ContentError
from assessments.evidence.facts import Fact, FactValue, ReadHow
from assessments.evidence.names import FACT_NAMES
from assessments.evidence.rule_checks import load_evidence_rules, parse_evidence_rules
from assessments.evidence.rules import fact_tests
from assessments.evidence.verdicts import judge_rule
from assessments.files.validation import validate_paths
from assessments.settings import DEFAULT_DATA_DIR as DATA_DIR

RULES_FILE = DATA_DIR / "evidence_rules.yaml"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
HEADER = 'questionnaire: autonomy-readiness\nversion: "1"\nrules:\n'


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as raised:
        parse_evidence_rules(HEADER + textwrap.dedent(text), "rules.yaml", default_questionnaire())
    return [str(p) for p in raised.value.problems]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (
            """\
              - id: r1
                question: BR-99
                max: 1
                when: {fact: cursor.sandbox_type, equals: insecure_none}
                reason: x
                cites: y
            """,
            [
                "rules.yaml:5:3: rules[r1].question: unknown question 'BR-99'"
                " (hint: did you mean 'BR-09'?)"
            ],
        ),
        (
            """\
              - id: r1
                question: BR-01
                max: 1
                when: {fact: cursor.sandbox, equals: insecure_none}
                reason: x
                cites: y
            """,
            [
                "rules.yaml:7:10: rules[r1].when.fact: unknown fact 'cursor.sandbox'"
                " (hint: did you mean 'cursor.sandbox_type'? facts: cursor.sandbox_type,"
                " cursor.network_default)"
            ],
        ),
        (
            """\
              - id: r1
                question: BR-01
                max: 5
                unless:
                  all:
                    - {fact: cursor.sandbox_type, one_of: [workspace_readonly]}
                    - {fact: claude.project.sandbox_enabled, equals: true, at_least: 1}
                reason: x
                cites: y
            """,
            [
                "rules.yaml:10:9: rules[r1].unless.all[1]: a fact test needs exactly one operator,"
                " got 2 (hint: one of equals, one_of, at_least, at_most, contains, excludes)"
            ],
        ),
        (
            """\
              - id: r1
                question: BR-01
                max: 5
                when: {fact: cursor.sandbox_type, equals: insecure_none}
                reason: x
                cites: y
            """,
            [
                "rules.yaml:6:3: rules[r1].max: max 5 is above the top of BR-01's scale (4)"
                " (hint: a bound must be a value the question can take)"
            ],
        ),
        (
            """\
              - id: r1
                question: BR-01
                max: 1
                reason: x
            """,
            [
                "rules.yaml:4:3: rules[r1].cites: missing required field 'cites'"
                " (hint: add `cites:` with the documented field the rule reads,"
                " e.g. `permissions.deny`)",
            ],
        ),
        (
            """\
              - id: r1
                question: BR-01
                max: 1
                if: {fact: cursor.sandbox_type, equals: insecure_none}
                reason: x
                cites: y
            """,
            [
                "rules.yaml:7:3: rules[r1].if: unknown field 'if'"
                " (hint: allowed fields: id, question, max, when, unless, reason, cites)"
            ],
        ),
    ],
)
def test_a_bad_rule_is_refused_with_file_line_and_field(rules: str, expected: list[str]) -> None:
    assert problems_of(rules) == expected


def test_readiness_validate_checks_evidence_rules_against_the_questionnaire(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "evidence_rules.yaml"
    bad.write_text(
        "questionnaire: autonomy-readiness\nversion: '1'\nrules:\n"
        "  - {id: r, question: PA-99, max: 1, when: {fact: github.nope, equals: true},"
        " reason: x, cites: y}\n"
    )
    questionnaire = DATA_DIR / "questionnaires" / "autonomy-readiness.yaml"
    report = validate_paths([questionnaire, bad])
    assert [(p.line, p.field, p.message) for p in report.problems] == [
        (4, "rules[r].question", "unknown question 'PA-99'"),
        (4, "rules[r].when.fact", "unknown fact 'github.nope'"),
    ]


def test_the_default_rules_are_valid_and_cite_what_they_read() -> None:
    rules = load_evidence_rules(RULES_FILE, default_questionnaire()).rules
    assert len(rules) >= 12
    assert all(rule.cites.strip() and rule.reason.strip() for rule in rules)
    bound = {rule.question for rule in rules}
    assert {"BR-01", "BR-02", "BR-03", "PA-03", "PA-07", "PA-09"} <= bound
    assert all(q.startswith(("BR-", "PA-")) for q in bound)  # blast radius and access only


def fact(name: str, value: FactValue) -> Fact:
    assert name in FACT_NAMES
    return Fact(name, value, "f", "field", NOW, ReadHow.FILE_IN_REPO)


# Per default rule: facts under which its bound applies, and facts under which it does not.
PER_RULE: dict[str, tuple[list[Fact], list[Fact]]] = {
    "br01-cursor-sandbox-off": (
        [fact("cursor.sandbox_type", "insecure_none")],
        [fact("cursor.sandbox_type", "workspace_readonly")],
    ),
    "br01-codex-full-access": (
        [fact("codex.config.sandbox_mode", "danger-full-access")],
        [fact("codex.config.sandbox_mode", "workspace-write")],
    ),
    "br01-codex-full-access-allowed": (
        [fact("codex.requirements.allowed_sandbox_modes", ("read-only", "danger-full-access"))],
        [fact("codex.requirements.allowed_sandbox_modes", ("read-only",))],
    ),
    "br02-codex-network-open": (
        [fact("codex.config.network_access", True)],
        [fact("codex.config.network_access", False)],
    ),
    "br02-cursor-network-open": (
        [fact("cursor.network_default", "allow")],
        [fact("cursor.network_default", "deny")],
    ),
    "br02-claude-allowlist": (
        [fact("claude.project.sandbox_enabled", True), fact("claude.project.allowed_domains", ())],
        [
            fact("claude.project.sandbox_enabled", True),
            fact("claude.project.allowed_domains", ("github.com",)),
        ],
    ),
    "br03-no-deny-rules": (
        [fact("claude.project.deny_rules", 0)],
        [fact("claude.project.deny_rules", 0), fact("claude.managed.deny_rules", 3)],
    ),
    "br03-bypass-by-default": (
        [fact("claude.project.default_mode", "bypassPermissions")],
        [fact("claude.project.default_mode", "acceptEdits")],
    ),
    "br03-managed-and-locked": (
        [fact("claude.managed.deny_rules", 3), fact("claude.managed.bypass_disabled", False)],
        [fact("claude.managed.deny_rules", 3), fact("claude.managed.bypass_disabled", True)],
    ),
    "br03-codex-never-asks-allowed": (
        [fact("codex.requirements.allowed_approval_policies", ("on-request", "never"))],
        [fact("codex.requirements.allowed_approval_policies", ("untrusted", "on-request"))],
    ),
    "br03-agent-config-unowned": (
        [fact("codeowners.agent_config_owned", False)],
        [fact("codeowners.agent_config_owned", True)],
    ),
    "pa03-write-all-token": (
        [fact("actions.workflow.write_all", False), fact("actions.workflow.write_all", True)],
        [fact("actions.workflow.write_all", False), fact("actions.workflow.write_all", False)],
    ),
    "pa03-default-token-permissions": (
        [fact("actions.workflow.permissions_missing", True)],
        [fact("actions.workflow.permissions_missing", False)],
    ),
    "pa03-default-write": (
        [fact("github.actions.default_workflow_permissions", "write")],
        [fact("github.actions.default_workflow_permissions", "read")],
    ),
    "pa05-workflows-unowned": (
        [fact("codeowners.workflows_owned", False)],
        [fact("codeowners.workflows_owned", True)],
    ),
    "pa07-actions-can-approve": (
        [fact("github.actions.can_approve_pull_request_reviews", True)],
        [fact("github.actions.can_approve_pull_request_reviews", False)],
    ),
    "pa07-no-required-review": (
        [fact("github.review.required_approvals", 0)],
        [fact("github.review.required_approvals", 0), fact("github.review.required_approvals", 2)],
    ),
    "pa07-last-push-approval": (
        [fact("github.review.last_push_approval", False)],
        [fact("github.review.last_push_approval", True)],
    ),
    "pa07-self-review": (
        [fact("github.environment.prevent_self_review", False)],
        [fact("github.environment.prevent_self_review", True)],
    ),
    "pa08-codex-mcp-not-pinned": (
        [fact("codex.config.mcp_servers", ("browser",))],
        [fact("codex.requirements.mcp_servers", ("docs",))],
    ),
    "pa09-secrets-in-pr-jobs": (
        [fact("actions.workflow.secrets_in_pr_jobs", True)],
        [fact("actions.workflow.secrets_in_pr_jobs", False)],
    ),
    "pa09-pr-target-head": (
        [fact("actions.workflow.pr_target_head_checkout", True)],
        [fact("actions.workflow.pr_target_head_checkout", False)],
    ),
    "pa09-deploy-without-environment": (
        [fact("actions.workflow.deploy_without_environment", True)],
        [fact("actions.workflow.deploy_without_environment", False)],
    ),
    "pa09-no-environment-reviewers": (
        [fact("github.environment.required_reviewers", 0)],
        [fact("github.environment.required_reviewers", 2)],
    ),
}
DEFAULT_RULES = {rule.id: rule for rule in load_evidence_rules(RULES_FILE).rules}


def test_every_default_rule_has_a_case() -> None:
    assert set(PER_RULE) == set(DEFAULT_RULES)


@pytest.mark.parametrize("rule_id", sorted(PER_RULE))
def test_each_default_rule_binds_exactly_when_its_facts_say_so(rule_id: str) -> None:
    rule = DEFAULT_RULES[rule_id]
    binding, clear = PER_RULE[rule_id]
    bound = judge_rule(rule, binding)
    assert bound is not None and bound.binds
    assert bound.facts or bound.missing  # the verdict can say what set the bound
    free = judge_rule(rule, clear)
    assert free is not None and not free.binds


@pytest.mark.parametrize("rule_id", sorted(PER_RULE))
def test_a_default_rule_without_facts_of_its_family_judges_nothing(rule_id: str) -> None:
    rule = DEFAULT_RULES[rule_id]
    families = {test.fact.split(".")[0] for test in fact_tests(rule.condition)}
    other = next(n for n in FACT_NAMES if n.split(".")[0] not in families)
    assert judge_rule(rule, [fact(other, True)]) is None
