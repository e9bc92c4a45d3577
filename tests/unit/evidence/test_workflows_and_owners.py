"""GitHub Actions workflows and CODEOWNERS: each risky pattern found, located, or ruled out."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.evidence.codeowners import collect_codeowners, owner_rule, parse_codeowners
from assessments.evidence.workflows import collect_workflow

NOW = datetime(2026, 12, 1, tzinfo=UTC)
CLEAN = {
    "permissions_missing": False,
    "write_all": False,
    "pr_target_head_checkout": False,
    "secrets_in_pr_jobs": False,
    "deploy_without_environment": False,
}


def workflow_facts(tmp_path: Path, text: str) -> dict[str, tuple[object, str, int | None]]:
    path = tmp_path / "wf.yml"
    path.write_text(textwrap.dedent(text))
    scan = collect_workflow(path, "wf.yml", NOW)
    assert scan.problems == ()
    return {
        fact.name.removeprefix("actions.workflow."): (fact.value, fact.field, fact.line)
        for fact in scan.facts
    }


WORKFLOWS = [
    pytest.param(
        """
        on: pull_request
        permissions:
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test
        """,
        {},
        id="clean PR workflow",
    ),
    pytest.param(
        """
        on: [push, pull_request]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm ci
                env:
                  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
        """,
        {
            "permissions_missing": (True, "jobs.test.permissions", 4),
            "secrets_in_pr_jobs": (True, "jobs.test", 4),
        },
        id="no permissions, secret in a PR job",
    ),
    pytest.param(
        """
        on:
          pull_request_target:
            types: [opened]
        permissions: write-all
        jobs:
          label:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: ${{ github.event.pull_request.head.sha }}
              - run: echo ${{ secrets.GITHUB_TOKEN }}
        """,
        {
            "write_all": (True, "permissions", 5),
            "pr_target_head_checkout": (True, "jobs.label.steps[0].with.ref", 12),
        },
        id="pull_request_target checking out the head, write-all (GITHUB_TOKEN is no secret)",
    ),
    pytest.param(
        """
        on:
          pull_request_target:
        permissions: {}
        jobs:
          triage:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
        """,
        {},
        id="pull_request_target on the base branch only is fine",
    ),
    pytest.param(
        """
        on:
          push:
            branches: [main]
        permissions:
          contents: read
        jobs:
          build:
            runs-on: ubuntu-latest
            steps: [{run: make}]
          deploy-prod:
            runs-on: ubuntu-latest
            permissions: write-all
            steps:
              - run: ./deploy.sh ${{ secrets.PROD_KEY }}
        """,
        {
            "write_all": (True, "jobs.deploy-prod.permissions", 13),
            "deploy_without_environment": (True, "jobs.deploy-prod.environment", 11),
        },
        id="deploy job without environment, job-level write-all; push secrets are fine",
    ),
    pytest.param(
        """
        on: workflow_dispatch
        permissions:
          contents: read
        jobs:
          release:
            name: Publish to production
            environment: {name: production, url: https://example.com}
            runs-on: ubuntu-latest
            steps: [{run: make publish}]
        """,
        {},
        id="deploy job with an environment",
    ),
    pytest.param(
        """
        on: pull_request
        permissions: read-all
        jobs:
          call:
            uses: ./.github/workflows/reusable.yml
            secrets: inherit
        """,
        {"secrets_in_pr_jobs": (True, "jobs.call", 5)},
        id="reusable workflow inheriting secrets on pull_request",
    ),
]


@pytest.mark.parametrize(("text", "found"), WORKFLOWS)
def test_workflow_facts(tmp_path: Path, text: str, found: dict[str, object]) -> None:
    facts = workflow_facts(tmp_path, text)
    assert {name: value for name, (value, _, _) in facts.items()} == CLEAN | {
        name: True for name in found
    }
    for name, expected in found.items():
        assert facts[name] == expected


def test_a_broken_workflow_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("on: push\njobs:\n  build:\n    steps: [\n")
    scan = collect_workflow(path, ".github/workflows/broken.yml", NOW)
    assert scan.facts == ()
    assert [(p.file, p.line) for p in scan.problems] == [(".github/workflows/broken.yml", 5)]
    assert "hint: a workflow file is a YAML mapping" in str(scan.problems[0])


OWNERS = """\
# owners
*                     @org/everyone
/.github/workflows/   @org/platform
docs/*                @org/docs
**/AGENTS.md          @org/platform
/.claude/
CLAUDE.md             @org/platform
"""


@pytest.mark.parametrize(
    ("path", "pattern", "owners"),
    [
        (".github/workflows/ci.yml", "/.github/workflows/", ("@org/platform",)),
        (".github/workflows/nested/x.yml", "/.github/workflows/", ("@org/platform",)),
        ("docs/guide.md", "docs/*", ("@org/docs",)),
        ("docs/api/guide.md", "*", ("@org/everyone",)),
        ("services/a/AGENTS.md", "**/AGENTS.md", ("@org/platform",)),
        (".claude/settings.json", "/.claude/", ()),
        ("pkg/CLAUDE.md", "CLAUDE.md", ("@org/platform",)),
        ("src/app.py", "*", ("@org/everyone",)),
    ],
)
def test_the_last_matching_codeowners_line_decides(
    path: str, pattern: str, owners: tuple[str, ...]
) -> None:
    rule = owner_rule(parse_codeowners(OWNERS), path)
    assert rule is not None
    assert (rule.pattern, rule.owners) == (pattern, owners)


def test_codeowners_coverage_facts(tmp_path: Path) -> None:
    path = tmp_path / "CODEOWNERS"
    path.write_text(OWNERS)
    scan = collect_codeowners(path, ".github/CODEOWNERS", NOW)
    facts = {f.name: (f.value, f.field, f.line) for f in scan.facts}
    assert facts == {
        "codeowners.workflows_owned": (True, "/.github/workflows/", 3),
        # `/.claude/` is listed without owners, which leaves it unowned.
        "codeowners.agent_config_owned": (False, "no owner for .claude/settings.json", None),
    }
