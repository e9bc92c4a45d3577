"""The `readiness` command: check content files and score a team's answers file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assessments.errors import ContentError, ReadinessError
from cli.evidence_args import add_evidence_commands
from cli.problems import print_problems

# Each subcommand's module is imported when it runs: `readiness report` need not load the
# migration tool, the demo generator or the evidence scanners (about 1 s of a report's start).


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
    validate.add_argument(
        "--database",
        action="store_true",
        help="also hold the content in force against the versions stored in the database"
        " (READINESS_DATABASE_URL): edited versions, answers a new scale cannot hold",
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
    add_evidence_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 when all is well, 1 on problems, 2 on an internal error."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except ContentError as error:
        print_problems(error.problems, sys.stderr)
        return 1
    except (ReadinessError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # the last resort: a message, never a traceback
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    """Import the subcommand's module and run it with the settings of the environment."""
    from assessments.settings import Settings

    settings = Settings.from_environment()
    if args.command == "validate":
        from cli.validate import run_validate

        return run_validate(args.paths, sys.stdout, settings, database=args.database)
    if args.command == "demo":
        from cli.demo import run_demo

        counts = (args.teams, args.units, args.quarters)
        return run_demo(settings, *counts, args.last_period, args.seed)
    if args.command == "report":
        from cli.report import run_report

        return run_report(settings, args.period, args.unit, args.baseline, args.out)
    if args.command == "export":
        from cli.transfer import run_export

        return run_export(settings, args.out)
    if args.command == "import":
        from cli.transfer import run_import

        return run_import(settings, args.source)
    if args.command == "evidence":
        from cli.evidence import run_evidence

        return run_evidence(args, settings)
    from cli.score import run_score

    return run_score(
        args.answers, args.format, args.questionnaire, args.catalogue, settings.data_dir
    )


if __name__ == "__main__":
    sys.exit(main())
