"""GitHub Actions workflows: token permissions, pull_request_target, PR secrets, environments.

Per workflow file, five facts, each true when the risky pattern is present (and located at its
first occurrence), false when the file is clean:

- `permissions_missing`: no top-level `permissions:` and a job without its own, so the job runs
  with the repository's default token permissions;
- `write_all`: `permissions: write-all` at the top or on a job;
- `pr_target_head_checkout`: `on: pull_request_target` and a checkout of the pull request's head,
  which runs untrusted code with the base repository's secrets and write token;
- `secrets_in_pr_jobs`: a job run for `pull_request`/`pull_request_target` reads `secrets.*`
  (other than `GITHUB_TOKEN`) or passes `secrets: inherit`;
- `deploy_without_environment`: a job named like a deploy (deploy, release, publish) without
  `environment:`, so no protection rule gates it and no environment secret binds to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from assessments.content.yaml_source import FieldPath, YamlDocument
from assessments.evidence.facts import Fact, ReadHow, Scan
from assessments.evidence.readers import UnreadableFile, parse_yaml, read_text

PR_TRIGGERS = {"pull_request", "pull_request_target"}
_SECRET = re.compile(r"secrets\s*\.\s*(?!GITHUB_TOKEN\b)[A-Za-z_][A-Za-z0-9_]*|secrets\s*\[")
_PR_HEAD = re.compile(r"github\.event\.pull_request\.head\.|github\.head_ref")
_DEPLOY = re.compile(r"deploy|release|publish", re.IGNORECASE)
WORKFLOW_SUFFIXES = (".yml", ".yaml")

Finding = tuple[FieldPath, str] | None
"""Where a risky pattern was found: the YAML path and the field as shown; None when clean."""


def collect_workflow(path: Path, shown: str, now: datetime) -> Scan:
    """The five facts of one workflow file."""
    try:
        document = parse_yaml(read_text(path, shown))
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    data = document.data
    raw_jobs = data.get("jobs")
    jobs: dict[str, Any] = raw_jobs if isinstance(raw_jobs, dict) else {}
    checks: dict[str, tuple[Finding, str]] = {
        "permissions_missing": (_permissions_missing(data, jobs), "permissions"),
        "write_all": (_write_all(data, jobs), "permissions"),
        "pr_target_head_checkout": (_pr_target_head(data, jobs), "on.pull_request_target"),
        "secrets_in_pr_jobs": (_secrets_in_pr_jobs(data, jobs), "jobs.<id>"),
        "deploy_without_environment": (_deploy_without_environment(jobs), "jobs.<id>.environment"),
    }
    facts = tuple(
        _fact(name, finding, default_field, document, now)
        for name, (finding, default_field) in checks.items()
    )
    return Scan(facts, (), (shown,))


def _fact(
    name: str, finding: Finding, default_field: str, document: YamlDocument, now: datetime
) -> Fact:
    full = f"actions.workflow.{name}"
    if finding is None:
        return Fact(full, False, document.file, default_field, now, ReadHow.FILE_IN_REPO)
    path, field = finding
    line, _ = document.position(path)
    return Fact(full, True, document.file, field, now, ReadHow.FILE_IN_REPO, line)


def triggers(data: dict[Any, Any]) -> set[str]:
    """The events a workflow runs on (`on:` is read by YAML 1.1 as the key true)."""
    on = data.get("on", data.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(event) for event in on}
    if isinstance(on, dict):
        return {str(event) for event in on}
    return set()


def _jobs(jobs: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in jobs.items():
        if isinstance(job, dict):
            yield str(job_id), job


def _permissions_missing(data: dict[str, Any], jobs: dict[str, Any]) -> Finding:
    if "permissions" in data:
        return None
    for job_id, job in _jobs(jobs):
        if "permissions" not in job:
            return ("jobs", job_id), f"jobs.{job_id}.permissions"
    return None


def _write_all(data: dict[str, Any], jobs: dict[str, Any]) -> Finding:
    if data.get("permissions") == "write-all":
        return ("permissions",), "permissions"
    for job_id, job in _jobs(jobs):
        if job.get("permissions") == "write-all":
            return ("jobs", job_id, "permissions"), f"jobs.{job_id}.permissions"
    return None


def _pr_target_head(data: dict[str, Any], jobs: dict[str, Any]) -> Finding:
    if "pull_request_target" not in triggers(data):
        return None
    for job_id, job in _jobs(jobs):
        steps = job.get("steps")
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            if not isinstance(step, dict) or "actions/checkout" not in str(step.get("uses", "")):
                continue
            with_ = step.get("with")
            ref = with_.get("ref", "") if isinstance(with_, dict) else ""
            if _PR_HEAD.search(str(ref)):
                path: FieldPath = ("jobs", job_id, "steps", index, "with", "ref")
                return path, f"jobs.{job_id}.steps[{index}].with.ref"
    return None


def _secrets_in_pr_jobs(data: dict[str, Any], jobs: dict[str, Any]) -> Finding:
    if not triggers(data) & PR_TRIGGERS:
        return None
    for job_id, job in _jobs(jobs):
        if job.get("secrets") == "inherit" or _SECRET.search(json.dumps(job, default=str)):
            return ("jobs", job_id), f"jobs.{job_id}"
    return None


def _deploy_without_environment(jobs: dict[str, Any]) -> Finding:
    for job_id, job in _jobs(jobs):
        named = f"{job_id} {job.get('name', '')}"
        if _DEPLOY.search(named) and not job.get("environment"):
            return ("jobs", job_id), f"jobs.{job_id}.environment"
    return None
