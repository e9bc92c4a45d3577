"""Verdicts: each answer held against the facts by the evidence rules. Pure: no I/O, no clock.

Per answered value the verdict is *supported* (a rule judged it and no bound lies below it),
*contradicted* (a rule caps it below the answer: the answer counts at the lowest such bound)
or *not covered* (no rule could judge it: no facts of the rules' families were found, or the
answer is not a value).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from assessments.evidence.facts import Fact
from assessments.evidence.names import FACT_NAMES, family
from assessments.evidence.rules import AllTest, EvidenceRule, FactTest, Test


class VerdictKind(StrEnum):
    """What the facts say about one answer."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_COVERED = "not covered"


@dataclass(frozen=True)
class RuleOutcome:
    """One rule judged against the facts.

    Attributes:
        rule: the rule.
        binds: whether its bound applies (`when` held, or `unless` failed).
        facts: the facts that decided it.
        missing: fact names the rule reads that the scan did not find, where they decided it.
    """

    rule: EvidenceRule
    binds: bool
    facts: tuple[Fact, ...]
    missing: tuple[str, ...]

    def evidence(self) -> str:
        """The deciding facts in words: `file:line field = value`, or what was not found."""
        parts = [_evidence_of(fact) for fact in self.facts]
        parts += [
            f"{FACT_NAMES[name].split(':')[0].replace('`', '')} not found" for name in self.missing
        ]
        return "; ".join(parts) if parts else self.rule.cites


@dataclass(frozen=True)
class Verdict:
    """The verdict on one answer.

    Attributes:
        question: the question id.
        kind: supported, contradicted or not covered.
        answered: the value given (None for don't know, not applicable or no answer).
        bound: for a contradicted answer, the value it counts at.
        outcomes: the rules that decided it: the binding rules at the bound for a contradicted
            answer, every judged rule for a supported one.
    """

    question: str
    kind: VerdictKind
    answered: int | None
    bound: int | None = None
    outcomes: tuple[RuleOutcome, ...] = ()

    def explanation(self) -> str:
        """One line in plain words, e.g. `BR-03 counted as 1: you answered 3; ...`."""
        if self.kind is VerdictKind.CONTRADICTED:
            first = self.outcomes[0]
            return (
                f"{self.question} counted as {self.bound}: you answered {self.answered};"
                f" {first.rule.reason} ({first.evidence()})"
            )
        if self.kind is VerdictKind.SUPPORTED:
            count = len(self.outcomes)
            return (
                f"{self.question} supported: the configuration allows {self.answered}"
                f" ({count} rule{'s' if count != 1 else ''} checked)"
            )
        return f"{self.question} not covered by the facts found"


@dataclass(frozen=True)
class Judgement:
    """Every verdict, and what scoring needs from them.

    Attributes:
        verdicts: one per answered question, in the answers' order.
        bounds: question id → the value a contradicted answer counts at.
        supported: ids of the answers the facts support (counted as evidenced).
    """

    verdicts: tuple[Verdict, ...]
    bounds: dict[str, int]
    supported: frozenset[str]

    def of(self, question: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.question == question), None)

    @property
    def contradicted(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.kind is VerdictKind.CONTRADICTED)


def judge(
    answers: Mapping[str, int | None],
    facts: Sequence[Fact],
    rules: Sequence[EvidenceRule],
    today: date | None = None,
    valid_days: Mapping[str, int] | None = None,
) -> Judgement:
    """Hold each answer against the facts.

    Args:
        answers: question id → the value answered (None for a non-value answer).
        facts: the facts of one or more scans.
        rules: the evidence rules.
        today: the date expiry is judged on; None judges no fact expired.
        valid_days: question id → how many days its evidence stays valid; a fact read longer
            ago counts as not found for that question.
    """
    rules_of: dict[str, list[EvidenceRule]] = {}
    for rule in rules:
        rules_of.setdefault(rule.question, []).append(rule)
    # The facts still valid and their families, per validity in days (None: every fact): an
    # org's history judges hundreds of scans, each against every rule.
    usable_for: dict[int | None, tuple[list[Fact], frozenset[str]]] = {}
    verdicts = []
    for question, value in answers.items():
        days = None if today is None else (valid_days or {}).get(question)
        if days not in usable_for:
            usable = current_facts(facts, question, today, valid_days or {})
            usable_for[days] = usable, frozenset(family(fact.name) for fact in usable)
        usable, found = usable_for[days]
        verdicts.append(_verdict(question, value, usable, rules_of.get(question, []), found))
    bounds = {v.question: v.bound for v in verdicts if v.bound is not None}
    supported = frozenset(v.question for v in verdicts if v.kind is VerdictKind.SUPPORTED)
    return Judgement(tuple(verdicts), bounds, supported)


