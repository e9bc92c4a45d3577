"""Check a questionnaire, its catalogue and its map together, and say what putting them in force
would change — before anything is put in force.

Pure: the stored versions come in as a `ContentLibrary`; the files as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import parse_catalogue, parse_migration_map, parse_questionnaire
from assessments.content.map_checks import check_migration_map
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.content.versions import ContentLibrary, content_hash
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError, Problem

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class SwitchPreview:
    """What a set of files is, what is wrong with it, and what would change in force.

    Attributes:
        problems: every problem, with file and line; nothing may be put in force while any.
        changes: plain sentences on what would change, in reading order.
        questionnaire, catalogue, migration_map: what the files hold, where valid.
    """

    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    questionnaire: Questionnaire | None = None
    catalogue: ChainCatalogue | None = None
    migration_map: MigrationMap | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.questionnaire is not None and self.catalogue is not None


def preview_switch(
    files: Mapping[str, bytes],
    library: ContentLibrary,
    answered: Mapping[tuple[str, str], int] | None = None,
) -> SwitchPreview:
    """Check the uploaded files together (not against the content in force) and preview them.

    Args:
        files: file name → bytes; one questionnaire, one catalogue and at most one map.
        library: the content in force and every stored version.
        answered: how many stored assessments were answered on each (questionnaire id, version).
    """
    problems: list[Problem] = []
    by_kind: dict[str, list[tuple[str, bytes]]] = {"questionnaire": [], "catalogue": [], "map": []}
    for name, source in files.items():
        try:
            data = read_yaml(source, name).data
        except ContentError as error:
            problems.extend(error.problems)
            continue
        kind = (
            "map"
            if "from_version" in data
            else "questionnaire"
            if "questions" in data
            else "catalogue"
            if "chains" in data
            else None
        )
        if kind is None:
            problems.append(
                Problem(name, 1, 1, "", "not a questionnaire, catalogue or migration map")
            )
        else:
            by_kind[kind].append((name, source))
    for kind, needed in (("questionnaire", True), ("catalogue", True), ("map", False)):
        found = by_kind[kind]
        if len(found) > 1:
            names = ", ".join(n for n, _ in found)
            problems.append(
                Problem(names, None, None, "", f"give one {kind} file, not {len(found)}")
            )
        elif not found and needed:
            problems.append(
                Problem(
                    "(upload)",
                    None,
                    None,
                    "",
                    f"no {kind} file among the uploads",
                    f"upload the {kind} together with the others",
                )
            )
    questionnaire = _parse(problems, by_kind["questionnaire"], parse_questionnaire)
    catalogue = None
    if by_kind["catalogue"] and len(by_kind["catalogue"]) == 1:
        name, source = by_kind["catalogue"][0]
        try:
            catalogue = parse_catalogue(source, name, questionnaire)
        except ContentError as error:
            problems.extend(error.problems)
    migration = _parse(problems, by_kind["map"], parse_migration_map)
    preview = SwitchPreview(problems, [], questionnaire, catalogue, migration)
    if questionnaire is None:
        return preview
    if migration is not None:
        old = library.questionnaires.get((migration.questionnaire, migration.from_version))
        name = by_kind["map"][0][0]
        document = read_yaml(by_kind["map"][0][1], name)
        problems.extend(check_migration_map(migration, old, questionnaire, document))
    problems.extend(_edited_versions(library, questionnaire, catalogue, by_kind))
    preview.changes.extend(_changes(library, questionnaire, catalogue, migration, answered or {}))
    return preview


def _parse(
    problems: list[Problem],
    found: Sequence[tuple[str, bytes]],
    parse: Callable[[bytes, str], M],
) -> M | None:
    if len(found) != 1:
        return None
    name, source = found[0]
    try:
        return parse(source, name)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _edited_versions(
    library: ContentLibrary,
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue | None,
    by_kind: Mapping[str, Sequence[tuple[str, bytes]]],
) -> list[Problem]:
    problems = []
    pairs: list[tuple[str, Questionnaire | ChainCatalogue | None, Mapping[Any, Any]]] = [
        ("questionnaire", questionnaire, library.questionnaires),
        ("catalogue", catalogue, library.catalogues),
    ]
    for kind, model, stored in pairs:
        if model is None:
            continue
        known = stored.get((model.id, model.version))
        if known is not None and content_hash(known) != content_hash(model):
            problems.append(
                Problem(
                    by_kind[kind][0][0],
                    None,
                    None,
                    "version",
                    f"{kind} {model.id} version {model.version} is already stored with other"
                    " content; putting this file in force would be refused",
                    "give it a new `version:`",
                )
            )
    return problems


def _changes(
    library: ContentLibrary,
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue | None,
    migration: MigrationMap | None,
    answered: Mapping[tuple[str, str], int],
) -> list[str]:
    current = library.in_force.questionnaire
    lines: list[str] = []
    key = (questionnaire.id, questionnaire.version)
    if key == (current.id, current.version):
        lines.append(
            f"Questionnaire {questionnaire.id} version {questionnaire.version} is already in force."
        )
    elif questionnaire.id != current.id:
        lines.append(
            f"A different questionnaire: {questionnaire.id} version {questionnaire.version}"
            f" ({len(questionnaire.pillars)} pillars, {len(questionnaire.questions)} questions,"
            f" levels 0-{questionnaire.top_level}) instead of {current.id} version"
            f" {current.version}. No map leads between different questionnaires, so trends"
            " break at the switch and prefill starts empty."
        )
    elif migration is None:
        lines.append(
            f"A new version {questionnaire.version} of {questionnaire.id} (in force:"
            f" {current.version}) without a migration map: trends break at the switch and"
            " prefill starts empty."
        )
    else:
        lines.append(
            f"A new version {questionnaire.version} of {questionnaire.id}, mapped from"
            f" {migration.from_version}:"
        )
        lines.extend(f"- {line}" for line in _map_lines(migration))
    for (qid, version), count in sorted(answered.items()):
        lines.append(
            f"{count} stored assessment{'s' if count != 1 else ''} on {qid} version {version}"
            " keep their scores: each stays scored on the version it was answered on."
        )
    if catalogue is not None:
        in_force = library.in_force.catalogue
        if (catalogue.id, catalogue.version) != (in_force.id, in_force.version):
            lines.append(
                f"Catalogue {catalogue.id} version {catalogue.version} ({len(catalogue.chains)}"
                f" chains) replaces {in_force.id} version {in_force.version} for new assessments."
            )
    lines.append(
        "To put these files in force, place them in the data folder (READINESS_DATA_DIR) and"
        " restart; nothing changes until then."
    )
    return lines


def _map_lines(migration: MigrationMap) -> list[str]:
    lines = []
    for change in migration.changes:
        if change.keep is not None:
            continue
        if change.rename is not None:
            lines.append(f"{change.rename.from_} renamed {change.rename.to}")
        elif change.rescale is not None:
            r = change.rescale
            to = f" as {r.to}" if r.to else ""
            pairs = ", ".join(f"{a}→{b}" for a, b in sorted(r.values.items()))
            lines.append(f"{r.question} rescaled{to} ({pairs})")
        elif change.split is not None:
            lines.append(f"{change.split.from_} split into {', '.join(change.split.into)}")
        elif change.merge is not None:
            m = change.merge
            lines.append(f"{', '.join(m.from_)} merged into {m.into} ({m.combine.value})")
        elif change.remove is not None:
            lines.append(f"{change.remove} removed")
        elif change.add is not None:
            lines.append(f"{change.add} added (needs a fresh answer)")
    kept = sum(1 for change in migration.changes if change.keep is not None)
    lines.append(f"{kept} question{'s' if kept != 1 else ''} kept as they are")
    return lines
