"""The admin page imports a full export with its removal requests, incidents and evidence scans,
and refuses one with a broken reference, naming the record and field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import load_content
from assessments.evidence.scan import scan_paths
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import score_view
from assessments.storage.db import make_engine, upgrade_to_head
from tests.app.conftest import CONTENT, PERIOD, new_session
from tests.app.test_admin_page import ADMIN
from tests.app.test_crafted_uploads import problems

GAPPY = Path(__file__).resolve().parents[2] / "data" / "examples" / "evidence" / "gappy"


def _service(url: str) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    return ReadinessService(engine, load_content())


@pytest.fixture
def export(tmp_path: Path) -> bytes:
    """A source database's export: one submitted team, its request, an incident and a scan."""
    source = _service(f"sqlite:///{tmp_path / 'source.db'}")
    source.create_unit("payments", "Payments", actor="t")
    source.create_team("checkout-web", "Checkout Web", "payments", actor="t")
    draft = source.open_draft("checkout-web", PERIOD, actor="ana@example.com")
    version = draft.version
    for question in source.content.questionnaire.questions:
        entry = AnswerEntry(value=question.max_value)
        version = source.save_answer(
            draft.id, question.id, entry, expected_version=version, actor="ana@example.com"
        ).version
    submitted = source.submit(draft.id, expected_version=version, actor="ana@example.com")
    chain = score_view(CONTENT, submitted).recommendation.next_chain
    assert chain is not None
    source.request_removal(
        "checkout-web",
        chain,
        reason="Sandboxed",
        planned_on=datetime.now(UTC).date(),
        actor="ana@example.com",
    )
    pillar = source.content.questionnaire.pillars[0].id
    source.record_incident(
        {"team": "checkout-web", "date": "2026-11-01", "severity": "low", "pillar": pillar,
         "summary": "<b>Near miss</b>"},
        actor="ana@example.com",
    )  # fmt: skip
    read_at = datetime(2026, 11, 30, tzinfo=UTC)
    source.attach_evidence("checkout-web", PERIOD, scan_paths([GAPPY], read_at), actor="t")
    return json.dumps(source.export_data(actor="t")).encode()


@pytest.fixture
def target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReadinessService:
    """An empty database the app is pointed at."""
    url = f"sqlite:///{tmp_path / 'target.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    return _service(url)


def test_an_export_with_requests_incidents_and_scans_imports_on_the_page(
    export: bytes, target: ReadinessService
):
    at = new_session(ADMIN)
    at.file_uploader(key="import_file").upload("export.json", export).run()

    [info] = [i.value for i in at.info if "holds" in i.value]
    assert info.endswith(
        "holds 1 unit, 1 team, 1 assessment (30 answers), 0 conflicting edits, 37 audit"
        " entries, 0 role assignments, 1 removal request, 1 incident, 1 evidence scan."
    )
    at.button(key="import_apply").click().run()

    assert not at.exception
    assert [r.team_slug for r in target.removal_requests()] == ["checkout-web"]
    assert [i.summary for i in target.incidents()] == ["<b>Near miss</b>"]
    scan = target.latest_evidence("checkout-web", PERIOD)
    assert scan is not None and len(scan.scan.facts) == 36


def test_an_incident_of_an_unknown_team_is_refused_on_the_page(
    export: bytes, target: ReadinessService
):
    document = json.loads(export)
    document["incidents"][0]["team"] = "ledger"

    at = new_session(ADMIN)
    at.file_uploader(key="import_file").upload("export.json", json.dumps(document).encode()).run()

    assert problems(at) == [("", "incidents[0].team", "'ledger' is not in this export", "")]
    assert [b.key for b in at.button if b.key == "import_apply"] == []
    assert target.list_teams() == []
    assert target.incidents() == []
