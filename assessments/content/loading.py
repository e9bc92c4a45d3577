"""Load questionnaires, catalogues and answers files from YAML, with every problem at once.

Each loader reads the YAML (syntax), builds the pydantic model (schema) and then checks the
ids across the file (cross-references); it raises `ContentError` listing all problems found,
each with file, line, column, field path and a hint.
"""

from __future__ import annotations

from pathlib import Path

from assessments.content.answers import AnswerSheet
from assessments.content.catalogue import ChainCatalogue
from assessments.content.cross_references import check_answers, check_catalogue, check_questionnaire
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire
from assessments.content.schema_errors import validate_schema
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError, Problem


def parse_questionnaire(source: str | bytes, filename: str) -> Questionnaire:
    """A questionnaire from YAML text; raise ContentError with every problem."""
    document = read_yaml(source, filename)
    questionnaire = validate_schema(document, Questionnaire)
    _raise_if_any(check_questionnaire(questionnaire, document))
    return questionnaire


def parse_catalogue(
    source: str | bytes, filename: str, questionnaire: Questionnaire | None = None
) -> ChainCatalogue:
    """A chain catalogue from YAML text, checked against `questionnaire` when given."""
    document = read_yaml(source, filename)
    catalogue = validate_schema(document, ChainCatalogue)
    _raise_if_any(check_catalogue(catalogue, questionnaire, document))
    return catalogue


def parse_answer_sheet(
    source: str | bytes,
    filename: str,
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue,
) -> AnswerSheet:
    """An answers file from YAML text, checked against the questionnaire and catalogue."""
    document = read_yaml(source, filename)
    sheet = validate_schema(document, AnswerSheet)
    chain_ids = [c.id for c in catalogue.chains]
    _raise_if_any(check_answers(sheet, questionnaire, chain_ids, document))
    return sheet


def parse_migration_map(source: str | bytes, filename: str) -> MigrationMap:
    """A migration map from YAML text (schema only; `check_migration_map` needs both versions)."""
    return validate_schema(read_yaml(source, filename), MigrationMap)


def load_migration_map(path: Path | str) -> MigrationMap:
    """Load a migration map file (schema-checked)."""
    return parse_migration_map(read_source(path), str(path))


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Load and check a questionnaire file."""
    return parse_questionnaire(read_source(path), str(path))


def load_catalogue(path: Path | str, questionnaire: Questionnaire | None = None) -> ChainCatalogue:
    """Load and check a chain catalogue file (against `questionnaire` when given)."""
    return parse_catalogue(read_source(path), str(path), questionnaire)


def load_answer_sheet(
    path: Path | str, questionnaire: Questionnaire, catalogue: ChainCatalogue
) -> AnswerSheet:
    """Load an answers file and check it against the questionnaire and catalogue."""
    return parse_answer_sheet(read_source(path), str(path), questionnaire, catalogue)


CONTENT_LIMIT_MB = 1
"""Questionnaires, catalogues, answers, org and roles files: far smaller in practice."""
_MB = 1024 * 1024


def read_source(path: Path | str, limit_mb: int = CONTENT_LIMIT_MB) -> bytes:
    """The file's bytes; a file that cannot be read, or is over `limit_mb`, becomes a
    ContentError, not a traceback (or minutes of parsing)."""
    try:
        size = Path(path).stat().st_size
        if size > limit_mb * _MB:
            message = f"the file is {size / _MB:.1f} MB; files here may be at most {limit_mb} MB"
            raise ContentError([Problem(str(path), None, None, "", message, SIZE_HINT)])
        return Path(path).read_bytes()
    except FileNotFoundError:
        problem = Problem(str(path), None, None, "", "no such file", "check the path")
    except IsADirectoryError:
        problem = Problem(
            str(path), None, None, "", "is a directory, not a file", "give a YAML file"
        )
    except OSError as error:
        problem = Problem(str(path), None, None, "", f"cannot read the file ({error.strerror})")
    raise ContentError([problem])


SIZE_HINT = "check that this is the right file; nothing was read"


def _raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ContentError(problems)
