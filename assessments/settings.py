"""Settings: the environment read in one place, typed and checked when the app or CLI starts.

| variable | field | default |
|---|---|---|
| `READINESS_DATABASE_URL` | `database_url` | `sqlite:///<repo>/var/readiness.db` |
| `READINESS_SEED_DEMO` | `seed_demo` | off (`1` seeds an empty database with the demo org) |
| `READINESS_DATA_DIR` | `data_dir` | `<repo>/data` |
| `READINESS_ROLES_FILE` | `roles_file` | none |
| `READINESS_QUESTIONNAIRE` | `questionnaire_file` | the only file in `questionnaires/` |
| `READINESS_CATALOGUE` | `catalogue_file` | the only file in `catalogues/` |

Nothing is read at import time: each entrypoint calls `Settings.from_environment()` when it
starts, and a bad value stops it there with `SettingsError` naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assessments.errors import ReadinessError

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_DATABASE_PATH = REPO_ROOT / "var" / "readiness.db"

DATABASE_URL_ENV = "READINESS_DATABASE_URL"
SEED_DEMO_ENV = "READINESS_SEED_DEMO"
DATA_DIR_ENV = "READINESS_DATA_DIR"
ROLES_FILE_ENV = "READINESS_ROLES_FILE"
QUESTIONNAIRE_ENV = "READINESS_QUESTIONNAIRE"
CATALOGUE_ENV = "READINESS_CATALOGUE"
_FIELDS = {
    DATABASE_URL_ENV: "database_url",
    SEED_DEMO_ENV: "seed_demo",
    DATA_DIR_ENV: "data_dir",
    ROLES_FILE_ENV: "roles_file",
    QUESTIONNAIRE_ENV: "questionnaire_file",
    CATALOGUE_ENV: "catalogue_file",
}


class SettingsError(ReadinessError):
    """A setting in the environment is malformed; the message names it and how to fix it."""


class Settings(BaseModel):
    """Where the data lives, which content is in force, and what start-up does.

    Attributes:
        database_url: SQLAlchemy URL; SQLite by default, PostgreSQL by URL.
        seed_demo: seed the demo organisation into an empty database at start-up.
        data_dir: the folder holding `questionnaires/` and `catalogues/`.
        roles_file: a roles YAML file synced into the role assignments at every start.
        questionnaire_file, catalogue_file: the file names in force in `questionnaires/` and
            `catalogues/`; needed when a folder holds several (never guessed).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str = f"sqlite:///{DEFAULT_DATABASE_PATH}"
    seed_demo: bool = False
    data_dir: Path = DEFAULT_DATA_DIR
    roles_file: Path | None = None
    questionnaire_file: str | None = None
    catalogue_file: str | None = None

    @field_validator("database_url")
    @classmethod
    def _is_a_database_url(cls, value: str) -> str:
        try:
            make_url(value)
        except (ArgumentError, ValueError):
            raise ValueError(
                "is not a database URL (write e.g. sqlite:///var/readiness.db or"
                " postgresql+psycopg://user@host:5432/readiness)"
            ) from None
        return value

    @field_validator("seed_demo", mode="before")
    @classmethod
    def _zero_or_one(cls, value: object) -> object:
        if isinstance(value, str) and value not in ("0", "1"):
            raise ValueError("must be 1 (seed the demo into an empty database) or 0")
        return value

    @field_validator("data_dir")
    @classmethod
    def _is_a_folder(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError("is not a folder (it holds questionnaires/ and catalogues/)")
        return value

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment gives (blank variables mean the default).

        Raises:
            SettingsError: a variable is malformed, e.g. "READINESS_SEED_DEMO='yes': must be
                1 (seed the demo into an empty database) or 0".
        """
        env = os.environ if environ is None else environ
        given = {name: env.get(name, "").strip() for name in _FIELDS}
        try:
            return cls.model_validate({_FIELDS[name]: v for name, v in given.items() if v})
        except ValidationError as error:
            names = {field: name for name, field in _FIELDS.items()}
            problems = []
            for problem in error.errors():
                name = names[str(problem["loc"][0])]
                message = str(problem["msg"]).removeprefix("Value error, ")
                shown = (
                    "" if name == DATABASE_URL_ENV else f"={given[name]!r}"
                )  # may hold a password
                problems.append(f"{name}{shown}: {message}")
            raise SettingsError("; ".join(problems)) from None
