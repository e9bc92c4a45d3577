"""Checks across ids: what a schema cannot see (unknown ids, cycles, conditions that never hold)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from assessments.content.answers import AnswerSheet
from assessments.content.catalogue import (
    AnswerCondition,
    AnyCondition,
    ChainCatalogue,
    ChainRemovedCondition,
    Condition,
    NoIncidentCondition,
    PillarCondition,
    RemovedForCondition,
)
from assessments.content.chain_cycles import leaves, wait_cycles
from assessments.content.questionnaire import Questionnaire
from assessments.content.reinstate_checks import reinstate_trigger_problems
from assessments.content.schema_errors import choices_hint
from assessments.content.yaml_source import FieldPath, YamlDocument
from assessments.errors import Problem
from scoring.model import MAX_LEVEL


@dataclass
class _Findings:
    document: YamlDocument
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: FieldPath, message: str, hint: str = "") -> None:
        self.problems.append(self.document.problem(path, message, hint))

    def first_line(self, path: FieldPath) -> str:
        line, _ = self.document.position(path)
        return f" (first on line {line})" if line is not None else ""


def document_of(model: BaseModel, file: str) -> YamlDocument:
    """A document for content that did not come from a file (problems then carry no line)."""
    return YamlDocument(file, model.model_dump(mode="json"))


def check_questionnaire(
    questionnaire: Questionnaire, document: YamlDocument | None = None
) -> list[Problem]:
    """Duplicate ids, questions on unknown pillars, and pillars without questions."""
    found = _Findings(document or document_of(questionnaire, f"questionnaire {questionnaire.id}"))
    _duplicates(found, "pillar", "pillars", [p.id for p in questionnaire.pillars])
    _duplicates(found, "question", "questions", [q.id for q in questionnaire.questions])
    pillar_ids = [p.id for p in questionnaire.pillars]
    for index, question in enumerate(questionnaire.questions):
        if question.pillar not in pillar_ids:
            found.add(
                ("questions", index, "pillar"),
                f"unknown pillar '{question.pillar}'",
                choices_hint(question.pillar, pillar_ids, "pillars"),
            )
    _question_scheme(found, questionnaire)
    _caps_within_levels(found, questionnaire)
    for index, pillar in enumerate(questionnaire.pillars):
        if not questionnaire.questions_of(pillar.id):
            found.add(
                ("pillars", index),
                f"pillar '{pillar.id}' has no questions, so its level can never rise above 0",
                f"add questions with `pillar: {pillar.id}`, or remove the pillar",
            )
    return found.problems


def _question_scheme(found: _Findings, questionnaire: Questionnaire) -> None:
    pattern = questionnaire.question_id_pattern
    if pattern is None:
        return
    try:
        scheme = re.compile(pattern)
    except re.error as error:
        found.add(
            ("question_id_pattern",),
            f"not a valid regular expression ({error})",
            "e.g. '^[A-Z]-[A-Z]{2}-[0-9]-[AB]$'",
        )
        return
    for index, question in enumerate(questionnaire.questions):
        if not scheme.fullmatch(question.id):
            found.add(
                ("questions", index, "id"),
                f"'{question.id}' does not follow this questionnaire's id scheme {pattern}",
                "rename the question, or widen question_id_pattern",
            )


def _caps_within_levels(found: _Findings, questionnaire: Questionnaire) -> None:
    top = questionnaire.top_level
    for index, question in enumerate(questionnaire.questions):
        caps = question.caps(top)
        within = all(cap <= top for cap in caps)
        if within and question.has_own_caps and any(b < a for a, b in itertools.pairwise(caps)):
            found.add(
                ("questions", index, "scale"),
                f"the critical caps fall as the value rises: {list(caps)} (caps_at where"
                " written, the default rule elsewhere)",
                "write caps_at on every option, rising with the value",
            )
        for position, option in enumerate(question.scale):
            if option.caps_at is not None and option.caps_at > top:
                found.add(
                    ("questions", index, "scale", position, "caps_at"),
                    f"caps_at {option.caps_at} is above the highest readiness level {top}",
                    f"use a level from 0 to {top}",
                )


def check_catalogue(
    catalogue: ChainCatalogue,
    questionnaire: Questionnaire | None,
    document: YamlDocument | None = None,
) -> list[Problem]:
    """Duplicate ids and orders, unknown ids, conditions that never hold, and chain cycles.

    Without a questionnaire only the checks within the catalogue run.
    """
    found = _Findings(document or document_of(catalogue, f"catalogue {catalogue.id}"))
    if questionnaire is not None and questionnaire.id != catalogue.questionnaire:
        found.add(
            ("questionnaire",),
            f"the catalogue is for questionnaire '{catalogue.questionnaire}',"
            f" not '{questionnaire.id}'",
        )
        questionnaire = None
    chain_ids = [c.id for c in catalogue.chains]
    _duplicates(found, "chain", "chains", chain_ids)
    orders: dict[int, str] = {}
    for index, chain in enumerate(catalogue.chains):
        if chain.order in orders:
            found.add(
                ("chains", index, "order"),
                f"order {chain.order} is also used by chain '{orders[chain.order]}'",
                "give each chain its own place in the removal order",
            )
        orders.setdefault(chain.order, chain.id)
        if questionnaire is not None:
            pillar_ids = [p.id for p in questionnaire.pillars]
            for position, pillar in enumerate(chain.protects):
                if pillar not in pillar_ids:
                    found.add(
                        ("chains", index, "protects", position),
                        f"unknown pillar '{pillar}'",
                        choices_hint(pillar, pillar_ids, "pillars"),
                    )
        if chain.unlock is not None:
            for path, condition in leaves(chain.unlock, ("chains", index, "unlock")):
                _check_condition(found, catalogue, questionnaire, chain.id, path, condition)
        known = None if questionnaire is None else [p.id for p in questionnaire.pillars]
        for path, message, hint in reinstate_trigger_problems(chain, index, chain_ids, known):
            found.add(path, message, hint)
    for cycle in wait_cycles(catalogue):
        found.add(
            ("chains", cycle.chain_index, "unlock"),
            cycle.message,
            "remove one of the `chain_removed` conditions in this cycle",
        )
    return found.problems


def check_answers(
    sheet: AnswerSheet,
    questionnaire: Questionnaire | None,
    chain_ids: Collection[str] | None,
    document: YamlDocument | None = None,
) -> list[Problem]:
    """Answers against the questionnaire they name, and removed chains against the catalogue."""
    found = _Findings(document or document_of(sheet, f"answers of {sheet.team} {sheet.period}"))
    ref = sheet.questionnaire
    if questionnaire is not None and questionnaire.id != ref.id:
        found.add(
            ("questionnaire", "id"),
            f"the answers are for questionnaire '{ref.id}', not '{questionnaire.id}'",
        )
    elif questionnaire is not None and questionnaire.version != ref.version:
        found.add(
            ("questionnaire", "version"),
            f"the answers are for version '{ref.version}' of questionnaire '{ref.id}',"
            f" but the questionnaire loaded is version '{questionnaire.version}'",
            "answer the loaded version, or check the answers with their own questionnaire file",
        )
    elif questionnaire is not None:
        _check_answer_values(found, sheet, questionnaire)
    if chain_ids is not None:
        known = list(chain_ids)
        for index, chain_id in enumerate(sheet.removed_chains):
            if chain_id not in known:
                found.add(
                    ("removed_chains", index),
                    f"unknown chain '{chain_id}'",
                    choices_hint(chain_id, known, "chains"),
                )
    for chain_id in sheet.removed_since:
        if chain_id not in sheet.removed_chains:
            found.add(
                ("removed_since", chain_id),
                f"chain '{chain_id}' has a removal date but is not in removed_chains",
                "list it under removed_chains, or drop its date",
            )
    return found.problems


def _check_answer_values(
    found: _Findings, sheet: AnswerSheet, questionnaire: Questionnaire
) -> None:
    question_ids = list(dict.fromkeys(q.id for q in questionnaire.questions))
    for question_id, entry in sheet.answers.items():
        path: FieldPath = ("answers", question_id)
        if question_id not in question_ids:
            found.add(
                path,
                f"unknown question '{question_id}'",
                choices_hint(question_id, question_ids, "question ids"),
            )
            continue
        question = questionnaire.question(question_id)
        if entry.value is not None and entry.value > question.max_value:
            found.add(
                path,
                f"{question_id} is {entry.value}, but its scale goes up to {question.max_value}",
                f"answer a value from 0 to {question.max_value}",
            )
        if entry.not_applicable is not None and not question.allow_not_applicable:
            found.add(
                path,
                f"{question_id} cannot be not applicable",
                f"answer a value from 0 to {question.max_value}, or `dont_know`",
            )


def _duplicates(found: _Findings, kind: str, section: str, ids: Sequence[str]) -> None:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            found.add(
                (section, index, "id"),
                f"duplicate {kind} id '{item_id}'"
                + found.first_line((section, first[item_id], "id")),
                f"give each {kind} its own id",
            )
        first.setdefault(item_id, index)


def _check_condition(
    found: _Findings,
    catalogue: ChainCatalogue,
    questionnaire: Questionnaire | None,
    chain_id: str,
    path: FieldPath,
    condition: Condition,
) -> None:
    if isinstance(condition, AnyCondition) and not condition.any:
        found.add(
            (*path, "any"),
            "`any: []` has no options, so it never holds",
            "list at least one condition, or remove it",
        )
    elif isinstance(condition, PillarCondition):
        _check_pillar_condition(found, questionnaire, path, condition)
    elif isinstance(condition, AnswerCondition) and questionnaire is not None:
        question_ids = list(dict.fromkeys(q.id for q in questionnaire.questions))
        if condition.question not in question_ids:
            found.add(
                (*path, "question"),
                f"unknown question '{condition.question}'",
                choices_hint(condition.question, question_ids, "question ids"),
            )
        elif condition.min > (top := questionnaire.question(condition.question).max_value):
            found.add(
                (*path, "min"),
                f"min {condition.min} is above the top of {condition.question}'s scale ({top});"
                " no answer could ever meet it",
                f"use a value from 0 to {top}",
            )
    elif isinstance(condition, ChainRemovedCondition):
        _check_chain_target(
            found, catalogue, chain_id, (*path, "chain_removed"), condition.chain_removed
        )
    elif isinstance(condition, RemovedForCondition):
        _check_chain_target(
            found, catalogue, chain_id, (*path, "removed_for", "chain"), condition.removed_for.chain
        )
    elif isinstance(condition, NoIncidentCondition) and questionnaire is not None:
        pillar_ids = [p.id for p in questionnaire.pillars]
        for position, pillar in enumerate(condition.no_incident.pillars):
            if pillar not in pillar_ids:
                found.add(
                    (*path, "no_incident", "pillars", position),
                    f"unknown pillar '{pillar}'",
                    choices_hint(pillar, pillar_ids, "pillars"),
                )


def _check_pillar_condition(
    found: _Findings,
    questionnaire: Questionnaire | None,
    path: FieldPath,
    condition: PillarCondition,
) -> None:
    top = questionnaire.top_level if questionnaire is not None else MAX_LEVEL
    if condition.min_level > top:
        found.add(
            (*path, "min_level"),
            f"min_level {condition.min_level} is above the highest readiness level {top};"
            " no answer could ever meet it",
            f"use a level from 0 to {top}",
        )
    if questionnaire is None:
        return
    pillar_ids = [p.id for p in questionnaire.pillars]
    if condition.pillar not in pillar_ids:
        found.add(
            (*path, "pillar"),
            f"unknown pillar '{condition.pillar}'",
            choices_hint(condition.pillar, pillar_ids, "pillars"),
        )
    elif condition.min_level > 0 and not questionnaire.questions_of(condition.pillar):
        found.add(
            (*path, "pillar"),
            f"pillar '{condition.pillar}' has no questions, so its level stays 0;"
            f" no answer could ever meet min_level {condition.min_level}",
            f"add questions to pillar '{condition.pillar}', or lower min_level to 0",
        )


def _check_chain_target(
    found: _Findings,
    catalogue: ChainCatalogue,
    chain_id: str,
    where: FieldPath,
    target: str,
) -> None:
    """A chain a condition waits on must exist, be another chain, and be removable."""
    chain_ids = [c.id for c in catalogue.chains]
    if target == chain_id:
        found.add(
            where,
            f"chain '{chain_id}' waits on its own removal, so it can never be removed",
            "remove this condition",
        )
    elif target not in chain_ids:
        found.add(where, f"unknown chain '{target}'", choices_hint(target, chain_ids, "chains"))
    elif catalogue.chain(target).permanent:
        found.add(
            where,
            f"chain '{target}' is permanent and never removed, so this condition never holds",
            f"remove this condition, or make '{target}' removable",
        )
