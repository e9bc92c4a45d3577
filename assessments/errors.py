"""One small hierarchy of errors; pages and the CLI translate them, never show tracebacks."""

from __future__ import annotations

from dataclasses import dataclass


class ReadinessError(Exception):
    """Base of every error this project raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, precise enough to fix without guessing.

    Attributes:
        file: the file's path as the user gave it.
        line: 1-based line, when known.
        column: 1-based column, when known.
        field: dotted path to the field, e.g. "questions[3].scale[2].label"; "" for the file.
        message: what is wrong.
        hint: how to fix it ("" when the message says it all).
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return f"{text} (hint: {self.hint})" if self.hint else text


class ContentError(ReadinessError):
    """A questionnaire, catalogue or answers file is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFoundError(ReadinessError):
    """Something asked for does not exist."""


class ConflictError(ReadinessError):
    """A save raced another save; nothing was overwritten."""


class StorageError(ReadinessError):
    """The database refused or lost a read or write (read-only, full, connection lost, busy);
    nothing was changed. The message says so in plain words and what to do."""


class AuthorizationError(ReadinessError):
    """The signed-in user may not do this."""


class ImmutableError(ReadinessError):
    """A submitted assessment cannot change; edit a new revision instead."""


class InvalidInputError(ReadinessError):
    """A value breaks a rule of the questionnaire, the catalogue or the org structure."""


class IncompleteError(ReadinessError):
    """An assessment cannot be submitted while questions are unanswered."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        count = len(missing)
        super().__init__(
            f"{count} question{'s are' if count != 1 else ' is'} still unanswered: "
            f"{', '.join(missing)} (answer each with a value, not applicable with a reason,"
            " or don't know)"
        )


class UnconfirmedError(ReadinessError):
    """An assessment cannot be submitted while answers carried by a prefill await confirmation.

    Attributes:
        pillars: (pillar name, how many carried answers in it), in questionnaire order.
    """

    def __init__(self, pillars: list[tuple[str, int]]) -> None:
        self.pillars = pillars
        total = sum(n for _, n in pillars)
        answers = "1 carried answer is" if total == 1 else f"{total} carried answers are"
        where = ", ".join(f"{name} ({n})" for name, n in pillars)
        super().__init__(
            f"{answers} not confirmed yet: {where}. Confirm them, or change them, on each"
            " pillar's tab before submitting."
        )
