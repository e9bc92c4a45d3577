"""The content validator: check questionnaires, catalogues and answers files together.

Used by `readiness validate` and by anything that accepts uploaded content; every problem
is reported at once, each with file, line, field and a hint.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from assessments.content.answers import AnswerSheet
from assessments.content.catalogue import ChainCatalogue
from assessments.content.cross_references import check_answers, check_catalogue, check_questionnaire
from assessments.content.loading import read_source
from assessments.content.map_checks import check_migration_map
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.content.schema_errors import choices_hint, validate_schema
from assessments.content.yaml_source import SHAPE_HINT, YamlDocument, read_yaml
from assessments.errors import ContentError, Problem
from assessments.evidence.rule_checks import check_evidence_rules
from assessments.evidence.rules import EvidenceRules
from assessments.files.role_file import RoleFile

CONTENT_SUFFIXES = (".yaml", ".yml")
M = TypeVar("M", bound=BaseModel)


class ContentKind(StrEnum):
    """What a content file holds, told by its top-level keys."""

    QUESTIONNAIRE = "questionnaire"
    CATALOGUE = "catalogue"
    EVIDENCE_RULES = "evidence rules"
    MIGRATION_MAP = "migration map"
    ANSWERS = "answers"
    ROLES = "roles"


@dataclass(frozen=True)
class ValidationReport:
    """The files checked and every problem found in them."""

    files: list[Path]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def content_kind(data: dict[str, object]) -> ContentKind | None:
    """Maps have `from_version`, questionnaires `questions`, catalogues `chains`, answers
    files `answers`, roles files `roles`."""
    for key, kind in (
        ("from_version", ContentKind.MIGRATION_MAP),
        ("questions", ContentKind.QUESTIONNAIRE),
        ("chains", ContentKind.CATALOGUE),
        ("answers", ContentKind.ANSWERS),
        ("roles", ContentKind.ROLES),
        ("rules", ContentKind.EVIDENCE_RULES),
    ):
        if key in data:
            return kind
    return None


def validate_paths(
    paths: Sequence[Path],
    reference_questionnaires: Sequence[Questionnaire] = (),
    reference_catalogues: Sequence[ChainCatalogue] = (),
) -> ValidationReport:
    """Check every YAML file under `paths`, each against the others.

    References stand in for a questionnaire or catalogue named by a checked file but not
    among the checked files (e.g. the default content when checking one answers file).
    """
    files, problems = _content_files(paths)
    documents: list[tuple[ContentKind, YamlDocument]] = []
    for file in files:
        try:
            document = read_yaml(read_source(file), str(file))
        except ContentError as error:
            problems.extend(error.problems)
            continue
        kind = content_kind(document.data)
        if kind is None:
            problems.append(_not_content(document))
        else:
            documents.append((kind, document))
    checker = _Checker()
    kind_order = list(ContentKind)
    for kind, document in sorted(documents, key=lambda item: kind_order.index(item[0])):
        needs_references = kind in (
            ContentKind.ANSWERS,
            ContentKind.EVIDENCE_RULES,
            ContentKind.MIGRATION_MAP,
        )
        if needs_references and not checker.references_added:
            checker.add_references(reference_questionnaires, reference_catalogues)
        problems.extend(checker.check(kind, document))
    order = {str(file): index for index, file in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0, p.column or 0))
    return ValidationReport(files, problems)


def validate_text(
    source: str | bytes,
    filename: str,
    known_questionnaires: Sequence[Questionnaire] = (),
    known_catalogues: Sequence[ChainCatalogue] = (),
) -> list[Problem]:
    """Every problem in one uploaded file, checked against the content already known."""
    try:
        document = read_yaml(source, filename)
    except ContentError as error:
        return error.problems
    kind = content_kind(document.data)
    if kind is None:
        return [_not_content(document)]
    checker = _Checker()
    checker.add_references(known_questionnaires, known_catalogues)
    return sorted(checker.check(kind, document), key=lambda p: (p.line or 0, p.column or 0))


@dataclass
class _Checker:
    """Checks documents in order (questionnaires, catalogues, answers), learning valid ones."""

    questionnaires: list[Questionnaire] = field(default_factory=list)
    catalogues: list[ChainCatalogue] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    references_added: bool = False

    def add_references(
        self, questionnaires: Iterable[Questionnaire], catalogues: Iterable[ChainCatalogue]
    ) -> None:
        have = {(q.id, q.version) for q in self.questionnaires}
        self.questionnaires.extend(q for q in questionnaires if (q.id, q.version) not in have)
        have_catalogues = {(c.id, c.version) for c in self.catalogues}
        self.catalogues.extend(c for c in catalogues if (c.id, c.version) not in have_catalogues)
        self.references_added = True

    def check(self, kind: ContentKind, document: YamlDocument) -> list[Problem]:
        if kind is ContentKind.QUESTIONNAIRE:
            return self._questionnaire(document)
        if kind is ContentKind.CATALOGUE:
            return self._catalogue(document)
        if kind is ContentKind.ROLES:
            return self._build(document, RoleFile)[1]
        if kind is ContentKind.EVIDENCE_RULES:
            return self._evidence_rules(document)
        if kind is ContentKind.MIGRATION_MAP:
            return self._migration_map(document)
        return self._answers(document)

    def _migration_map(self, document: YamlDocument) -> list[Problem]:
        migration, problems = self._build(document, MigrationMap)
        if migration is None:
            return problems
        versions = {(q.id, q.version): q for q in self.questionnaires}
        old = versions.get((migration.questionnaire, migration.from_version))
        new = versions.get((migration.questionnaire, migration.to_version))
        for version, field_name, found in (
            (migration.from_version, "from_version", old),
            (migration.to_version, "to_version", new),
        ):
            if found is None and migration.questionnaire not in self.broken_ids:
                problems.append(
                    document.problem(
                        (field_name,),
                        f"questionnaire '{migration.questionnaire}' version {version!r} not found",
                        "check the map together with both versions' files (keep older versions"
                        " in questionnaires/previous/)",
                    )
                )
        return problems + check_migration_map(migration, old, new, document)

    def _questionnaire(self, document: YamlDocument) -> list[Problem]:
        questionnaire, problems = self._build(document, Questionnaire)
        if questionnaire is None:
            return problems
        self.questionnaires.append(questionnaire)
        return check_questionnaire(questionnaire, document)

    def _catalogue(self, document: YamlDocument) -> list[Problem]:
        catalogue, problems = self._build(document, ChainCatalogue)
        if catalogue is None:
            return problems
        self.catalogues.append(catalogue)
        matches = [q for q in self.questionnaires if q.id == catalogue.questionnaire]
        if not matches and catalogue.questionnaire not in self.broken_ids:
            problems.append(
                self._unknown_questionnaire(document, ("questionnaire",), catalogue.questionnaire)
            )
        # A catalogue belongs to one version of its questionnaire (an older catalogue kept in
        # catalogues/previous/ to an older version): it must fit one of them. If it fits none,
        # report against the version of the same number where there is one, else against all.
        candidates: list[Questionnaire | None] = [*matches] or [None]
        found = [check_catalogue(catalogue, q, document) for q in candidates]
        if any(not each for each in found):
            return problems
        same = [i for i, q in enumerate(candidates) if q and q.version == catalogue.version]
        for index in same or range(len(candidates)):
            problems.extend(p for p in found[index] if p not in problems)
        return problems

    def _evidence_rules(self, document: YamlDocument) -> list[Problem]:
        rules, problems = self._build(document, EvidenceRules)
        if rules is None:
            return problems
        matches = [q for q in self.questionnaires if q.id == rules.questionnaire]
        if not matches and rules.questionnaire not in self.broken_ids:
            problems.append(
                self._unknown_questionnaire(document, ("questionnaire",), rules.questionnaire)
            )
        candidates: list[Questionnaire | None] = [*matches] or [None]
        for questionnaire in candidates:
            problems.extend(
                p for p in check_evidence_rules(rules, questionnaire, document) if p not in problems
            )
        return problems

    def _answers(self, document: YamlDocument) -> list[Problem]:
        sheet, problems = self._build(document, AnswerSheet)
        if sheet is None:
            return problems
        ref = sheet.questionnaire
        same_id = [q for q in self.questionnaires if q.id == ref.id]
        exact = [q for q in same_id if q.version == ref.version]
        questionnaire = next(iter(exact or same_id), None)
        if questionnaire is None and ref.id not in self.broken_ids:
            problems.append(self._unknown_questionnaire(document, ("questionnaire", "id"), ref.id))
        catalogues = [c for c in self.catalogues if c.questionnaire == ref.id]
        chain_ids = [ch.id for c in catalogues for ch in c.chains] if catalogues else None
        return problems + check_answers(sheet, questionnaire, chain_ids, document)

    def _build(self, document: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
        try:
            return validate_schema(document, model), []
        except ContentError as error:
            item_id = document.data.get("id")
            if isinstance(item_id, str):
                self.broken_ids.add(item_id)
            return None, error.problems

    def _unknown_questionnaire(
        self, document: YamlDocument, path: tuple[str, ...], name: str
    ) -> Problem:
        known = sorted({q.id for q in self.questionnaires})
        hint = (
            choices_hint(name, known, "known questionnaires")
            if known
            else "check this file together with its questionnaire file"
        )
        return document.problem(path, f"questionnaire '{name}' not found", hint)


def _content_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in CONTENT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(
                    Problem(str(path), None, None, "", "no .yaml or .yml files in this folder")
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(
                Problem(str(path), None, None, "", "no such file or folder", "check the path")
            )
    unique = list(dict.fromkeys(files))
    return unique, problems


def _not_content(document: YamlDocument) -> Problem:
    return Problem(
        document.file,
        1,
        1,
        "",
        "not a questionnaire, catalogue or answers file",
        SHAPE_HINT,
    )
