"""The generated demo organisation: deterministic, complete, realistic and valid."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from assessments.content.catalogue import ChainCatalogue
from assessments.content.questionnaire import Questionnaire
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoAssessment, DemoOrg
from scoring import AssessmentInput, ChainStatus, score_assessment

DATA = Path(__file__).resolve().parents[2] / "data"
LAST_PERIOD = "2026-Q4"


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    raw = yaml.safe_load((DATA / "questionnaires" / "autonomy-readiness.yaml").read_text())
    return Questionnaire.model_validate(raw)


@pytest.fixture(scope="module")
def catalogue() -> ChainCatalogue:
    raw = yaml.safe_load((DATA / "catalogues" / "default-chains.yaml").read_text())
    return ChainCatalogue.model_validate(raw)


@pytest.fixture(scope="module")
def org(questionnaire, catalogue) -> DemoOrg:
    return generate_demo_org(questionnaire, catalogue)


def by_team_and_period(org: DemoOrg) -> dict[str, dict[str, list[DemoAssessment]]]:
    found: dict[str, dict[str, list[DemoAssessment]]] = defaultdict(lambda: defaultdict(list))
    for assessment in org.assessments:
        found[assessment.team_slug][assessment.period].append(assessment)
    return found


def test_the_same_seed_gives_the_same_organisation(questionnaire, catalogue, org):
    assert generate_demo_org(questionnaire, catalogue) == org


def test_another_seed_gives_another_organisation(questionnaire, catalogue, org):
    assert generate_demo_org(questionnaire, catalogue, seed=8) != org


def test_default_org_has_forty_teams_in_the_six_named_units(org):
    assert [(u.slug, u.name) for u in org.units] == [
        ("payments", "Payments"),
        ("marketplace", "Marketplace"),
        ("platform", "Platform"),
        ("data-ml", "Data & ML"),
        ("growth", "Growth"),
        ("trust-safety", "Trust & Safety"),
    ]
    assert len(org.teams) == 40
    assert {t.unit_slug for t in org.teams} == {u.slug for u in org.units}
    assert len({t.slug for t in org.teams}) == 40
    assert len({t.name for t in org.teams}) == 40
    assert org.teams[0].name == "Checkout Web"


def test_assessments_cover_exactly_the_four_quarters_of_2026(org):
    assert sorted({a.period for a in org.assessments}) == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]


def test_eight_quarters_wrap_back_into_the_previous_year(questionnaire, catalogue):
    org = generate_demo_org(questionnaire, catalogue, teams=5, units=2, quarters=8)

    assert sorted({a.period for a in org.assessments}) == [
        f"{year}-Q{q}" for year in (2025, 2026) for q in (1, 2, 3, 4)
    ]


def test_every_team_submits_every_quarter_except_a_few_gaps_in_the_last(org):
    found = by_team_and_period(org)
    missing = [t.slug for t in org.teams if LAST_PERIOD not in found[t.slug]]
    drafts = [
        t.slug
        for t in org.teams
        if [a.status for a in found[t.slug].get(LAST_PERIOD, [])] == ["draft"]
    ]

    assert len(missing) == 4  # 10% of 40
    assert len(drafts) == 2  # 5% of 40
    assert all(
        [a.status for a in found[t.slug][period]] == ["submitted"]
        for t in org.teams
        for period in ("2026-Q1", "2026-Q2", "2026-Q3")
    )


def test_a_few_teams_removed_a_chain_too_early(questionnaire, catalogue, org):
    rubric, chains = questionnaire.to_rubric(), catalogue.to_scoring()
    alerted = set()
    for a in org.assessments:
        scoring_input = AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in a.answers.items()},
            removed_chains=frozenset(a.removed_chains),
        )
        result = score_assessment(rubric, chains, scoring_input)
        if any(c.status is ChainStatus.REMOVED_TOO_EARLY for c in result.chains):
            alerted.add(a.team_slug)

    assert 1 <= len(alerted) <= 4


def test_every_answer_fits_its_question_scale(questionnaire, org):
    for a in org.assessments:
        for question_id, entry in a.answers.items():
            question = questionnaire.question(question_id)
            if entry.value is not None:
                assert 0 <= entry.value <= question.max_value
            if entry.not_applicable is not None:
                assert question.allow_not_applicable
            if entry.evidence is not None:
                assert entry.value is not None and entry.value >= 2
                assert entry.evidence.startswith(f"https://wiki.example.com/{a.team_slug}/")


def test_about_sixty_percent_of_answers_of_two_or_more_link_evidence(org):
    entries = [e for a in org.assessments for e in a.answers.values() if (e.value or 0) >= 2]
    share = sum(e.evidence is not None for e in entries) / len(entries)

    assert 0.5 <= share <= 0.7


def test_submitted_answers_never_fall_and_removed_chains_stay_removed(org):
    for periods in by_team_and_period(org).values():
        submitted = [
            a for period in sorted(periods) for a in periods[period] if a.status == "submitted"
        ]
        for before, after in pairwise(submitted):
            assert set(before.removed_chains) <= set(after.removed_chains)
            for question_id, entry in before.answers.items():
                if entry.value is not None:
                    assert (after.answers[question_id].value or 0) >= entry.value


def test_teams_remove_chains_over_the_year(org):
    last = [a for a in org.assessments if a.period == LAST_PERIOD]
    first = [a for a in org.assessments if a.period == "2026-Q1"]

    assert sum(len(a.removed_chains) for a in last) > sum(len(a.removed_chains) for a in first)


def test_large_organisations_get_unique_team_names_and_generated_units(questionnaire, catalogue):
    org = generate_demo_org(questionnaire, catalogue, teams=300, units=12, quarters=1)

    assert len({t.name for t in org.teams}) == 300
    assert len({t.slug for t in org.teams}) == 300
    assert [u.name for u in org.units][6:] == [
        "Logistics",
        "Mobile",
        "Customer Support",
        "Security",
        "Fulfilment",
        "Ads",
    ]
