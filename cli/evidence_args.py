"""The arguments of `readiness evidence scan|attach`, apart from the commands themselves.

`readiness --help` and every other subcommand build the whole parser; the evidence commands'
imports (the scanners, the GitHub client) load only when one of them runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_evidence_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`readiness evidence scan` and `readiness evidence attach`."""
    evidence = commands.add_parser(
        "evidence",
        help="read agent, CI and repository settings; hold answers against them",
        description="Configuration facts as evidence for (or against) a team's answers.",
    )
    actions = evidence.add_subparsers(dest="evidence_command", required=True, metavar="ACTION")
    scan = actions.add_parser(
        "scan",
        help="print the facts found, and verdicts on an answers file",
        description="Scan repository checkouts and settings files (Claude Code, Codex, Cursor, "
        "GitHub Actions, CODEOWNERS, GitHub settings) and hold answers against the facts.",
    )
    scan.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    scan.add_argument(
        "--github-json", type=Path, metavar="DIR", help="GitHub settings saved with `gh api`"
    )
    scan.add_argument(
        "--github-repo",
        metavar="OWNER/REPO",
        help="fetch the settings live (needs READINESS_GITHUB_TOKEN)",
    )
    scan.add_argument("--answers", type=Path, metavar="ANSWERS.yaml")
    scan.add_argument("--format", choices=("text", "json"), default="text")
    attach = actions.add_parser(
        "attach",
        help="store a scan on a team's assessment and print its verdicts",
        description="Scan (or read a scan saved with `scan --format json`) and store it on the "
        "team's latest assessment for the period in the configured database.",
    )
    attach.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    attach.add_argument("--team", required=True, metavar="SLUG")
    attach.add_argument("--period", required=True, metavar="PERIOD", help="e.g. 2026-Q4")
    attach.add_argument("--scan", type=Path, metavar="FILE.json", help="a saved scan")
    attach.add_argument("--github-json", type=Path, metavar="DIR")
    attach.add_argument("--github-repo", metavar="OWNER/REPO")
