"""Every content version ever in force, found by id and version: the library history is scored with.

Pure: the database rows are read by `assessments.storage.content_versions`; this module only
hashes content and looks versions up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.errors import NotFoundError

VersionKey = tuple[str, str]
"""(content id, version), e.g. ("autonomy-readiness", "2026.1")."""


class ContentKindName(StrEnum):
    """The kinds of content stored per version."""

    QUESTIONNAIRE = "questionnaire"
    CATALOGUE = "catalogue"
    MIGRATION_MAP = "migration_map"


def canonical_body(model: BaseModel) -> dict[str, Any]:
    """The content as plain JSON data, the form it is stored and hashed in."""
    return model.model_dump(mode="json", by_alias=True)


def content_hash(model: BaseModel) -> str:
    """SHA-256 of the content's canonical JSON: comments and layout do not count, words do."""
    text = json.dumps(canonical_body(model), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


_MODELS: dict[ContentKindName, type[BaseModel]] = {
    ContentKindName.QUESTIONNAIRE: Questionnaire,
    ContentKindName.CATALOGUE: ChainCatalogue,
    ContentKindName.MIGRATION_MAP: MigrationMap,
}


@dataclass(frozen=True)
class StoredVersion:
    """One stored version: what it is, its hash and its content."""

    kind: ContentKindName
    content_id: str
    version: str
    sha256: str
    body: Mapping[str, Any]
    source_file: str = ""

    def build(self) -> BaseModel:
        """The stored content as its model again."""
        return _MODELS[self.kind].model_validate(dict(self.body))


@dataclass(frozen=True)
class ContentLibrary:
    """The content in force plus every version stored before it.

    Attributes:
        in_force: the questionnaire and catalogue new assessments are answered on.
        questionnaires: every stored questionnaire by (id, version).
        catalogues: every stored catalogue by (id, version).
        maps: every stored migration map by (questionnaire id, the version it leads to).
    """

    in_force: Content
    questionnaires: Mapping[VersionKey, Questionnaire] = field(default_factory=dict)
    catalogues: Mapping[VersionKey, ChainCatalogue] = field(default_factory=dict)
    maps: Mapping[VersionKey, MigrationMap] = field(default_factory=dict)

    @classmethod
    def of(cls, in_force: Content, stored: Iterable[StoredVersion] = ()) -> ContentLibrary:
        """The library of `in_force` and the stored versions (in force wins on equal keys)."""
        questionnaires: dict[VersionKey, Questionnaire] = {}
        catalogues: dict[VersionKey, ChainCatalogue] = {}
        maps: dict[VersionKey, MigrationMap] = {}
        for version in stored:
            model = version.build()
            key = (version.content_id, version.version)
            if isinstance(model, Questionnaire):
                questionnaires[key] = model
            elif isinstance(model, ChainCatalogue):
                catalogues[key] = model
            elif isinstance(model, MigrationMap):
                maps[key] = model
        q, c = in_force.questionnaire, in_force.catalogue
        questionnaires[(q.id, q.version)] = q
        catalogues[(c.id, c.version)] = c
        if in_force.migration_map is not None:
            maps[(q.id, q.version)] = in_force.migration_map
        return cls(in_force, questionnaires, catalogues, maps)

    def is_in_force(self, questionnaire: VersionKey, catalogue: VersionKey | None = None) -> bool:
        """Whether an assessment answered on these versions is on the content in force."""
        q, c = self.in_force.questionnaire, self.in_force.catalogue
        same_catalogue = catalogue is None or catalogue == (c.id, c.version)
        return questionnaire == (q.id, q.version) and same_catalogue

    def content_for(self, questionnaire: VersionKey, catalogue: VersionKey | None) -> Content:
        """The content an assessment was answered on; the in-force catalogue when not recorded.

        Raises:
            NotFoundError: the questionnaire or catalogue version is not stored.
        """
        if self.is_in_force(questionnaire, catalogue):
            return self.in_force
        found = self.questionnaires.get(questionnaire)
        if found is None:
            raise NotFoundError(
                f"questionnaire {questionnaire[0]} version {questionnaire[1]} is not stored"
            )
        chosen = self._catalogue_for(found, catalogue)
        return Content.of(found, chosen)

    def _catalogue_for(
        self, questionnaire: Questionnaire, catalogue: VersionKey | None
    ) -> ChainCatalogue:
        if catalogue is not None:
            found = self.catalogues.get(catalogue)
            if found is None:
                raise NotFoundError(
                    f"catalogue {catalogue[0]} version {catalogue[1]} is not stored"
                )
            return found
        if self.in_force.catalogue.questionnaire == questionnaire.id:
            return self.in_force.catalogue
        for stored in reversed(list(self.catalogues.values())):
            if stored.questionnaire == questionnaire.id:
                return stored
        raise NotFoundError(f"no stored catalogue is for questionnaire {questionnaire.id}")

    def map_chain(
        self, questionnaire_id: str, from_version: str, to_version: str
    ) -> list[tuple[MigrationMap, Questionnaire, Questionnaire]] | None:
        """The maps leading from one version to a later one, oldest first; None if broken."""
        steps: list[tuple[MigrationMap, Questionnaire, Questionnaire]] = []
        version = to_version
        seen = {version}
        while version != from_version:
            migration = self.maps.get((questionnaire_id, version))
            if migration is None or migration.from_version in seen:
                return None
            old = self.questionnaires.get((questionnaire_id, migration.from_version))
            new = self.questionnaires.get((questionnaire_id, version))
            if old is None or new is None:
                return None
            steps.append((migration, old, new))
            version = migration.from_version
            seen.add(version)
        return list(reversed(steps))
