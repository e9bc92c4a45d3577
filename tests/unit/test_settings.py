"""Settings come from the environment in one place, typed, and a bad one is named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.settings import DEFAULT_DATA_DIR, DEFAULT_DATABASE_PATH, Settings, SettingsError
from cli.main import main


def test_an_empty_environment_gives_the_defaults() -> None:
    settings = Settings.from_environment({})
    assert settings == Settings(
        database_url=f"sqlite:///{DEFAULT_DATABASE_PATH}",
        seed_demo=False,
        data_dir=DEFAULT_DATA_DIR,
        roles_file=None,
    )
    assert DEFAULT_DATA_DIR.name == "data"


def test_every_variable_is_read_and_typed(tmp_path: Path) -> None:
    settings = Settings.from_environment(
        {
            "READINESS_DATABASE_URL": " postgresql+psycopg://u@db:5432/readiness ",
            "READINESS_SEED_DEMO": "1",
            "READINESS_DATA_DIR": str(tmp_path),
            "READINESS_ROLES_FILE": "roles.yaml",
            "READINESS_SOMETHING_ELSE": "ignored",
        }
    )
    assert settings == Settings(
        database_url="postgresql+psycopg://u@db:5432/readiness",
        seed_demo=True,
        data_dir=tmp_path,
        roles_file=Path("roles.yaml"),
    )


def test_blank_variables_mean_the_default() -> None:
    blank = {"READINESS_DATABASE_URL": "", "READINESS_SEED_DEMO": " ", "READINESS_DATA_DIR": ""}
    assert Settings.from_environment(blank) == Settings.from_environment({})


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"READINESS_SEED_DEMO": "yes"},
            "READINESS_SEED_DEMO='yes': must be 1 (seed the demo into an empty database) or 0",
        ),
        (
            {"READINESS_DATA_DIR": "/no/such/folder"},
            "READINESS_DATA_DIR='/no/such/folder': is not a folder (it holds questionnaires/"
            " and catalogues/)",
        ),
        (
            {"READINESS_DATABASE_URL": "postgres://u:secret@db:port/x"},
            "READINESS_DATABASE_URL: is not a database URL (write e.g."
            " sqlite:///var/readiness.db or postgresql+psycopg://user@host:5432/readiness)",
        ),
        (
            {"READINESS_SEED_DEMO": "2", "READINESS_DATA_DIR": "/no/such/folder"},
            "READINESS_SEED_DEMO='2': must be 1 (seed the demo into an empty database) or 0;"
            " READINESS_DATA_DIR='/no/such/folder': is not a folder (it holds questionnaires/"
            " and catalogues/)",
        ),
    ],
)
def test_a_malformed_setting_is_named_with_how_to_fix_it(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_environment(environ)
    assert str(raised.value) == message
    assert "secret" not in str(raised.value)


def test_the_cli_stops_at_start_on_a_bad_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READINESS_DATA_DIR", "/no/such/folder")
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == (
        "error: READINESS_DATA_DIR='/no/such/folder': is not a folder (it holds questionnaires/"
        " and catalogues/)\n"
    )
