"""`readiness export` and `readiness import`: the data transfer from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from cli.main import main


def _use(url: str, monkeypatch: pytest.MonkeyPatch) -> ReadinessService:
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade_to_head(engine)
    return ReadinessService(engine, load_content())


def test_export_then_import_into_an_empty_database_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    source = _use(f"sqlite:///{tmp_path / 'a.db'}", monkeypatch)
    source.create_unit("payments", "Payments", actor="t")
    source.create_team("checkout", "Checkout", "payments", actor="t")
    source.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    out = tmp_path / "backup" / "export.json"

    assert main(["export", "--out", str(out)]) == 0
    target = _use(f"sqlite:///{tmp_path / 'b.db'}", monkeypatch)
    assert main(["import", str(out)]) == 0
    assert main(["import", str(out)]) == 1

    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        f"{out}: 1 assessment",
        "imported 1 unit, 1 team, 1 assessment (0 answers), 0 conflicting edits,"
        " 3 audit entries, 0 role assignments, 0 removal requests, 0 incidents,"
        " 0 evidence scans",
    ]
    assert printed.err.startswith("error: this database already holds 1 unit, 1 team,")
    assert target.get_assessment(1).created_by == "ana@example.com"
    assert [e.actor for e in target.audit_entries(limit=1)] == ["cli"]
    assert json.loads(out.read_text())["format_version"] == 1


def test_importing_a_file_that_is_not_an_export_lists_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    _use(f"sqlite:///{tmp_path / 'b.db'}", monkeypatch)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "autonomy-readiness-export", "format_version": 3}')

    assert main(["import", str(broken)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{broken}: format_version: format_version 3 is not supported; this app reads 1"
    )
