"""The shipped chain catalogue and example answer files: fixed ids, removal order, known refs."""

from __future__ import annotations

from collections.abc import Iterator
from graphlib import TopologicalSorter
from pathlib import Path

import pytest
import yaml

from assessments.content.answers import AnswerSheet
from assessments.content.catalogue import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    Chain,
    ChainCatalogue,
    ChainRemovedCondition,
    Condition,
    PillarCondition,
)
from assessments.content.questionnaire import Questionnaire
from scoring.assessment import score_assessment
from scoring.results import AssessmentResult, ChainStatus

DATA = Path(__file__).resolve().parents[2] / "data"
# The 2026.1 catalogue and questionnaire, kept in previous/: the example teams answered on them.
DEFAULT_CATALOGUE = DATA / "catalogues" / "previous" / "default-chains-2026.1.yaml"
DEFAULT_QUESTIONNAIRE = DATA / "questionnaires" / "previous" / "autonomy-readiness-2026.1.yaml"
EXAMPLES = sorted((DATA / "examples").glob("*.yaml"))

CHAIN_IDS = [
    "tool-call-approval",
    "nonprod-deploy-approval",
    "ci-run-approval",
    "live-session-supervision",
    "plan-signoff",
    "merge-review",
    "change-advisory-board",
    "prod-deploy-approval",
    "remediation-approval",
    "security-signoff",
    "prod-read-access-request",
    "prod-write-break-glass",
    "irreversible-operations",
]
PREREQUISITES = {
    "tool-call-approval": set(),
    "nonprod-deploy-approval": {"tool-call-approval"},
    "ci-run-approval": {"tool-call-approval"},
    "live-session-supervision": {"tool-call-approval"},
    "plan-signoff": {"live-session-supervision"},
    "merge-review": {"ci-run-approval", "plan-signoff"},
    "change-advisory-board": {"plan-signoff"},
    "prod-deploy-approval": {"merge-review", "change-advisory-board"},
    "remediation-approval": {"prod-deploy-approval"},
    "security-signoff": {"remediation-approval"},
    "prod-read-access-request": {"security-signoff"},
}
PERMANENT_IDS = {"prod-write-break-glass", "irreversible-operations"}
PILLAR_IDS = {"blast_radius", "production_access", "orchestrator_skill"}
QUESTION_IDS = {f"{prefix}-{n:02d}" for prefix in ("BR", "PA", "OS") for n in range(1, 11)}


def load_catalogue() -> ChainCatalogue:
    return ChainCatalogue.model_validate(yaml.safe_load(DEFAULT_CATALOGUE.read_text("utf-8")))


def load_sheet(path: Path) -> AnswerSheet:
    return AnswerSheet.model_validate(yaml.safe_load(path.read_text("utf-8")))


def score_example(sheet: AnswerSheet) -> AssessmentResult:
    questionnaire = Questionnaire.model_validate(
        yaml.safe_load(DEFAULT_QUESTIONNAIRE.read_text("utf-8"))
    )
    return score_assessment(
        questionnaire.to_rubric(), load_catalogue().to_scoring(), sheet.to_scoring()
    )


def leaves(condition: Condition | None) -> Iterator[Condition]:
    """Every non-composite condition under `condition`."""
    if condition is None:
        return
    if isinstance(condition, AllCondition):
        for child in condition.all:
            yield from leaves(child)
    elif isinstance(condition, AnyCondition):
        for child in condition.any:
            yield from leaves(child)
    else:
        yield condition


def prerequisites_of(chain: Chain) -> set[str]:
    return {c.chain_removed for c in leaves(chain.unlock) if isinstance(c, ChainRemovedCondition)}


CHAINS = load_catalogue().chains


def test_default_catalogue_names_its_questionnaire_and_version() -> None:
    catalogue = load_catalogue()
    assert (catalogue.id, catalogue.version, catalogue.questionnaire) == (
        "default-chains",
        "2026.1",
        "autonomy-readiness",
    )


def test_default_catalogue_lists_the_thirteen_chains_in_removal_order() -> None:
    assert [c.id for c in CHAINS] == CHAIN_IDS
    assert [c.order for c in CHAINS] == list(range(1, 14))


def test_only_prod_write_and_irreversible_operations_are_permanent() -> None:
    assert {c.id for c in CHAINS if c.permanent} == PERMANENT_IDS


@pytest.mark.parametrize("chain", [c for c in CHAINS if c.permanent], ids=lambda c: c.id)
def test_permanent_chain_has_no_unlock_conditions_and_high_risk(chain: Chain) -> None:
    assert (chain.unlock, chain.risk) == (None, "high")


@pytest.mark.parametrize(("chain_id", "prerequisites"), PREREQUISITES.items())
def test_chain_waits_for_exactly_its_prerequisite_chains(
    chain_id: str, prerequisites: set[str]
) -> None:
    assert prerequisites_of(load_catalogue().chain(chain_id)) == prerequisites


def test_every_chain_removed_condition_names_a_chain_in_the_catalogue() -> None:
    named = set().union(*(prerequisites_of(c) for c in CHAINS))
    assert named - set(CHAIN_IDS) == set()


