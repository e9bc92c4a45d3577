"""GitHub repository settings as the REST API returns them: protection, rulesets, environments.

The same JSON comes from files saved with `gh api` (see `GITHUB_JSON_FILES`) or from the live
API (`github_live`); both go through `api_facts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assessments.errors import Problem
from assessments.evidence.facts import Fact, FactValue, ReadHow, Scan
from assessments.evidence.readers import UnreadableFile, parse_json, read_text

GITHUB_JSON_FILES = {
    "branch-protection.json": "branch_protection",
    "rulesets.json": "rulesets",
    "environments.json": "environments",
    "actions-permissions-workflow.json": "workflow_permissions",
}
"""File name in a `--github-json` folder → what it holds. `gh api` commands that write them:
`repos/OWNER/REPO/branches/BRANCH/protection`, `repos/OWNER/REPO/rulesets/ID` (one file each in
`rulesets/`, or a JSON list of them in `rulesets.json`), `repos/OWNER/REPO/environments`,
`repos/OWNER/REPO/actions/permissions/workflow`."""


@dataclass(frozen=True)
class ApiDocument:
    """One API response: what it holds, where it came from, its JSON and when it was read."""

    kind: str
    source: str
    value: Any
    read_at: datetime


def read_github_json(folder: Path, shown: str) -> tuple[list[ApiDocument], list[Problem]]:
    """The API responses saved in `folder`; unreadable files become problems."""
    documents: list[ApiDocument] = []
    problems: list[Problem] = []
    files = [(folder / name, kind) for name, kind in GITHUB_JSON_FILES.items()]
    files += [(path, "ruleset") for path in sorted((folder / "rulesets").glob("*.json"))]
    for path, kind in files:
        if not path.is_file():
            continue
        name = f"{shown}/{path.relative_to(folder).as_posix()}"
        try:
            source = read_text(path, name)
            documents.append(ApiDocument(kind, name, parse_json(source), source.modified_at))
        except UnreadableFile as error:
            problems.append(error.problem)
    if not documents and not problems:
        problems.append(
            Problem(
                shown,
                None,
                None,
                "",
                "no saved GitHub API responses here",
                f"expected any of {', '.join(GITHUB_JSON_FILES)} or rulesets/*.json",
            )
        )
    return documents, problems


def api_facts(documents: list[ApiDocument]) -> Scan:
    """The facts of every API response."""
    facts: list[Fact] = []
    problems: list[Problem] = []
    for document in documents:
        reader = _READERS[document.kind]
        try:
            facts.extend(reader(document))
        except _Shape as error:
            problems.append(Problem(document.source, None, None, error.field, error.message))
        except (TypeError, ValueError) as error:
            problems.append(Problem(document.source, None, None, "", f"unexpected value: {error}"))
    return Scan(tuple(facts), tuple(problems), tuple(d.source for d in documents))


class _Shape(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message
        super().__init__(message)


def _fact(document: ApiDocument, name: str, field: str, value: FactValue) -> Fact:
    return Fact(name, value, document.source, field, document.read_at, ReadHow.API)


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(field, f"expected a JSON object, got {type(value).__name__}")
    return value


def _branch_protection(document: ApiDocument) -> list[Fact]:
    protection = _object(document.value, "")
    if "required_pull_request_reviews" not in protection and "message" in protection:
        return []  # "Branch not protected": no review requirement at all
    reviews = protection.get("required_pull_request_reviews") or {}
    reviews = _object(reviews, "required_pull_request_reviews")
    base = "required_pull_request_reviews"
    return [
        _fact(
            document,
            "github.review.required_approvals",
            f"{base}.required_approving_review_count",
            int(reviews.get("required_approving_review_count", 0)),
        ),
        _fact(
            document,
            "github.review.code_owner_review",
            f"{base}.require_code_owner_reviews",
            bool(reviews.get("require_code_owner_reviews", False)),
        ),
        _fact(
            document,
            "github.review.last_push_approval",
            f"{base}.require_last_push_approval",
            bool(reviews.get("require_last_push_approval", False)),
        ),
    ]


def _rulesets(document: ApiDocument) -> list[Fact]:
    if not isinstance(document.value, list):
        raise _Shape("", "expected a JSON list of rulesets")
    facts: list[Fact] = []
    for ruleset in document.value:
        facts += _ruleset(ApiDocument("ruleset", document.source, ruleset, document.read_at))
    return facts


def _ruleset(document: ApiDocument) -> list[Fact]:
    ruleset = _object(document.value, "")
    if "rules" not in ruleset:
        raise _Shape(
            "rules",
            "a ruleset summary without its rules; save each with `gh api .../rulesets/ID`",
        )
    if ruleset.get("enforcement") != "active" or ruleset.get("target", "branch") != "branch":
        return []
    name = f"rulesets[{ruleset.get('name', ruleset.get('id', '?'))}]"
    facts = [
        _fact(
            document,
            "github.rules.bypass_actors",
            f"{name}.bypass_actors",
            len(ruleset.get("bypass_actors") or []),
        )
    ]
    for rule in ruleset.get("rules") or []:
        if not isinstance(rule, dict) or rule.get("type") != "pull_request":
            continue
        parameters = _object(rule.get("parameters") or {}, f"{name}.rules[pull_request]")
        base = f"{name}.rules[pull_request].parameters"
        facts += [
            _fact(
                document,
                "github.review.required_approvals",
                f"{base}.required_approving_review_count",
                int(parameters.get("required_approving_review_count", 0)),
            ),
            _fact(
                document,
                "github.review.code_owner_review",
                f"{base}.require_code_owner_review",
                bool(parameters.get("require_code_owner_review", False)),
            ),
            _fact(
                document,
                "github.review.last_push_approval",
                f"{base}.require_last_push_approval",
                bool(parameters.get("require_last_push_approval", False)),
            ),
        ]
    return facts


def _environments(document: ApiDocument) -> list[Fact]:
    listing = _object(document.value, "")
    environments = listing.get("environments")
    if not isinstance(environments, list):
        raise _Shape("environments", "expected the `environments` list of the API response")
    facts: list[Fact] = []
    for environment in environments:
        environment = _object(environment, "environments[]")
        name = f"environments[{environment.get('name', '?')}]"
        rules = {
            rule.get("type"): rule
            for rule in environment.get("protection_rules") or []
            if isinstance(rule, dict)
        }
        reviewers = rules.get("required_reviewers")
        facts.append(
            _fact(
                document,
                "github.environment.required_reviewers",
                f"{name}.protection_rules[required_reviewers].reviewers",
                len(reviewers.get("reviewers") or []) if reviewers else 0,
            )
        )
        if reviewers:
            facts.append(
                _fact(
                    document,
                    "github.environment.prevent_self_review",
                    f"{name}.protection_rules[required_reviewers].prevent_self_review",
                    bool(reviewers.get("prevent_self_review", False)),
                )
            )
        timer = rules.get("wait_timer")
        facts.append(
            _fact(
                document,
                "github.environment.wait_timer",
                f"{name}.protection_rules[wait_timer].wait_timer",
                int(timer.get("wait_timer", 0)) if timer else 0,
            )
        )
    return facts


def _workflow_permissions(document: ApiDocument) -> list[Fact]:
    settings = _object(document.value, "")
    facts = []
    default = settings.get("default_workflow_permissions")
    if isinstance(default, str):
        facts.append(
            _fact(
                document,
                "github.actions.default_workflow_permissions",
                "default_workflow_permissions",
                default,
            )
        )
    approve = settings.get("can_approve_pull_request_reviews")
    if isinstance(approve, bool):
        facts.append(
            _fact(
                document,
                "github.actions.can_approve_pull_request_reviews",
                "can_approve_pull_request_reviews",
                approve,
            )
        )
    return facts


_READERS = {
    "branch_protection": _branch_protection,
    "rulesets": _rulesets,
    "ruleset": _ruleset,
    "environments": _environments,
    "workflow_permissions": _workflow_permissions,
}
