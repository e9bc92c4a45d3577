"""Every content version in force is stored once, with its hash; history outlives the files."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import Content
from assessments.content.loading import parse_questionnaire
from assessments.content.versions import content_hash
from assessments.errors import ContentError, NotFoundError
from assessments.service.content_versions import (
    put_in_force,
    stored_answer_problems,
    stored_library,
)
from assessments.service.readiness import ReadinessService
from assessments.storage.db import upgrade_to_head
from tests.integration.conftest import START, Database
from tests.unit.version_samples import V1, catalogues, migration_map, v1, v2


def content_v1() -> Content:
    return Content.of(v1(), catalogues()[0])


def content_v2() -> Content:
    return Content.of(v2(), catalogues()[1], migration_map())


def stored_rows(database: Database) -> list[tuple[str, str, str]]:
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT kind, content_id, version FROM content_versions ORDER BY id")
        ).all()
    return [tuple(row) for row in rows]


def test_each_version_is_stored_once_when_first_put_in_force(database: Database):
    upgrade_to_head(database.engine)
    put_in_force(database.engine, content_v1(), lambda: START)
    put_in_force(database.engine, content_v1(), lambda: START)
    put_in_force(database.engine, content_v2(), lambda: START)
    assert stored_rows(database) == [
        ("questionnaire", "mini", "1"),
        ("catalogue", "mini-chains", "1"),
        ("questionnaire", "mini", "2"),
        ("catalogue", "mini-chains", "2"),
        ("migration_map", "mini", "2"),
    ]


def test_the_old_version_survives_its_file_being_replaced(database: Database):
    upgrade_to_head(database.engine)
    put_in_force(database.engine, content_v1(), lambda: START)
    library = stored_library(database.engine, content_v2())
    old = library.content_for(("mini", "1"), ("mini-chains", "1"))
    assert old.questionnaire == v1()
    assert old.catalogue == catalogues()[0]
    assert library.content_for(("mini", "2"), ("mini-chains", "2")) is library.in_force
    assert [step[0] for step in library.map_chain("mini", "1", "2") or []] == [migration_map()]
    assert library.map_chain("mini", "2", "1") is None


def test_an_edited_file_with_an_unchanged_version_is_refused_and_nothing_is_stored(
    database: Database,
):
    upgrade_to_head(database.engine)
    original = content_v1()
    put_in_force(database.engine, original, lambda: START)
    edited = parse_questionnaire(V1.replace("text: Question BR-01?", "text: Reworded?"), "m.yaml")
    with pytest.raises(ContentError) as caught:
        put_in_force(
            database.engine, Content.of(edited, catalogues()[0]), lambda: START, "data/mini.yaml"
        )
    assert [str(p) for p in caught.value.problems] == [
        "data/mini.yaml: version: questionnaire mini version 1 is already stored with other"
        f" content (stored sha256 {content_hash(original.questionnaire)[:12]}, this file"
        f" {content_hash(edited)[:12]}); assessments answered on it would silently change"
        " (hint: give the edited file a new `version:` (with a migration map if questions"
        " changed), or undo the edit)"
    ]
    assert len(stored_rows(database)) == 2


def test_a_version_never_stored_is_not_found(database: Database):
    upgrade_to_head(database.engine)
    library = put_in_force(database.engine, content_v2(), lambda: START)
    with pytest.raises(NotFoundError, match="questionnaire mini version 1 is not stored"):
        library.content_for(("mini", "1"), None)
    assert library.map_chain("mini", "1", "2") is None  # the map's old version is unknown


def test_a_map_that_does_not_fit_the_stored_old_version_is_refused(database: Database):
    upgrade_to_head(database.engine)
    put_in_force(database.engine, content_v1(), lambda: START)
    broken = migration_map().model_copy(
        update={"changes": migration_map().changes[1:]}  # drops the BR-01 rescale
    )
    with pytest.raises(ContentError) as caught:
        put_in_force(database.engine, Content.of(v2(), catalogues()[1], broken), lambda: START)
    assert [p.message for p in caught.value.problems] == [
        "old question 'BR-01' (version 1) is not accounted for",
        "new question 'BR-01' (version 2) is not accounted for",
    ]
    assert stored_rows(database) == [
        ("questionnaire", "mini", "1"),
        ("catalogue", "mini-chains", "1"),
    ]


def answered_on_v1(database: Database) -> None:
    """One team's assessment answered on version 1, BR-01 at the top of its 0-4 scale."""
    service = ReadinessService(database.engine, content_v1(), clock=lambda: START)
    put_in_force(database.engine, content_v1(), lambda: START)
    service.create_unit("payments", "Payments", actor="t")
    service.create_team("checkout", "Checkout", "payments", actor="t")
    draft = service.open_draft("checkout", "2026-Q4", actor="t")
    service.save_answer(draft.id, "BR-01", AnswerEntry(value=4), expected_version=1, actor="t")


def test_stored_answers_a_new_scale_cannot_hold_without_a_map_are_reported(database: Database):
    upgrade_to_head(database.engine)
    answered_on_v1(database)
    unmapped = Content.of(v2(), catalogues()[1])
    assert [str(p) for p in stored_answer_problems(database.engine, unmapped)] == [
        "questionnaire mini version 2: questions[BR-01].scale: stored answers on version 1 reach"
        " 4, above BR-01's new top 2, and no migration map leads from 1 to 2 (hint: add a map"
        " beside the questionnaire with a `rescale` of BR-01)"
    ]
    put_in_force(database.engine, content_v2(), lambda: START)
    assert stored_answer_problems(database.engine, content_v2()) == []