def current_facts(
    facts: Sequence[Fact], question: str, today: date | None, valid_days: Mapping[str, int]
) -> list[Fact]:
    """The facts still valid for `question` on `today`."""
    days = valid_days.get(question)
    if today is None or days is None:
        return list(facts)
    oldest = today - timedelta(days=days)
    return [fact for fact in facts if fact.read_at.date() >= oldest]


def judge_rule(
    rule: EvidenceRule, facts: Sequence[Fact], found: Collection[str] | None = None
) -> RuleOutcome | None:
    """The rule's outcome on `facts`; None when no fact of its families was found.

    `found`: the families of `facts`, when the caller already has them.
    """
    if found is None:
        found = {family(fact.name) for fact in facts}
    if rule.families.isdisjoint(found):
        return None
    holds, deciding, missing = _evaluate(rule.condition, facts)
    return RuleOutcome(rule, holds == rule.binds_when_holds, deciding, missing)


def _verdict(
    question: str,
    value: int | None,
    facts: Sequence[Fact],
    rules: Sequence[EvidenceRule],
    found: Collection[str],
) -> Verdict:
    if value is None:
        return Verdict(question, VerdictKind.NOT_COVERED, None)
    outcomes = [o for o in (judge_rule(rule, facts, found) for rule in rules) if o is not None]
    if not outcomes:
        return Verdict(question, VerdictKind.NOT_COVERED, value)
    below = [o for o in outcomes if o.binds and o.rule.max < value]
    if not below:
        return Verdict(question, VerdictKind.SUPPORTED, value, None, tuple(outcomes))
    bound = min(o.rule.max for o in below)
    deciding = tuple(o for o in below if o.rule.max == bound)
    return Verdict(question, VerdictKind.CONTRADICTED, value, bound, deciding)


def _evaluate(test: Test, facts: Sequence[Fact]) -> tuple[bool, tuple[Fact, ...], tuple[str, ...]]:
    """Whether the test holds, the facts that decided it, and names missing where it failed."""
    if isinstance(test, FactTest):
        named = [fact for fact in facts if fact.name == test.fact]
        if not named:
            return False, (), (test.fact,)
        passing = tuple(fact for fact in named if passes(test, fact))
        return (True, passing, ()) if passing else (False, tuple(named), ())
    children = [
        _evaluate(child, facts) for child in (test.all if isinstance(test, AllTest) else test.any)
    ]
    holds = (
        all(c[0] for c in children) if isinstance(test, AllTest) else any(c[0] for c in children)
    )
    # What decided it: the children that agree with the result.
    agreeing = [c for c in children if c[0] == holds]
    return (
        holds,
        tuple(f for c in agreeing for f in c[1]),
        tuple(n for c in agreeing for n in c[2]),
    )


def passes(test: FactTest, fact: Fact) -> bool:
    """Whether one fact passes the test (numbers compare lists by their length)."""
    value, operand = fact.value, test.operand
    if test.operator == "equals":
        return value == operand and type(value) is type(operand)
    if test.operator == "one_of":
        return any(value == o and type(value) is type(o) for o in operand)
    if test.operator in ("at_least", "at_most"):
        number = len(value) if isinstance(value, tuple) else value
        if not isinstance(number, int) or isinstance(number, bool):
            return False
        bound = int(operand)
        return number >= bound if test.operator == "at_least" else number <= bound
    if not isinstance(value, tuple):
        return False
    return (operand in value) == (test.operator == "contains")


def _evidence_of(fact: Fact) -> str:
    # A found pattern (true) is its place; a field that already says what is missing
    # ("no owner for ...") needs no "= false".
    if fact.value is True or (fact.value is False and fact.field.startswith("no ")):
        return fact.where
    return f"{fact.where} = {render_value(fact.value)}"


def render_value(value: object) -> str:
    """A fact's value as read in a report: true/false, numbers, 'text', [a, b]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return "null" if value is None else str(value)
