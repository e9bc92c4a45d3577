"""`readiness evidence scan PATH...`: configuration facts, and verdicts on a team's answers."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from assessments.content.in_force import load_content
from assessments.content.loading import load_answer_sheet
from assessments.errors import ContentError, ReadinessError
from assessments.evidence.check import check_evidence
from assessments.evidence.github_live import TOKEN_VARIABLE, GitHubAccess
from assessments.evidence.readers import now_utc
from assessments.evidence.report import check_dict, check_text
from cli.problems import print_problems


def run_evidence_scan(
    paths: list[Path],
    output_format: str,
    answers: Path | None = None,
    github_json: Path | None = None,
    github_repo: str | None = None,
    now: datetime | None = None,
) -> int:
    """Print facts (and verdicts with `answers`); 1 when a file could not be read."""
    content = load_content()
    try:
        sheet = (
            load_answer_sheet(answers, content.questionnaire, content.catalogue)
            if answers is not None
            else None
        )
    except ContentError as error:
        print_problems(error.problems, sys.stderr)
        return 1
    github = None
    if github_repo:
        access = GitHubAccess.from_environment()
        if access is None:
            raise ReadinessError(f"--github-repo needs a token in {TOKEN_VARIABLE}")
        github = (access, github_repo)
    if not paths and github_json is None and github is None:
        raise ReadinessError("give a repository checkout, settings files or --github-json DIR")
    check = check_evidence(paths, now or now_utc(), content, sheet, github_json, github)
    if output_format == "json":
        print(json.dumps(check_dict(check, content), indent=2, ensure_ascii=False))
    else:
        team = f"{sheet.team} {sheet.period}" if sheet is not None else ""
        print(check_text(check, content, team), end="")
    return 1 if check.scan.problems else 0
