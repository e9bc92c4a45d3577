"""`readiness evidence scan PATH...`: configuration facts, and verdicts on a team's answers."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from assessments.content.in_force import load_content
from assessments.content.loading import load_answer_sheet, read_source
from assessments.errors import ContentError, ReadinessError
from assessments.evidence.check import (
    EvidenceCheck,
    check_evidence,
    default_evidence_rules,
    hold_answers,
)
from assessments.evidence.github_live import TOKEN_VARIABLE, GitHubAccess
from assessments.evidence.readers import now_utc
from assessments.evidence.report import check_dict, check_text
from assessments.evidence.scan import scan_paths
from assessments.evidence.scan_format import parse_scan_json
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from cli.problems import print_problems
from cli.score import version_answered
from cli.transfer import CLI_ACTOR


def _github(github_repo: str | None) -> tuple[GitHubAccess, str] | None:
    if not github_repo:
        return None
    access = GitHubAccess.from_environment()
    if access is None:
        raise ReadinessError(f"--github-repo needs a token in {TOKEN_VARIABLE}")
    return access, github_repo


def run_evidence_scan(
    paths: list[Path],
    output_format: str,
    answers: Path | None = None,
    github_json: Path | None = None,
    github_repo: str | None = None,
    now: datetime | None = None,
    data_dir: Path | None = None,
) -> int:
    """Print facts (and verdicts with `answers`); 1 when a file could not be read."""
    content = load_content(data_dir=data_dir)
    try:
        if answers is not None:
            # Answers on an older version kept in the data folder are held on that version.
            content = version_answered(answers, data_dir) or content
        sheet = (
            load_answer_sheet(answers, content.questionnaire, content.catalogue)
            if answers is not None
            else None
        )
    except ContentError as error:
        print_problems(error.problems, sys.stderr)
        return 1
    github = _github(github_repo)
    if not paths and github_json is None and github is None:
        raise ReadinessError("give a repository checkout, settings files or --github-json DIR")
    check = check_evidence(
        paths, now or now_utc(), content, sheet, github_json, github, data_dir=data_dir
    )
    if output_format == "json":
        print(json.dumps(check_dict(check, content), indent=2, ensure_ascii=False))
    else:
        team = f"{sheet.team} {sheet.period}" if sheet is not None else ""
        print(check_text(check, content, team), end="")
    return 1 if check.scan.problems else 0


def run_evidence_attach(
    settings: Settings,
    paths: list[Path],
    team: str,
    period: str,
    github_json: Path | None = None,
    github_repo: str | None = None,
    scan_file: Path | None = None,
    now: datetime | None = None,
) -> int:
    """Scan (or read a saved scan), store it on the team's assessment, print the verdicts."""
    content = load_content(data_dir=settings.data_dir)
    github = _github(github_repo)
    if scan_file is not None:
        if paths or github_json is not None or github is not None:
            raise ReadinessError("give either --scan FILE.json or paths to scan, not both")
        scan = parse_scan_json(read_source(scan_file), str(scan_file))
    elif paths or github_json is not None or github is not None:
        scan = scan_paths(paths, now or now_utc(), github_json, github)
    else:
        raise ReadinessError("give a repository checkout, settings files or --scan FILE.json")
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
        service = ReadinessService(engine, content)
        attached = service.attach_evidence(team, period, scan, actor=CLI_ACTOR)
        assessment = service.current_assessment(team, period)
    finally:
        engine.dispose()
    print(
        f"attached {len(scan.facts)} facts ({len(scan.problems)} problems) to {team} {period}"
        f" (assessment {attached.assessment_id}, scan {attached.id})"
    )
    if assessment is not None:
        judgement, claimed, evidenced = hold_answers(
            content,
            assessment.to_scoring(),
            scan,
            default_evidence_rules(settings.data_dir).rules,
            now or now_utc(),
        )
        check = EvidenceCheck(scan, judgement, claimed, evidenced)
        print(check_text(check, content, f"{team} {period}", with_facts=False), end="")
    return 1 if scan.problems else 0


def run_evidence(args: argparse.Namespace, settings: Settings) -> int:
    """Run `readiness evidence scan|attach` from parsed arguments."""
    if args.evidence_command == "attach":
        return run_evidence_attach(
            settings,
            args.paths,
            args.team,
            args.period,
            args.github_json,
            args.github_repo,
            args.scan,
        )
    return run_evidence_scan(
        args.paths,
        args.format,
        args.answers,
        args.github_json,
        args.github_repo,
        data_dir=settings.data_dir,
    )
