"""An export passes the same rules as the files and pages it stands in for: org slugs and
names as the org import checks them, answers and chain states as a draft checks them, against
the questionnaire and catalogue in force. Any problem rejects the whole import."""

from __future__ import annotations

from typing import Protocol

from assessments.content.catalogue import ChainCatalogue
from assessments.content.draft_rules import check_answer, check_chain, missing_answers
from assessments.content.questionnaire import Questionnaire
from assessments.content.yaml_source import YamlDocument
from assessments.errors import InvalidInputError, Problem
from assessments.files.export_format import AssessmentRecord, DataExport
from assessments.files.org_files import SLUG_HINT, SLUG_PATTERN, name_problem
from assessments.wording import count


class Content(Protocol):
    """The questionnaire and catalogue in force."""

    @property
    def questionnaire(self) -> Questionnaire: ...

    @property
    def catalogue(self) -> ChainCatalogue: ...


def content_problems(export: DataExport, document: YamlDocument, content: Content) -> list[Problem]:
    """Every record the app itself would refuse to write, located by its field."""
    problems: list[Problem] = []
    for index, unit in enumerate(export.units):
        problems.extend(_org_record(document, "units", index, unit.slug, unit.name, "unit"))
    for index, team in enumerate(export.teams):
        problems.extend(_org_record(document, "teams", index, team.slug, team.name, "team"))
    for index, assessment in enumerate(export.assessments):
        problems.extend(_assessment(document, index, assessment, content))
    return problems


def _org_record(
    document: YamlDocument, section: str, index: int, slug: str, name: str, what: str
) -> list[Problem]:
    problems = []
    if not SLUG_PATTERN.match(slug):
        message = f"{slug!r} is not a valid slug"
        problems.append(document.problem((section, index, "slug"), message, SLUG_HINT))
    refusal = name_problem(name.strip(), what)
    if refusal is not None:
        problems.append(document.problem((section, index, "name"), *refusal))
    return problems


def _assessment(
    document: YamlDocument, index: int, assessment: AssessmentRecord, content: Content
) -> list[Problem]:
    questionnaire = content.questionnaire
    got = (assessment.questionnaire_id, assessment.questionnaire_version)
    if got != (questionnaire.id, questionnaire.version):
        # Answered on another version: stored or carried versions are checked by the import
        # itself (`unstored_version_problems`), which refuses a version it cannot score.
        return []
    problems = []
    answers = assessment.answers
    for question_id, entry in answers.items():
        try:
            check_answer(questionnaire, question_id, entry)
        except InvalidInputError as error:
            path = ("assessments", index, "answers", question_id)
            problems.append(document.problem(path, str(error)))
    for chain_id in assessment.chains:
        try:
            check_chain(content.catalogue, chain_id)
        except InvalidInputError as error:
            problems.append(
                document.problem(("assessments", index, "chains", chain_id), str(error))
            )
    missing = missing_answers(questionnaire, answers)
    if assessment.status == "submitted" and missing:
        unanswered = count(len(missing), "question")
        message = f"submitted with {unanswered} unanswered: {', '.join(missing)}"
        problems.append(document.problem(("assessments", index, "status"), message))
    return problems
