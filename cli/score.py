"""`readiness score ANSWERS.yaml`: score one team's answers file and print the team report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assessments.content.in_force import Content, kept_version, load_content
from assessments.content.loading import load_answer_sheet, read_source
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError
from assessments.reports.team_report import report_dict, report_text
from cli.problems import count, print_problems
from scoring import score_assessment


def run_score(
    answers: Path,
    output_format: str,
    questionnaire: Path | None = None,
    catalogue: Path | None = None,
    data_dir: Path | None = None,
) -> int:
    """Print the report (text or one JSON object); 1 with the problems on a bad file."""
    try:
        content = load_content(questionnaire, catalogue, data_dir=data_dir)
        if questionnaire is None and catalogue is None:
            content = version_answered(answers, data_dir) or content
        sheet = load_answer_sheet(answers, content.questionnaire, content.catalogue)
    except ContentError as error:
        print_problems(error.problems, sys.stderr)
        print(f"{count(len(error.problems), 'problem')}; nothing was scored", file=sys.stderr)
        return 1
    result = score_assessment(content.rubric, content.scoring_catalogue, sheet.to_scoring())
    if output_format == "json":
        report = report_dict(content, sheet, result)
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(report_text(content, sheet, result), end="")
    return 0


def version_answered(answers: Path, data_dir: Path | None) -> Content | None:
    """Answers given on an older version kept in the data folder are scored on that version."""
    reference = read_yaml(read_source(answers), str(answers)).data.get("questionnaire")
    if not isinstance(reference, dict):
        return None
    qid, version = reference.get("id"), reference.get("version")
    if not isinstance(qid, str) or not isinstance(version, str | int | float):
        return None
    return kept_version(qid, str(version), data_dir)
