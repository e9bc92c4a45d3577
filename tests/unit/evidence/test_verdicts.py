"""Verdict arithmetic: supported, contradicted at the lowest bound, not covered; expiry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessments.content.loading import parse_questionnaire
from assessments.errors import ContentError
from assessments.evidence.expiry import Expiry, evidence_expiry
from assessments.evidence.facts import Fact, FactValue, ReadHow
from assessments.evidence.rules import EvidenceRule
from assessments.evidence.verdicts import VerdictKind, judge
from assessments.settings import DEFAULT_DATA_DIR as DATA_DIR

READ = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def fact(
    name: str,
    value: FactValue,
    source: str = ".claude/settings.json",
    line: int | None = None,
    read_at: datetime = READ,
) -> Fact:
    return Fact(name, value, source, "permissions.deny", read_at, ReadHow.FILE_IN_REPO, line)


def rule(rule_id: str, question: str, bound: int, **condition: object) -> EvidenceRule:
    return EvidenceRule.model_validate(
        {
            "id": rule_id,
            "question": question,
            "max": bound,
            "reason": f"{rule_id} reason",
            "cites": f"{rule_id} field",
            **condition,
        }
    )


NO_DENY = rule("no-deny", "BR-03", 1, unless={"fact": "claude.project.deny_rules", "at_least": 1})
NOT_MANAGED = rule(
    "not-managed", "BR-03", 2, unless={"fact": "claude.managed.deny_rules", "at_least": 1}
)
CURSOR_OFF = rule(
    "cursor-off", "BR-01", 1, when={"fact": "cursor.sandbox_type", "equals": "insecure_none"}
)
RULES = [NO_DENY, NOT_MANAGED, CURSOR_OFF]


def test_an_answer_above_a_binding_bound_is_contradicted_at_the_lowest_bound() -> None:
    judgement = judge({"BR-03": 3}, [fact("claude.project.deny_rules", 0, line=4)], RULES)
    verdict = judgement.of("BR-03")
    assert verdict is not None
    assert (verdict.kind, verdict.answered, verdict.bound) == (VerdictKind.CONTRADICTED, 3, 1)
    assert [o.rule.id for o in verdict.outcomes] == ["no-deny"]
    assert judgement.bounds == {"BR-03": 1}
    assert judgement.supported == frozenset()
    assert verdict.explanation() == (
        "BR-03 counted as 1: you answered 3; no-deny reason"
        " (.claude/settings.json:4 permissions.deny = 0)"
    )


def test_a_missing_fact_is_named_in_the_explanation() -> None:
    judgement = judge({"BR-03": 3}, [fact("claude.project.deny_rules", 5)], RULES)
    verdict = judgement.of("BR-03")
    assert verdict is not None and verdict.bound == 2
    assert verdict.explanation() == (
        "BR-03 counted as 2: you answered 3; not-managed reason"
        " (managed-settings.json permissions.deny not found)"
    )


def test_an_answer_within_every_bound_is_supported() -> None:
    facts = [fact("claude.project.deny_rules", 0)]
    judgement = judge({"BR-03": 1}, facts, RULES)
    verdict = judgement.of("BR-03")
    assert verdict is not None
    assert (verdict.kind, verdict.bound) == (VerdictKind.SUPPORTED, None)
    assert judgement.bounds == {}
    assert judgement.supported == {"BR-03"}
    assert verdict.explanation() == (
        "BR-03 supported: the configuration allows 1 (2 rules checked)"
    )


def test_no_rule_or_no_fact_of_the_family_means_not_covered() -> None:
    judgement = judge(
        {"BR-01": 4, "BR-05": 4, "BR-03": None},
        [fact("claude.project.deny_rules", 0)],
        RULES,
    )
    assert [(v.question, v.kind) for v in judgement.verdicts] == [
        ("BR-01", VerdictKind.NOT_COVERED),  # rules exist, but no cursor facts were found
        ("BR-05", VerdictKind.NOT_COVERED),  # no rule
        ("BR-03", VerdictKind.NOT_COVERED),  # don't know / not applicable: nothing to hold
    ]
    assert judgement.bounds == {} and judgement.supported == frozenset()


def test_a_when_rule_binds_if_any_fact_of_the_name_passes() -> None:
    facts = [
        fact("cursor.sandbox_type", "workspace_readwrite", "a/.cursor/sandbox.json"),
        fact("cursor.sandbox_type", "insecure_none", "b/.cursor/sandbox.json"),
    ]
    verdict = judge({"BR-01": 3}, facts, RULES).of("BR-01")
    assert verdict is not None and verdict.bound == 1
    assert (
        verdict.outcomes[0].evidence()
        == "b/.cursor/sandbox.json permissions.deny = 'insecure_none'"
    )


def test_expired_facts_count_as_none() -> None:
    facts = [fact("claude.project.deny_rules", 0)]
    valid = {"BR-03": 90}
    fresh = judge({"BR-03": 3}, facts, RULES, today=date(2026, 11, 30), valid_days=valid)
    stale = judge({"BR-03": 3}, facts, RULES, today=date(2026, 12, 1), valid_days=valid)
    assert fresh.bounds == {"BR-03": 1}
    assert stale.bounds == {}
    assert stale.verdicts[0].kind is VerdictKind.NOT_COVERED


def test_expiry_lists_what_expired_and_what_expires_within_30_days() -> None:
    old = fact("claude.project.deny_rules", 0, read_at=datetime(2026, 8, 1, tzinfo=UTC))
    recent = fact(
        "cursor.sandbox_type",
        "insecure_none",
        ".cursor/sandbox.json",
        read_at=datetime(2026, 11, 10, tzinfo=UTC),
    )
    report = evidence_expiry(
        {"BR-03": 90, "BR-01": 30, "BR-05": 90},
        date(2026, 11, 15),
        facts=[old, recent],
        rules=RULES,
        links={"BR-05": ("https://wiki.example.com/restore-test", date(2026, 9, 1))},
    )
    assert report.expired == (
        Expiry(
            "BR-03", ".claude/settings.json permissions.deny", date(2026, 8, 1), date(2026, 10, 30)
        ),
    )
    assert report.expiring == (
        Expiry(
            "BR-05", "https://wiki.example.com/restore-test", date(2026, 9, 1), date(2026, 11, 30)
        ),
        Expiry(
            "BR-01", ".cursor/sandbox.json permissions.deny", date(2026, 11, 10), date(2026, 12, 10)
        ),
    )


def test_a_question_may_declare_how_long_its_evidence_stays_valid() -> None:
    source = (DATA_DIR / "questionnaires" / "autonomy-readiness.yaml").read_text()
    marker = "  - id: BR-05\n"
    dated = source.replace(marker, marker + "    evidence_valid_days: 90\n")
    assert parse_questionnaire(dated, "q.yaml").question("BR-05").evidence_valid_days == 90
    with pytest.raises(ContentError) as raised:
        parse_questionnaire(
            source.replace(marker, marker + "    evidence_valid_days: 0\n"), "q.yaml"
        )
    assert [(p.field, p.message) for p in raised.value.problems] == [
        ("questions[BR-05].evidence_valid_days", "must be at least 1, got 0")
    ]
