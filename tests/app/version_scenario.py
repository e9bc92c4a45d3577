"""A team that answered version 1 of a small questionnaire in 2026-Q3 and version 2 in 2026-Q4.

Version 2 rescales BR-01 (0-4 → 0-2), renames BR-02 to BR-12, removes SK-01 and adds SK-03; the
map between them sits beside version 2 in the data folder the app is pointed at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import Content
from assessments.service.content_versions import put_in_force
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from tests.unit.version_samples import MAP, V2, catalogue_text, catalogues, migration_map, v1, v2

ACTOR = "ana@example.com"
OLD_ANSWERS = {
    "BR-01": AnswerEntry(value=3),
    "BR-02": AnswerEntry(value=2),
    "SK-01": AnswerEntry(value=1),
    "SK-02": AnswerEntry(value=1),
}
NEW_ANSWERS = {
    "BR-01": AnswerEntry(value=2),
    "BR-12": AnswerEntry(value=3),
    "SK-02": AnswerEntry(value=1),
    "SK-03": AnswerEntry(value=2),
}


def write_data_folder(folder: Path, with_map: bool = True) -> Path:
    """Version 2 in force (with or without its map), as READINESS_DATA_DIR."""
    (folder / "questionnaires").mkdir(parents=True)
    (folder / "catalogues").mkdir()
    (folder / "questionnaires" / "mini.yaml").write_text(V2)
    if with_map:
        (folder / "questionnaires" / "mini.map.yaml").write_text(MAP)
    (folder / "catalogues" / "chains.yaml").write_text(catalogue_text("2", "BR-01", 2))
    return folder


def submit(service: ReadinessService, period: str, answers: dict[str, AnswerEntry]) -> int:
    draft = service.open_draft("checkout", period, actor=ACTOR)
    version = draft.version
    for question_id, entry in answers.items():
        version = service.save_answer(
            draft.id, question_id, entry, expected_version=version, actor=ACTOR
        ).version
    return service.submit(draft.id, expected_version=version, actor=ACTOR).id


def seed_two_versions(url: str, with_map: bool = True, answer_q4: bool = True) -> tuple[int, int]:
    """Q3 on version 1, then version 2 put in force and Q4 answered on it; the two ids (0 for
    Q4 when it is left unanswered)."""
    engine = make_engine(url)
    upgrade_to_head(engine)
    old = Content.of(v1(), catalogues()[0])
    put_in_force(engine, old, lambda: _now())
    service = ReadinessService(engine, old)
    service.create_unit("payments", "Payments", actor=ACTOR)
    service.create_team("checkout", "Checkout", "payments", actor=ACTOR)
    q3 = submit(service, "2026-Q3", OLD_ANSWERS)
    new = Content.of(v2(), catalogues()[1], migration_map() if with_map else None)
    put_in_force(engine, new, lambda: _now())
    q4 = submit(ReadinessService(engine, new), "2026-Q4", NEW_ANSWERS) if answer_q4 else 0
    engine.dispose()
    return q3, q4


def _now() -> datetime:
    return datetime(2026, 11, 2, tzinfo=UTC)
