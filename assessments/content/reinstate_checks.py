"""Checks of a structured `reinstate_when`: the pillars and chains its rule names must exist."""

from __future__ import annotations

from collections.abc import Sequence

from assessments.content.catalogue import Chain
from assessments.content.schema_errors import choices_hint
from assessments.content.yaml_source import FieldPath

FoundProblem = tuple[FieldPath, str, str]
"""(field path, message, hint)"""


def reinstate_trigger_problems(
    chain: Chain,
    index: int,
    chain_ids: Sequence[str],
    pillar_ids: Sequence[str] | None,
) -> list[FoundProblem]:
    """Unknown chains and (with a questionnaire's `pillar_ids`) unknown pillars in the rule."""
    trigger = chain.reinstate_when.incident
    if trigger is None:
        return []
    path: FieldPath = ("chains", index, "reinstate_when", "incident")
    problems: list[FoundProblem] = [
        (
            (*path, "chains", position),
            f"unknown chain '{target}'",
            choices_hint(target, list(chain_ids), "chains"),
        )
        for position, target in enumerate(trigger.chains)
        if target not in chain_ids
    ]
    if pillar_ids is not None:
        problems += [
            (
                (*path, "pillars", position),
                f"unknown pillar '{pillar}'",
                choices_hint(pillar, list(pillar_ids), "pillars"),
            )
            for position, pillar in enumerate(trigger.pillars)
            if pillar not in pillar_ids
        ]
    return problems
