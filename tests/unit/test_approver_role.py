"""Approvers decide removal requests in their scope, never their own nor a team they edit."""

from __future__ import annotations

import pytest

from assessments.access import ADMIN, Grant, Role, principal

APPROVER = Grant(Role.APPROVER)
PAYMENTS_APPROVER = Grant(Role.APPROVER, "payments")
EDITS_LEDGER = Grant(Role.TEAM_EDITOR, "ledger")


@pytest.mark.parametrize(
    ("grants", "unit", "team", "requested_by", "refusal"),
    [
        ((APPROVER,), "payments", "ledger", "ana@example.com", None),
        ((PAYMENTS_APPROVER,), "payments", "ledger", "ana@example.com", None),
        (
            (PAYMENTS_APPROVER,),
            "platform",
            "ci-infra",
            "ana@example.com",
            "cy@example.com is not an approver for unit platform",
        ),
        (
            (APPROVER,),
            "payments",
            "ledger",
            "CY@example.com",
            "you made this request; someone else must approve or decline it",
        ),
        (
            (APPROVER, EDITS_LEDGER),
            "payments",
            "ledger",
            "ana@example.com",
            "you are a team editor of ledger; an approver who does not edit the team must decide",
        ),
        ((ADMIN,), "payments", "ledger", "ana@example.com", None),
        (
            (Grant(Role.ORG_VIEWER),),
            "payments",
            "ledger",
            "ana@example.com",
            "cy@example.com is not an approver for unit payments",
        ),
    ],
    ids=[
        "whole-org approver",
        "unit approver in the unit",
        "unit approver elsewhere",
        "own request",
        "editor of the team",
        "admin decides for the org",
        "viewer is no approver",
    ],
)
def test_who_may_decide_a_removal_request(grants, unit, team, requested_by, refusal):
    person = principal("cy@example.com", *grants)
    assert person.approval_refusal(unit, team, requested_by) == refusal


def test_approver_grants_are_described_with_their_scope():
    person = principal("cy@example.com", PAYMENTS_APPROVER, EDITS_LEDGER)
    assert person.describe_roles() == "team editor of ledger; approver of payments"
    assert Grant(Role.APPROVER).describe() == "approver of the whole organisation"
    assert person.can_approve and not principal("x@example.com", EDITS_LEDGER).can_approve
