"""Counted nouns in plain English for every message the product writes: "1 team", "3 teams"."""

from __future__ import annotations

_IRREGULAR: dict[str, str] = {}


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 grant`, `3 grants`, `0 steps`; `plural` for nouns that do not just add an "s".

    Examples:
        >>> count(1, "question"), count(2, "question"), count(2, "person", "people")
        ('1 question', '2 questions', '2 people')
    """
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or _IRREGULAR.get(noun, noun + 's')}"
