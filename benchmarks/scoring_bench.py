"""Time vectorised org scoring against the per-assessment loop on a large demo organisation.

Run: `.venv/bin/python benchmarks/scoring_bench.py --teams 2000 --quarters 8 --repeat 3`
(or `make bench`). Prints a small table and whether both scorings agree on every assessment;
exits 1 if they do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import yaml

from assessments.content.catalogue import ChainCatalogue
from assessments.content.questionnaire import Questionnaire
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from scoring import AssessmentInput, AssessmentResult, Catalogue, Rubric, score_assessment
from scoring.frames import NOT_APPLICABLE, AnswerMatrix, answer_matrix, inputs_to_frames
from scoring.model import MAX_LEVEL, SCORE_EPSILON
from scoring.vectorised import score_org

DATA = Path(__file__).resolve().parents[1] / "data"
SCORE_TOLERANCE = 1e-9
T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the organisation, time both scorings, print the table; 1 if they disagree."""
    args = _parser().parse_args(argv)
    questionnaire = Questionnaire.model_validate(
        yaml.safe_load((DATA / "questionnaires" / "autonomy-readiness.yaml").read_text())
    )
    catalogue = ChainCatalogue.model_validate(
        yaml.safe_load((DATA / "catalogues" / "default-chains.yaml").read_text())
    )
    rubric, chains = questionnaire.to_rubric(), catalogue.to_scoring()

    started = time.perf_counter()
    org = generate_demo_org(
        questionnaire,
        catalogue,
        teams=args.teams,
        units=args.units,
        quarters=args.quarters,
        seed=args.seed,
    )
    generated = time.perf_counter() - started

    inputs = scoring_inputs(org)
    started = time.perf_counter()
    answers, removed = inputs_to_frames(inputs)
    framed = time.perf_counter() - started
    ids = list(inputs)

    org_times, frame = _timed(
        lambda: score_org(rubric, chains, answers, removed, assessment_ids=ids), args.repeat
    )
    matrix = answer_matrix(
        answers, pd.Index(ids, dtype=object, tupleize_cols=False), [q.id for q in rubric.questions]
    )
    bare_times, _ = _timed(lambda: bare_numpy_pass(rubric, matrix), max(args.repeat, 5))
    loop_times, results = _timed(
        lambda: [score_assessment(rubric, chains, inputs[i]) for i in ids], args.repeat
    )
    disagreements = compare(rubric, chains, frame, dict(zip(ids, results, strict=True)))

    n = len(ids)
    print(f"scoring benchmark: {args.teams} teams × {args.quarters} quarters, {args.units} units")
    print(f"{'assessments':<28}{n:>12,}")
    print(f"{'answer rows':<28}{len(answers):>12,}")
    print(f"{'generate demo org':<28}{generated:>11.2f}s")
    print(f"{'inputs → frames':<28}{framed:>11.3f}s")
    print(f"{'':<28}{'best':>12}{'median':>12}{'per assessment':>17}")
    for name, times in (
        ("score_org (vectorised)", org_times),
        ("bare numpy pass", bare_times),
        ("score_assessment loop", loop_times),
    ):
        best = min(times)
        print(
            f"{name:<28}{best:>11.3f}s{statistics.median(times):>11.3f}s{best / n * 1e6:>14.1f} µs"
        )
    print(f"{'speed-up (loop / vectorised)':<28}{min(loop_times) / min(org_times):>11.0f}×")
    print(f"{'vectorised / bare numpy':<28}{min(org_times) / min(bare_times):>11.0f}×")
    if disagreements:
        print(f"agree: NO ({len(disagreements)} differences)")
        for line in disagreements[:10]:
            print(f"  {line}")
        return 1
    print("agree: yes")
    return 0


def scoring_inputs(org: DemoOrg) -> dict[Hashable, AssessmentInput]:
    """Every demo assessment as a scoring input, keyed by (team, period, status)."""
    return {
        (a.team_slug, a.period, a.status): AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in a.answers.items()},
            removed_chains=frozenset(a.removed_chains),
        )
        for a in org.assessments
    }


def compare(
    rubric: Rubric,
    catalogue: Catalogue,
    frame: pd.DataFrame,
    results: dict[Hashable, AssessmentResult],
) -> list[str]:
    """Where the vectorised frame and the per-assessment results differ, one line each."""
    differences = []
    rows = dict(zip(frame.index, frame.to_dict("records"), strict=True))
    for assessment_id, result in results.items():
        row = rows[assessment_id]
        expected: dict[str, object] = {
            "overall_level": result.overall_level,
            "weakest_pillar": result.weakest_pillar,
            "confidence_band": result.confidence.band.value,
            "autonomy": result.autonomy.value,
            "next_chain": result.recommendation.next_chain,
            "alerts": len(result.recommendation.alerts),
        }
        expected.update({f"level:{p.pillar}": p.level for p in result.pillars})
        expected.update({f"status:{c.chain}": c.status.value for c in result.chains})
        for column, value in expected.items():
            if row[column] != value:
                differences.append(f"{assessment_id} {column}: {row[column]!r} != {value!r}")
        for p in result.pillars:
            if abs(row[f"score:{p.pillar}"] - p.score) > SCORE_TOLERANCE:
                differences.append(f"{assessment_id} score:{p.pillar}: {row[f'score:{p.pillar}']}")
        if abs(row["confidence"] - result.confidence.value) > SCORE_TOLERANCE:
            differences.append(f"{assessment_id} confidence: {row['confidence']}")
    return differences


def bare_numpy_pass(rubric: Rubric, matrix: AnswerMatrix) -> np.ndarray:
    """Pillar levels by plain numpy over a ready answer matrix: the floor for `score_org`.

    Weighted sums by one matrix product per pillar total, critical caps, levels by
    `searchsorted`; no frames, confidence, chains or explanations, and sums in numpy's own
    order (so not the exact floats `score_org` promises).
    """
    questions = rubric.questions
    weights = np.array([q.weight for q in questions])
    maxima = np.array([q.max_value for q in questions], dtype="float64")
    member = np.array([[q.pillar == p.id for p in rubric.pillars] for q in questions], dtype=float)
    applicable = matrix.kind != NOT_APPLICABLE
    credit = (matrix.value * (weights / maxima)) @ member
    weight = (applicable * weights) @ member
    score = 100 * credit / np.where(weight > 0, weight, 1.0)
    caps = np.where(applicable, MAX_LEVEL * matrix.value // maxima, MAX_LEVEL)
    level = np.searchsorted(np.array(rubric.level_thresholds), score + SCORE_EPSILON, "right")
    for k, pillar in enumerate(rubric.pillars):
        critical = [j for j, q in enumerate(questions) if q.pillar == pillar.id and q.critical]
        if critical:
            level[:, k] = np.minimum(level[:, k], caps[:, critical].min(axis=1))
    levels: np.ndarray = level
    return levels


def _timed(run: Callable[[], T], repeat: int) -> tuple[list[float], T]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return times, result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--repeat", type=_positive, default=3, help="timed runs of each scoring")
    parser.add_argument("--seed", type=int, default=7)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more; got {value}")
    return value


if __name__ == "__main__":
    sys.exit(main())
