"""Fault test: an import killed half-way (SIGKILL, a real child process) writes nothing, and
the same file imports whole afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from tests.integration.conftest import Database
from tests.integration.test_interrupted_migrations import Child


def an_export(tmp_path: Path) -> Path:
    engine = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade_to_head(engine)
    source = ReadinessService(engine, load_content())
    source.create_unit("payments", "Payments", actor="t")
    for slug in ("checkout", "ledger", "fraud"):
        source.create_team(slug, slug.title(), "payments", actor="t")
        source.open_draft(slug, "2026-Q4", actor="ana@example.com")
    path = tmp_path / "export.json"
    path.write_text(json.dumps(source.export_data(actor="t")))
    engine.dispose()
    return path


@pytest.mark.parametrize("pause_at", ["INSERT INTO teams", "INSERT INTO assessments"])
def test_an_import_killed_mid_way_writes_nothing_and_imports_whole_next_time(
    database: Database, tmp_path: Path, pause_at: str
):
    export = an_export(tmp_path)
    upgrade_to_head(database.engine)
    child = Child(database.url, "import", str(export), pause_at)
    child.wait_for("starting")
    child.wait_for("paused")
    child.kill()
    database.engine.dispose()

    target = ReadinessService(database.engine, load_content())
    assert (target.list_units(), target.list_teams(), target.audit_entries()) == ([], [], [])
    summary = target.import_data(export.read_bytes(), str(export), actor="t")
    assert summary.counts["assessments"] == 3
    assert [t.slug for t in target.list_teams()] == ["checkout", "fraud", "ledger"]
