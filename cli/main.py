"""The `readiness` command: check content files and score a team's answers file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assessments.errors import ContentError, ReadinessError
from cli.demo import run_demo
from cli.evidence import run_evidence_attach, run_evidence_scan
from cli.problems import print_problems
from cli.report import run_report
from cli.score import run_score
from cli.transfer import run_export, run_import
from cli.validate import run_validate


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `readiness` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="readiness",
        description="Autonomy Readiness: which approval chain on AI-agent work can go next?",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check questionnaires, catalogues and answers files",
        description="Check YAML content files together and report every problem at once.",
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: data)"
    )
    score = commands.add_parser(
        "score",
        help="score one team's answers file",
        description="Score an answers file and print the team report.",
    )
    score.add_argument("answers", type=Path, metavar="ANSWERS.yaml")
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument("--questionnaire", type=Path, metavar="PATH", help="questionnaire file")
    score.add_argument("--catalogue", type=Path, metavar="PATH", help="chain catalogue file")
    report = commands.add_parser(
        "report",
        help="write the quarterly review pack (HTML, Markdown, CSV)",
        description="Write the review pack of a period from the configured database "
        "(READINESS_DATABASE_URL).",
    )
    report.add_argument("--period", required=True, metavar="PERIOD", help="e.g. 2026-Q4")
    report.add_argument("--unit", metavar="UNIT", help="an org unit's slug (default: every unit)")
    report.add_argument(
        "--baseline", metavar="PERIOD", help="an earlier period to compare with as well"
    )
    report.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    demo = commands.add_parser(
        "demo",
        help="seed a generated demo organisation into an empty database",
        description="Seed a deterministic demo organisation into the configured database "
        "(READINESS_DATABASE_URL); refuses a database that already holds teams.",
    )
    demo.add_argument("--teams", type=int, default=40, help="number of teams (default 40)")
    demo.add_argument("--units", type=int, default=6, help="number of org units (default 6)")
    demo.add_argument("--quarters", type=int, default=4, help="quarters of history (default 4)")
    demo.add_argument("--last-period", default="2026-Q4", metavar="PERIOD")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    export = commands.add_parser(
        "export",
        help="write every record of the database as one JSON file",
        description="Export the configured database (READINESS_DATABASE_URL) as JSON.",
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json")
    import_ = commands.add_parser(
        "import",
        help="import an export into an empty database",
        description="Import an export into the configured database, which must hold no "
        "units, teams or assessments; the file is checked whole first.",
    )
    import_.add_argument("source", type=Path, metavar="FILE.json")
    _add_evidence(commands)
    return parser


def _add_evidence(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 when all is well, 1 on problems, 2 on an internal error."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return run_validate(args.paths, sys.stdout)
        if args.command == "demo":
            return run_demo(args.teams, args.units, args.quarters, args.last_period, args.seed)
        if args.command == "report":
            return run_report(args.period, args.unit, args.baseline, args.out)
        if args.command == "export":
            return run_export(args.out)
        if args.command == "import":
            return run_import(args.source)
        if args.command == "evidence" and args.evidence_command == "attach":
            return run_evidence_attach(
                args.paths, args.team, args.period, args.github_json, args.github_repo, args.scan
            )
        if args.command == "evidence":
            return run_evidence_scan(
                args.paths, args.format, args.answers, args.github_json, args.github_repo
            )
        return run_score(args.answers, args.format, args.questionnaire, args.catalogue)
    except ContentError as error:
        print_problems(error.problems, sys.stderr)
        return 1
    except (ReadinessError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # the last resort: a message, never a traceback
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
