"""Verdicts across an organisation, from the long-form answer frame the org views read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assessments.evidence.check import default_evidence_rules
from assessments.evidence.org import org_evidence
from assessments.evidence.scan import scan_paths
from scoring import Answer, AssessmentInput
from scoring.frames import inputs_to_frames

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples" / "evidence"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_each_assessment_is_judged_against_its_own_scan() -> None:
    inputs = {
        1: AssessmentInput({"BR-01": Answer.of(3), "BR-03": Answer.of(3), "PA-05": Answer.of(2)}),
        2: AssessmentInput({"BR-01": Answer.of(3), "BR-03": Answer.dont_know()}),
        3: AssessmentInput({"BR-01": Answer.of(4)}),
    }
    answers, _ = inputs_to_frames(inputs)
    scans = {
        1: scan_paths([SAMPLES / "gappy"], NOW),
        2: scan_paths([SAMPLES / "well-governed"], NOW),
    }
    evidence = org_evidence(answers, scans, default_evidence_rules().rules)
    assert evidence.bounds.values.tolist() == [[1, "BR-01", 1], [1, "BR-03", 1]]
    assert evidence.supported.values.tolist() == [[1, "PA-05"], [2, "BR-01"]]
    assert [evidence.contradicted(aid) for aid in (1, 2, 3)] == [2, 0, None]
