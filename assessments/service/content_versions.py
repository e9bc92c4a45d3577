"""Put content in force: store each new version once, refuse an edited one, build the library."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Engine

from assessments.content.in_force import Content
from assessments.content.map_checks import check_migration_map
from assessments.content.versions import (
    ContentKindName,
    ContentLibrary,
    StoredVersion,
    VersionKey,
    canonical_body,
    content_hash,
)
from assessments.errors import ContentError, Problem
from assessments.storage.content_versions import ContentVersionStore
from assessments.storage.db import session_factory


def versions_of(content: Content, source: str = "") -> list[StoredVersion]:
    """The questionnaire, catalogue and (if any) migration map of `content`, ready to store."""
    q, c, m = content.questionnaire, content.catalogue, content.migration_map
    found = [
        StoredVersion(
            ContentKindName.QUESTIONNAIRE,
            q.id,
            q.version,
            content_hash(q),
            canonical_body(q),
            source,
        ),
        StoredVersion(
            ContentKindName.CATALOGUE, c.id, c.version, content_hash(c), canonical_body(c), source
        ),
    ]
    if m is not None:
        found.append(
            StoredVersion(
                ContentKindName.MIGRATION_MAP,
                m.questionnaire,
                m.to_version,
                content_hash(m),
                canonical_body(m),
                source,
            )
        )
    return found


def put_in_force(
    engine: Engine, content: Content, now: Callable[[], datetime], source: str = ""
) -> ContentLibrary:
    """Store every version of `content` seen for the first time and return the whole library.

    Raises:
        ContentError: a version already stored has different content (an edited file whose
            version was not bumped), or the migration map does not fit the stored old version.
            Nothing is stored then.
    """
    with session_factory(engine).begin() as session:
        store = ContentVersionStore(session)
        problems = [
            problem
            for version in versions_of(content, source)
            if (problem := _store_or_compare(store, version, now)) is not None
        ]
        library = ContentLibrary.of(content, store.all())
        problems += _map_problems(content, library)
        if problems:
            raise ContentError(problems)
        store.fill_missing_catalogue(content.catalogue.id, content.catalogue.version)
        return library


def stored_library(engine: Engine, content: Content) -> ContentLibrary:
    """The library of `content` and every stored version, storing nothing."""
    with session_factory(engine).begin() as session:
        return ContentLibrary.of(content, ContentVersionStore(session).all())


def answered_counts(engine: Engine) -> dict[tuple[str, str], int]:
    """How many stored assessments were answered on each (questionnaire id, version)."""
    with session_factory(engine).begin() as session:
        return ContentVersionStore(session).answered_counts()


def stored_answer_problems(engine: Engine, content: Content) -> list[Problem]:
    """Stored answers a newer version's scale cannot hold, where no map chain carries them.

    Such answers are never scored on the new scale (each assessment keeps its own version), but
    a trend or prefill across the change needs a map; this names what the map must cover.
    """
    questionnaire = content.questionnaire
    with session_factory(engine).begin() as session:
        store = ContentVersionStore(session)
        library = ContentLibrary.of(content, store.all())
        problems = []
        for (qid, version), _count in sorted(store.answered_counts().items()):
            if qid != questionnaire.id or version == questionnaire.version:
                continue
            if library.map_chain(qid, version, questionnaire.version):
                continue
            for question_id, highest in sorted(store.highest_values(qid, version).items()):
                try:
                    top = questionnaire.question(question_id).max_value
                except KeyError:
                    continue
                if highest > top:
                    problems.append(
                        Problem(
                            f"questionnaire {qid} version {questionnaire.version}",
                            None,
                            None,
                            f"questions[{question_id}].scale",
                            f"stored answers on version {version} reach {highest}, above"
                            f" {question_id}'s new top {top}, and no migration map leads from"
                            f" {version} to {questionnaire.version}",
                            f"add a map beside the questionnaire with a `rescale` of {question_id}",
                        )
                    )
        return problems


def edited_version_problem(library: ContentLibrary, version: StoredVersion) -> Problem | None:
    """The refusal for `version` if the library holds the same id and version with other content."""
    stored_models: dict[ContentKindName, Mapping[VersionKey, BaseModel]] = {
        ContentKindName.QUESTIONNAIRE: library.questionnaires,
        ContentKindName.CATALOGUE: library.catalogues,
        ContentKindName.MIGRATION_MAP: library.maps,
    }
    model = stored_models[version.kind].get((version.content_id, version.version))
    if model is None:
        return None
    stored = replace(version, sha256=content_hash(model))
    return _refusal(stored, version)


def _store_or_compare(
    store: ContentVersionStore, version: StoredVersion, now: Callable[[], datetime]
) -> Problem | None:
    stored = store.find(version.kind, version.content_id, version.version)
    if stored is None:
        store.add(version, now())
        return None
    return _refusal(stored, version)


def _refusal(stored: StoredVersion, version: StoredVersion) -> Problem | None:
    if stored.sha256 == version.sha256:
        return None
    what = version.kind.value.replace("_", " ")
    return Problem(
        version.source_file or f"{what} {version.content_id}",
        None,
        None,
        "version",
        f"{what} {version.content_id} version {version.version} is already stored with other"
        f" content (stored sha256 {stored.sha256[:12]}, this file {version.sha256[:12]});"
        " assessments answered on it would silently change",
        "give the edited file a new `version:` (with a migration map if questions changed),"
        " or undo the edit",
    )


def _map_problems(content: Content, library: ContentLibrary) -> list[Problem]:
    migration = content.migration_map
    if migration is None:
        return []
    old = library.questionnaires.get((migration.questionnaire, migration.from_version))
    return check_migration_map(migration, old, content.questionnaire)
