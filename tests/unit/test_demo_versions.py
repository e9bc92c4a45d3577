"""The demo organisation spans the version change: older quarters on 2026.1, recent on 2027.1."""

from __future__ import annotations

from collections import Counter

import pytest

from assessments.content.in_force import load_content
from assessments.demo.earlier import earlier_version
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from scoring import score_assessment
from scoring.model import AssessmentInput


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    content = load_content()
    earlier = earlier_version(content.questionnaire, quarters=4)
    return generate_demo_org(content.questionnaire, content.catalogue, earlier=earlier)


def test_the_first_two_quarters_are_on_2026_1_and_the_last_two_on_2027_1(org: DemoOrg) -> None:
    assert org.earlier is not None
    assert (org.earlier.questionnaire.version, org.earlier.catalogue.version) == (
        "2026.1",
        "2026.1",
    )
    on_earlier = Counter((a.period, a.on_earlier_version) for a in org.assessments)
    assert sorted(on_earlier) == [
        ("2026-Q1", True),
        ("2026-Q2", True),
        ("2026-Q3", False),
        ("2026-Q4", False),
    ]


def test_each_assessment_answers_exactly_its_own_versions_questions(org: DemoOrg) -> None:
    assert org.earlier is not None
    old_ids = {q.id for q in org.earlier.questionnaire.questions}
    new_ids = {q.id for q in load_content().questionnaire.questions}
    for a in org.assessments:
        if a.status != "submitted":
            continue
        assert set(a.answers) == (old_ids if a.on_earlier_version else new_ids), a.period


def test_removed_chains_belong_to_the_catalogue_of_their_version(org: DemoOrg) -> None:
    assert org.earlier is not None
    old_chains = {c.id for c in org.earlier.catalogue.chains}
    new_chains = {c.id for c in load_content().catalogue.chains}
    for a in org.assessments:
        assert set(a.removed_chains) <= (old_chains if a.on_earlier_version else new_chains)


def test_teams_carry_their_answers_through_the_map_at_the_change(org: DemoOrg) -> None:
    by_key = {(a.team_slug, a.period): a for a in org.assessments}
    changed_little = 0
    for team in org.teams:
        before, after = by_key.get((team.slug, "2026-Q2")), by_key.get((team.slug, "2026-Q3"))
        if before is None or after is None:
            continue
        old, new = before.answers["BR-01"], after.answers["BR-01"]
        if old.value is not None and new.value is not None:
            assert 0 <= new.value - old.value <= 1  # kept through the map, then grew at most one
            changed_little += 1
    assert changed_little >= 30


def test_without_an_earlier_version_every_quarter_is_on_the_version_in_force() -> None:
    content = load_content()
    org = generate_demo_org(content.questionnaire, content.catalogue, teams=6, units=2)
    assert org.earlier is None
    assert not any(a.on_earlier_version for a in org.assessments)


def test_older_quarters_score_on_2026_1_as_answered(org: DemoOrg) -> None:
    assert org.earlier is not None
    rubric, catalogue = org.earlier.questionnaire.to_rubric(), org.earlier.catalogue.to_scoring()
    first = next(a for a in org.assessments if a.period == "2026-Q1")
    result = score_assessment(
        rubric,
        catalogue,
        AssessmentInput(
            answers={q: e.to_scoring() for q, e in first.answers.items()},
            removed_chains=frozenset(first.removed_chains),
        ),
    )
    assert [c.chain for c in result.chains][-2:] == [
        "prod-write-break-glass",
        "irreversible-operations",
    ]
    assert len(result.chains) == 13
