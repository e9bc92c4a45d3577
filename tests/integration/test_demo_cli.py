"""`readiness demo` seeds an empty database once and refuses a second time."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine
from cli.main import main


def test_demo_seeds_an_empty_database_and_then_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)

    assert main(["demo", "--teams", "12", "--units", "3", "--quarters", "2"]) == 0
    out = capsys.readouterr().out
    assert "Seeded 3 units, 12 teams," in out

    service = ReadinessService(make_engine(url), load_content())
    assert len(service.list_teams()) == 12
    assert len(service.list_units()) == 3
    assert service.periods() == ["2026-Q3", "2026-Q4"]

    assert main(["demo"]) == 1
    assert capsys.readouterr().err == (
        "error: the database already holds teams; point READINESS_DATABASE_URL at an empty one\n"
    )
