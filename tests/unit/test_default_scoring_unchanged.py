"""The default content scores exactly as it did before questionnaire versions and format options.

The snapshots were written from the scoring before those changes (`python -m
tests.unit.test_default_scoring_unchanged` rewrites them; only do that for an intended change).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from assessments.content.in_force import load_content
from assessments.content.loading import load_answer_sheet
from assessments.demo.organisation import generate_demo_org
from assessments.settings import DEFAULT_DATA_DIR as DATA_DIR
from scoring import score_assessment

# Version 2026.1, kept in previous/: what the example teams and the snapshots were answered on.
PREVIOUS_QUESTIONNAIRE = DATA_DIR / "questionnaires" / "previous" / "autonomy-readiness-2026.1.yaml"
PREVIOUS_CATALOGUE = DATA_DIR / "catalogues" / "previous" / "default-chains-2026.1.yaml"

SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLES = sorted((DATA_DIR / "examples").glob("*.yaml"))


def example_result(path: Path) -> dict[str, Any]:
    content = load_content(PREVIOUS_QUESTIONNAIRE, PREVIOUS_CATALOGUE)
    sheet = load_answer_sheet(path, content.questionnaire, content.catalogue)
    result = score_assessment(content.rubric, content.scoring_catalogue, sheet.to_scoring())
    loaded: dict[str, Any] = json.loads(json.dumps(dataclasses.asdict(result), default=str))
    return loaded


def demo_org_digest() -> dict[str, Any]:
    content = load_content(PREVIOUS_QUESTIONNAIRE, PREVIOUS_CATALOGUE)
    org = generate_demo_org(content.questionnaire, content.catalogue)
    rows = []
    for assessment in org.assessments:
        scoring_input = assessment_input(assessment)
        result = score_assessment(content.rubric, content.scoring_catalogue, scoring_input)
        rows.append(
            [
                assessment.team_slug,
                assessment.period,
                [(p.score, p.level) for p in result.pillars],
                result.overall_level,
                [c.status.value for c in result.chains],
                result.recommendation.next_chain,
            ]
        )
    text = json.dumps(rows, separators=(",", ":"))
    return {"assessments": len(rows), "sha256": hashlib.sha256(text.encode()).hexdigest()}


def assessment_input(assessment: Any) -> Any:
    from scoring.model import AssessmentInput

    return AssessmentInput(
        answers={q: e.to_scoring() for q, e in assessment.answers.items()},
        removed_chains=frozenset(assessment.removed_chains),
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_team_scores_exactly_as_before(path: Path):
    expected = json.loads((SNAPSHOTS / f"{path.stem}.json").read_text())
    assert example_result(path) == expected


def test_the_demo_organisation_scores_exactly_as_before():
    expected = json.loads((SNAPSHOTS / "demo-org.json").read_text())
    assert demo_org_digest() == expected


if __name__ == "__main__":
    for example in EXAMPLES:
        (SNAPSHOTS / f"{example.stem}.json").write_text(
            json.dumps(example_result(example), indent=1, sort_keys=True) + "\n"
        )
    (SNAPSHOTS / "demo-org.json").write_text(json.dumps(demo_org_digest(), indent=1) + "\n")