def test_chain_removed_graph_has_no_cycle_and_follows_catalogue_order() -> None:
    graph = {c.id: prerequisites_of(c) for c in CHAINS}
    # Raises CycleError when the chain_removed conditions loop.
    assert len(tuple(TopologicalSorter(graph).static_order())) == len(CHAIN_IDS)
    order = {c.id: c.order for c in CHAINS}
    assert [(c, p) for c, ps in graph.items() for p in ps if order[p] >= order[c]] == []


@pytest.mark.parametrize(
    ("chain_id", "risk"),
    [(chain_id, "low") for chain_id in CHAIN_IDS[:4]]
    + [(chain_id, "medium") for chain_id in CHAIN_IDS[4:7]]
    + [(chain_id, "high") for chain_id in CHAIN_IDS[7:]],
)
def test_risk_rises_along_the_removal_order(chain_id: str, risk: str) -> None:
    assert load_catalogue().chain(chain_id).risk == risk


def test_tool_call_approval_and_merge_review_cost_the_most_toil() -> None:
    assert {c.id for c in CHAINS if c.toil == "high"} >= {"tool-call-approval", "merge-review"}


def test_every_referenced_question_is_in_the_default_questionnaire() -> None:
    referenced = {
        leaf.question
        for chain in CHAINS
        for leaf in leaves(chain.unlock)
        if isinstance(leaf, AnswerCondition)
    }
    assert referenced - QUESTION_IDS == set()


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: c.id)
def test_conditions_name_known_pillars_and_values_on_the_zero_to_four_scale(chain: Chain) -> None:
    bad = [
        leaf
        for leaf in leaves(chain.unlock)
        if (
            isinstance(leaf, PillarCondition)
            and (leaf.pillar not in PILLAR_IDS or leaf.min_level > 4)
        )
        or (isinstance(leaf, AnswerCondition) and leaf.min > 4)
    ]
    assert bad == []
    assert set(chain.protects) - PILLAR_IDS == set()


def test_highest_pillar_level_required_rises_from_two_to_four_along_the_order() -> None:
    highest = [
        max(leaf.min_level for leaf in leaves(c.unlock) if isinstance(leaf, PillarCondition))
        for c in CHAINS
        if not c.permanent
    ]
    assert highest == [2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4]


def test_live_session_supervision_accepts_stop_rules_or_a_kill_switch() -> None:
    unlock = load_catalogue().chain("live-session-supervision").unlock
    assert isinstance(unlock, AllCondition)
    alternatives = [c for c in unlock.all if isinstance(c, AnyCondition)]
    assert alternatives == [
        AnyCondition(
            any=(AnswerCondition(question="OS-03", min=3), AnswerCondition(question="BR-08", min=3))
        )
    ]


@pytest.mark.parametrize(
    ("chain_id", "phrase"),
    [
        ("merge-review", "SLSA source level 4"),
        ("irreversible-operations", "OWASP LLM06"),
        ("irreversible-operations", "never remove it"),
        ("change-advisory-board", "DORA"),
    ],
)
def test_compensating_controls_cite_their_source(chain_id: str, phrase: str) -> None:
    assert phrase in " ".join(load_catalogue().chain(chain_id).compensating_controls)


def test_every_example_team_of_the_design_is_shipped() -> None:
    assert {p.stem for p in EXAMPLES} >= {
        "checkout-web",
        "payments-platform",
        "developer-platform",
        "data-pipelines",
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_answers_every_default_question_and_nothing_else(path: Path) -> None:
    sheet = load_sheet(path)
    assert (sheet.team, sheet.questionnaire.id, sheet.questionnaire.version) == (
        path.stem,
        "autonomy-readiness",
        "2026.1",
    )
    assert set(sheet.answers) == QUESTION_IDS
    assert all(e.value is None or e.value <= 4 for e in sheet.answers.values())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_removes_only_catalogue_chains(path: Path) -> None:
    assert set(load_sheet(path).removed_chains) - set(CHAIN_IDS) == set()


@pytest.mark.parametrize(
    ("team", "levels", "next_chain", "alerts"),
    [
        ("checkout-web", (2, 1, 1), "tool-call-approval", ()),
        ("payments-platform", (3, 2, 3), "plan-signoff", ()),
        ("developer-platform", (3, 3, 3), "remediation-approval", ()),
        ("data-pipelines", (2, 2, 1), None, ("merge-review",)),
    ],
)
def test_example_team_lands_on_the_ladder_where_its_story_says(
    team: str, levels: tuple[int, int, int], next_chain: str | None, alerts: tuple[str, ...]
) -> None:
    sheet = load_sheet(DATA / "examples" / f"{team}.yaml")
    result = score_example(sheet)
    assert tuple(p.level for p in result.pillars) == levels
    assert (result.recommendation.next_chain, result.recommendation.alerts) == (next_chain, alerts)
    assert {c.chain for c in result.chains if c.status is ChainStatus.REMOVED} == set(
        sheet.removed_chains
    ) - set(alerts)


def test_payments_platform_waits_for_merge_review_on_two_answers_and_the_overall_level() -> None:
    result = score_example(load_sheet(DATA / "examples" / "payments-platform.yaml"))
    assert [g.text for g in result.chain("merge-review").gaps] == [
        "chain 'Plan sign-off before work' is still in place",
        "OS-07 is 2, needs 3",
        "BR-10 is 2, needs 3",
        "Production access governance level 2, needs 3",
    ]
