"""Property: a supporting fact never lowers a score, a contradicting fact never raises one.

Conditions read facts monotonically (a test holds when any fact of its name passes), so an
added fact can only make conditions hold more often: it can only lift `unless` bounds
(supporting) or set `when` bounds (contradicting). The property holds the whole chain together:
facts → verdicts → bounds → scores, with the default questionnaire, catalogue and rules.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.content.in_force import load_content
from assessments.evidence.check import default_evidence_rules, hold_answers
from assessments.evidence.facts import Fact, FactValue, ReadHow, Scan
from assessments.evidence.names import FACT_NAMES, family
from assessments.evidence.rules import EvidenceRule, fact_tests
from scoring import Answer, AssessmentInput
from scoring.results import AssessmentResult

NOW = datetime(2026, 12, 1, tzinfo=UTC)
CONTENT = load_content()
RULES = default_evidence_rules().rules
UNLESS_NAMES = sorted(
    {t.fact for r in RULES if r.unless is not None for t in fact_tests(r.condition)}
)
WHEN_NAMES = sorted({t.fact for r in RULES if r.when is not None for t in fact_tests(r.condition)})
FAMILIES = sorted({family(name) for name in FACT_NAMES})


def _values(name: str) -> st.SearchStrategy[FactValue]:
    """Values of the fact's own type, around the operands the rules compare it with, so added
    facts pass and fail the rules' tests alike."""
    tests = [t for r in RULES for t in fact_tests(r.condition) if t.fact == name]
    options: list[st.SearchStrategy[FactValue]] = [st.booleans()] if not tests else []
    for test in tests:
        operand = test.operand
        if test.operator in ("at_least", "at_most"):
            options.append(st.integers(0, operand + 2))
            options.append(st.lists(st.just("x"), max_size=operand + 2).map(tuple))
        elif test.operator in ("contains", "excludes"):
            options.append(st.lists(st.sampled_from((operand, "other")), max_size=2).map(tuple))
        elif isinstance(operand, bool):
            options.append(st.booleans())
        else:
            options.append(st.sampled_from((operand, "other")))
    return st.one_of(options)


EXAMPLES = settings(max_examples=100, deadline=None)


@st.composite
def facts_named(draw: st.DrawFn, names: list[str]) -> Fact:
    name = draw(st.sampled_from(names))
    return Fact(name, draw(_values(name)), "f", "field", NOW, ReadHow.FILE_IN_REPO)


@st.composite
def situations(draw: st.DrawFn) -> tuple[AssessmentInput, list[Fact]]:
    answers = {
        q.id: draw(
            st.one_of(
                st.integers(0, q.max_value).map(Answer.of),
                st.just(Answer.of(q.max_value)),  # high claims are where bounds bite
                st.just(Answer.dont_know()),
            )
        )
        for q in CONTENT.questionnaire.questions
    }
    # Any fact may be there or not, with any value; one fact of every family is always there,
    # so every rule is judged before and after the added fact.
    present = [
        Fact(name, draw(_values(name)), "f", "field", NOW, ReadHow.FILE_IN_REPO)
        for name in sorted(FACT_NAMES)
        if draw(st.integers(0, 3)) == 0
    ]
    opening = [draw(facts_named([n for n in FACT_NAMES if family(n) == f])) for f in FAMILIES]
    return AssessmentInput(answers), opening + present


def scored(
    assessment: AssessmentInput, facts: list[Fact], rules: list[EvidenceRule]
) -> AssessmentResult:
    return hold_answers(CONTENT, assessment, Scan(tuple(facts)), rules, NOW)[2]


def at_least(after: AssessmentResult, before: AssessmentResult) -> bool:
    return (
        all(a.score >= b.score for a, b in zip(after.pillars, before.pillars, strict=True))
        and after.overall_level >= before.overall_level
        and after.confidence.value >= before.confidence.value
    )


@st.composite
def rules_and_added_fact(draw: st.DrawFn, kind: str) -> tuple[list[EvidenceRule], Fact]:
    """A few default rules (the property holds for any rule set; few rules let one fact
    matter), and a fact that only `unless` (kind "supporting") or only `when` rules read."""
    rules = draw(st.lists(st.sampled_from(RULES), min_size=1, max_size=3, unique_by=lambda r: r.id))
    names = UNLESS_NAMES if kind == "supporting" else WHEN_NAMES
    chosen = {t.fact for r in rules for t in fact_tests(r.condition)} & set(names)
    return rules, draw(facts_named(sorted(chosen) or names))


@EXAMPLES
@given(situations(), rules_and_added_fact("supporting"))
def test_adding_a_supporting_fact_never_lowers_a_score(situation, rules_and_fact) -> None:
    assessment, facts = situation
    rules, fact = rules_and_fact
    assert at_least(scored(assessment, [*facts, fact], rules), scored(assessment, facts, rules))


@EXAMPLES
@given(situations(), rules_and_added_fact("contradicting"))
def test_adding_a_contradicting_fact_never_raises_a_score(situation, rules_and_fact) -> None:
    assessment, facts = situation
    rules, fact = rules_and_fact
    assert at_least(scored(assessment, facts, rules), scored(assessment, [*facts, fact], rules))


def test_the_default_rules_read_no_fact_both_ways() -> None:
    assert set(UNLESS_NAMES).isdisjoint(WHEN_NAMES)
