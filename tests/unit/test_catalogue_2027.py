"""The default catalogue 2027.1: fifteen chains, the late-2026 corrections, crosswalks and the
autonomy ceiling of its permanent chains."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.catalogue import AnswerCondition, Chain, ChainRemovedCondition
from assessments.content.loading import load_catalogue, load_questionnaire
from tests.unit.test_default_catalogue_content import leaves

DATA = Path(__file__).resolve().parents[2] / "data"
QUESTIONNAIRE = load_questionnaire(DATA / "questionnaires" / "autonomy-readiness.yaml")
CATALOGUE = load_catalogue(DATA / "catalogues" / "default-chains.yaml", QUESTIONNAIRE)
ORDER = [
    "tool-call-approval",
    "nonprod-deploy-approval",
    "ci-run-approval",
    "live-session-supervision",
    "plan-signoff",
    "merge-review",
    "change-advisory-board",
    "external-comms-approval",
    "prod-deploy-approval",
    "remediation-approval",
    "security-signoff",
    "guardrail-change-review",
    "prod-read-access-request",
    "prod-write-break-glass",
    "irreversible-operations",
]
NEW_CHAINS = ["external-comms-approval", "guardrail-change-review"]


def test_fifteen_chains_in_removal_order_for_questionnaire_2027_1() -> None:
    assert (CATALOGUE.version, CATALOGUE.questionnaire) == ("2027.1", "autonomy-readiness")
    ordered = sorted(CATALOGUE.chains, key=lambda c: c.order)
    assert [(c.order, c.id) for c in ordered] == list(enumerate(ORDER, start=1))


def test_chains_14_and_15_are_permanent_and_cap_autonomy_at_l4() -> None:
    capped = {(c.order, c.id, c.permanent, c.caps_autonomy_at) for c in CATALOGUE.chains}
    assert {item for item in capped if item[2] or item[3]} == {
        (14, "prod-write-break-glass", True, "L4"),
        (15, "irreversible-operations", True, "L4"),
    }


@pytest.mark.parametrize("chain_id", NEW_CHAINS)
def test_new_chains_have_controls_and_unlock_conditions_on_answers(chain_id: str) -> None:
    chain = CATALOGUE.chain(chain_id)
    answers = [c for c in leaves(chain.unlock) if isinstance(c, AnswerCondition)]
    assert len(chain.compensating_controls) >= 4
    assert len(answers) >= 4
    assert all(c.min >= 3 for c in answers)
    assert any(isinstance(c, ChainRemovedCondition) for c in leaves(chain.unlock))


def test_external_comms_needs_no_lethal_trifecta_and_labelled_messages() -> None:
    minimums = {
        c.question: c.min
        for c in leaves(CATALOGUE.chain("external-comms-approval").unlock)
        if isinstance(c, AnswerCondition)
    }
    assert minimums["BR-12"] == 3 and minimums["OS-11"] == 3


def test_guardrail_review_waits_for_security_signoff_and_an_owned_inventory() -> None:
    leaves_ = list(leaves(CATALOGUE.chain("guardrail-change-review").unlock))
    assert ChainRemovedCondition(chain_removed="security-signoff") in leaves_
    assert AnswerCondition(question="PA-11", min=3) in leaves_


def test_chain_1_says_a_model_approving_is_the_chain_removed() -> None:
    gate = CATALOGUE.chain("tool-call-approval").gate
    assert "A classifier or reviewer model approving in the developer's place" in gate
    assert "is this chain removed, not kept" in gate


def test_chain_6_counts_neither_the_delegating_person_nor_reviewer_agents() -> None:
    gate = CATALOGUE.chain("merge-review").gate
    assert "The person who delegated the task and reviewer agents do not count" in gate


def test_chain_9_is_the_agent_never_deploying_its_own_artifact() -> None:
    chain = CATALOGUE.chain("prod-deploy-approval")
    assert chain.name.endswith("(the agent never deploys its own artifact)")
    assert "the agent that made the change never deploys it" in chain.gate


@pytest.mark.parametrize("chain_id", ["merge-review", "prod-deploy-approval"])
def test_removing_review_or_deploy_approval_says_it_departs_from_aisvs(chain_id: str) -> None:
    [departure] = CATALOGUE.chain(chain_id).departs_from
    assert departure.standard == "owasp_aisvs"
    assert "Level 1" in departure.note


@pytest.mark.parametrize("chain", CATALOGUE.chains, ids=lambda c: c.id)
def test_every_chain_cites_a_standard(chain: Chain) -> None:
    assert chain.references is not None and chain.references.by_standard()
