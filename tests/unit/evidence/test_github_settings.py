"""GitHub repository settings: saved `gh api` JSON and the live API (against a replay server)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.evidence.facts import ReadHow, Scan
from assessments.evidence.github_live import GitHubAccess, fetch_github
from assessments.evidence.github_settings import api_facts, read_github_json
from assessments.evidence.scan import scan_paths
from tests.unit.evidence.replay_server import replaying

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples" / "evidence"
GOOD = SAMPLES / "well-governed" / "github-json"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def summary(scan: Scan) -> list[tuple[str, object, str]]:
    return sorted((f.name, f.value, f.field) for f in scan.facts)


EXPECTED_GOOD = sorted(
    [
        (
            "github.actions.can_approve_pull_request_reviews",
            False,
            "can_approve_pull_request_reviews",
        ),
        ("github.actions.default_workflow_permissions", "read", "default_workflow_permissions"),
        (
            "github.environment.prevent_self_review",
            True,
            "environments[production].protection_rules[required_reviewers].prevent_self_review",
        ),
        (
            "github.environment.required_reviewers",
            1,
            "environments[production].protection_rules[required_reviewers].reviewers",
        ),
        (
            "github.environment.wait_timer",
            15,
            "environments[production].protection_rules[wait_timer].wait_timer",
        ),
        (
            "github.review.code_owner_review",
            True,
            "required_pull_request_reviews.require_code_owner_reviews",
        ),
        (
            "github.review.code_owner_review",
            True,
            "rulesets[main protection].rules[pull_request].parameters.require_code_owner_review",
        ),
        (
            "github.review.last_push_approval",
            True,
            "required_pull_request_reviews.require_last_push_approval",
        ),
        (
            "github.review.last_push_approval",
            True,
            "rulesets[main protection].rules[pull_request].parameters.require_last_push_approval",
        ),
        (
            "github.review.required_approvals",
            1,
            "required_pull_request_reviews.required_approving_review_count",
        ),
        (
            "github.review.required_approvals",
            2,
            "rulesets[main protection].rules[pull_request].parameters"
            ".required_approving_review_count",
        ),
        ("github.rules.bypass_actors", 0, "rulesets[main protection].bypass_actors"),
    ]
)


def test_saved_api_responses_give_the_documented_fields() -> None:
    documents, problems = read_github_json(GOOD, "github-json")
    scan = api_facts(documents)
    assert problems == [] and scan.problems == ()
    assert summary(scan) == EXPECTED_GOOD
    assert {f.how for f in scan.facts} == {ReadHow.API}
    assert {f.source for f in scan.named("github.environment.wait_timer")} == {
        "github-json/environments.json"
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "environments.json",
            '{"total_count": 1, "environments": [',
            "gh/environments.json:1:37: invalid JSON: Expecting value"
            " (hint: check commas, quotes and brackets near this line)",
        ),
        (
            "environments.json",
            '{"message": "Not Found"}',
            "gh/environments.json: environments: expected the `environments` list of the API"
            " response",
        ),
        (
            "rulesets.json",
            '[{"id": 1, "name": "main", "enforcement": "active"}]',
            "gh/rulesets.json: rules: a ruleset summary without its rules; save each with"
            " `gh api .../rulesets/ID`",
        ),
    ],
)
def test_a_bad_saved_response_is_a_problem_and_the_others_are_read(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    folder = tmp_path / "gh"
    folder.mkdir()
    (folder / name).write_text(content)
    (folder / "actions-permissions-workflow.json").write_text(
        '{"default_workflow_permissions": "write", "can_approve_pull_request_reviews": true}'
    )
    scan = scan_paths([], NOW, github_json=folder)
    assert [str(p) for p in scan.problems] == [message.replace("gh/", f"{folder}/")]
    assert summary(scan) == [
        (
            "github.actions.can_approve_pull_request_reviews",
            True,
            "can_approve_pull_request_reviews",
        ),
        ("github.actions.default_workflow_permissions", "write", "default_workflow_permissions"),
    ]


def test_an_unprotected_branch_and_an_inactive_ruleset_require_nothing(tmp_path: Path) -> None:
    (tmp_path / "branch-protection.json").write_text('{"message": "Branch not protected"}')
    (tmp_path / "rulesets").mkdir()
    (tmp_path / "rulesets" / "7.json").write_text(
        json.dumps({"id": 7, "name": "draft", "enforcement": "evaluate", "rules": []})
    )
    documents, problems = read_github_json(tmp_path, "gh")
    assert problems == []
    assert api_facts(documents).facts == ()


def _recording() -> dict[str, tuple[int, object]]:
    base = "/repos/example/web"

    def saved(name: str) -> object:
        return json.loads((GOOD / name).read_text())

    return {
        base: (200, {"full_name": "example/web", "default_branch": "main"}),
        f"{base}/branches/main/protection": (200, saved("branch-protection.json")),
        f"{base}/rulesets": (200, [{"id": 4021, "name": "main protection"}]),
        f"{base}/rulesets/4021": (200, saved("rulesets/4021.json")),
        f"{base}/environments": (200, saved("environments.json")),
        f"{base}/actions/permissions/workflow": (200, saved("actions-permissions-workflow.json")),
    }


def test_the_live_api_gives_the_same_facts_as_the_saved_responses() -> None:
    with replaying(_recording()) as (url, seen):
        scan = scan_paths([], NOW, github=(GitHubAccess("t0ken", url), "example/web"))
    assert scan.problems == ()
    assert summary(scan) == EXPECTED_GOOD
    assert {f.read_at for f in scan.facts} == {NOW}
    assert seen == [
        ("/repos/example/web", "Bearer t0ken"),
        ("/repos/example/web/branches/main/protection", "Bearer t0ken"),
        ("/repos/example/web/rulesets", "Bearer t0ken"),
        ("/repos/example/web/rulesets/4021", "Bearer t0ken"),
        ("/repos/example/web/environments", "Bearer t0ken"),
        ("/repos/example/web/actions/permissions/workflow", "Bearer t0ken"),
    ]
    sources = {f.source for f in scan.named("github.actions.default_workflow_permissions")}
    assert sources == {"GET /repos/example/web/actions/permissions/workflow"}


def test_a_refusing_api_gives_problems_not_exceptions() -> None:
    recording = {
        "/repos/example/web": (401, {"message": "Bad credentials"}),
        "/repos/example/web/rulesets": (403, {"message": "Resource not accessible"}),
    }
    with replaying(recording) as (url, _):
        documents, problems = fetch_github(GitHubAccess("bad", url), "example/web", NOW)
    assert documents == []
    assert [str(p) for p in problems] == [
        "GET /repos/example/web: HTTP 401: Bad credentials (check the token)",
        "GET /repos/example/web/rulesets: HTTP 403: Resource not accessible"
        " (the token lacks permission, or the rate limit was hit)",
        "GET /repos/example/web/environments: HTTP 404: Not Found"
        " (no such repository, or the token cannot see it)",
        "GET /repos/example/web/actions/permissions/workflow: HTTP 404: Not Found"
        " (no such repository, or the token cannot see it)",
    ]


def test_an_unreachable_api_is_a_problem() -> None:
    with replaying({}) as (url, _):
        pass  # the server is stopped: nothing listens on that port any more
    documents, problems = fetch_github(GitHubAccess("t", url), "example/web", NOW)
    assert documents == []
    assert len(problems) == 4
    assert all("request failed" in p.message for p in problems)


def test_the_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READINESS_GITHUB_TOKEN", raising=False)
    assert GitHubAccess.from_environment() is None
    monkeypatch.setenv("READINESS_GITHUB_TOKEN", " abc ")
    monkeypatch.setenv("READINESS_GITHUB_API_URL", "http://127.0.0.1:9")
    assert GitHubAccess.from_environment() == GitHubAccess("abc", "http://127.0.0.1:9")
