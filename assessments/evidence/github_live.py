"""Fetch a repository's settings from the GitHub REST API with a token (httpx).

The responses are the same JSON that `gh api` saves, read by `github_settings.api_facts`.
Failures (no network, a bad token, a missing permission) become problems, never exceptions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from assessments.errors import Problem
from assessments.evidence.github_settings import ApiDocument

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://api.github.com"
TOKEN_VARIABLE = "READINESS_GITHUB_TOKEN"
API_URL_VARIABLE = "READINESS_GITHUB_API_URL"
TIMEOUT_SECONDS = 10.0
MAX_RULESETS = 50


@dataclass(frozen=True)
class GitHubAccess:
    """Where the API is and the token to use."""

    token: str
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_environment(cls) -> GitHubAccess | None:
        """The access configured by READINESS_GITHUB_TOKEN (and _API_URL); None without a token."""
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        if not token:
            return None
        return cls(token, os.environ.get(API_URL_VARIABLE, "").strip() or DEFAULT_API_URL)


def fetch_github(
    access: GitHubAccess, repository: str, now: datetime, branch: str | None = None
) -> tuple[list[ApiDocument], list[Problem]]:
    """Branch protection, rulesets, environments and workflow permissions of `repository`."""
    import httpx  # here: every report and page would load the HTTP client for nothing

    headers = {
        "Authorization": f"Bearer {access.token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
    }
    documents: list[ApiDocument] = []
    problems: list[Problem] = []
    base = f"/repos/{repository}"
    with httpx.Client(base_url=access.api_url, headers=headers, timeout=TIMEOUT_SECONDS) as client:

        def get(path: str, kind: str, missing_ok: bool = False) -> object | None:
            source = f"GET {base}{path}"
            try:
                response = client.get(base + path)
            except httpx.HTTPError as error:
                problems.append(Problem(source, None, None, "", f"request failed: {error}"))
                return None
            if response.status_code == 404 and missing_ok:
                value: object = response.json() if _is_json(response) else {}
            elif response.status_code != 200:
                problems.append(Problem(source, None, None, "", _refusal(response)))
                return None
            else:
                try:
                    value = response.json()
                except ValueError:
                    problems.append(Problem(source, None, None, "", "the answer is not JSON"))
                    return None
            if kind:
                documents.append(ApiDocument(kind, source, value, now))
            return value

        repo = get("", "")
        if branch is None:
            branch = repo.get("default_branch") if isinstance(repo, dict) else None
        if branch:
            get(f"/branches/{branch}/protection", "branch_protection", missing_ok=True)
        listing = get("/rulesets", "")
        if isinstance(listing, list):
            for summary in listing[:MAX_RULESETS]:
                if isinstance(summary, dict) and "id" in summary:
                    get(f"/rulesets/{summary['id']}", "ruleset")
        get("/environments", "environments")
        get("/actions/permissions/workflow", "workflow_permissions")
    return documents, problems


def _is_json(response: httpx.Response) -> bool:
    return str(response.headers.get("content-type", "")).startswith("application/json")


def _refusal(response: httpx.Response) -> str:
    detail = ""
    if _is_json(response):
        body = response.json()
        detail = f": {body.get('message')}" if isinstance(body, dict) else ""
    hints = {
        401: " (check the token)",
        403: " (the token lacks permission, or the rate limit was hit)",
        404: " (no such repository, or the token cannot see it)",
    }
    return f"HTTP {response.status_code}{detail}{hints.get(response.status_code, '')}"
