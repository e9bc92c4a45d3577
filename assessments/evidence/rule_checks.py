"""Load evidence-rules files and check them against the questionnaire and the fact names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assessments.content.loading import read_source
from assessments.content.questionnaire import Questionnaire
from assessments.content.schema_errors import choices_hint, validate_schema
from assessments.content.yaml_source import FieldPath, YamlDocument, read_yaml
from assessments.errors import ContentError, Problem
from assessments.evidence.names import FACT_NAMES, family
from assessments.evidence.rules import AllTest, AnyTest, EvidenceRules, FactTest, Test

DEFAULT_RULES_NAME = "evidence_rules.yaml"


def parse_evidence_rules(
    source: str | bytes, filename: str, questionnaire: Questionnaire | None = None
) -> EvidenceRules:
    """Evidence rules from YAML text, checked against `questionnaire` when given."""
    document = read_yaml(source, filename)
    rules = validate_schema(document, EvidenceRules)
    problems = check_evidence_rules(rules, questionnaire, document)
    if problems:
        raise ContentError(problems)
    return rules


def load_evidence_rules(
    path: Path | str, questionnaire: Questionnaire | None = None
) -> EvidenceRules:
    """Load and check an evidence-rules file."""
    return parse_evidence_rules(read_source(path), str(path), questionnaire)


def check_evidence_rules(
    rules: EvidenceRules, questionnaire: Questionnaire | None, document: YamlDocument
) -> list[Problem]:
    """Duplicate rule ids, unknown questions, bounds above the scale, unknown fact names."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    question_ids = [q.id for q in questionnaire.questions] if questionnaire else []
    for index, rule in enumerate(rules.rules):
        where: FieldPath = ("rules", index)
        if rule.id in seen:
            first, _ = document.position(("rules", seen[rule.id], "id"))
            problems.append(
                document.problem(
                    (*where, "id"),
                    f"rule id '{rule.id}' is used twice (first on line {first})",
                    "give each rule its own id",
                )
            )
        seen.setdefault(rule.id, index)
        if questionnaire is not None:
            if rule.question not in question_ids:
                problems.append(
                    document.problem(
                        (*where, "question"),
                        f"unknown question '{rule.question}'",
                        choices_hint(rule.question, question_ids, "questions"),
                    )
                )
            elif rule.max > questionnaire.question(rule.question).max_value:
                top = questionnaire.question(rule.question).max_value
                problems.append(
                    document.problem(
                        (*where, "max"),
                        f"max {rule.max} is above the top of {rule.question}'s scale ({top})",
                        "a bound must be a value the question can take",
                    )
                )
        key = "when" if rule.when is not None else "unless"
        for path, leaf in _leaves(rule.condition, (*where, key)):
            if leaf.fact not in FACT_NAMES:
                same_family = [n for n in FACT_NAMES if family(n) == family(leaf.fact)]
                problems.append(
                    document.problem(
                        (*path, "fact"),
                        f"unknown fact '{leaf.fact}'",
                        choices_hint(leaf.fact, same_family or sorted(FACT_NAMES), "facts"),
                    )
                )
    return problems


def _leaves(test: Test, path: FieldPath) -> Iterator[tuple[FieldPath, FactTest]]:
    if isinstance(test, FactTest):
        yield path, test
        return
    key, children = ("all", test.all) if isinstance(test, AllTest) else ("any", test.any)
    assert isinstance(test, AllTest | AnyTest)
    for index, child in enumerate(children):
        yield from _leaves(child, (*path, key, index))
