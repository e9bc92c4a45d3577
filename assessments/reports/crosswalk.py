"""A team's gaps listed by public standard, the departures it took, and the autonomy ceiling.

Pure: the questionnaire, the catalogue, the team's answers and its scored result in; plain
records out, for the team report, its downloads and the review pack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.crosswalk import STANDARDS, standard_name
from assessments.content.questionnaire import Questionnaire
from scoring import rules
from scoring.model import MAX_LEVEL
from scoring.pillars import AUTONOMY_BY_LEVEL
from scoring.results import AssessmentResult, ChainStatus

GAP_BELOW = 3
"""An answer below 3 ("enforced by tooling team-wide") is a gap against the standards it cites."""


@dataclass(frozen=True)
class StandardGap:
    """One question the team has not yet enforced, under one id of one standard."""

    standard: str
    reference: str
    question: str
    answer: str


@dataclass(frozen=True)
class Departure:
    """A chain the team removed (or may remove next) whose removal departs from a standard."""

    chain: str
    chain_name: str
    standard: str
    note: str
    removed: bool


def gaps_by_standard(
    questionnaire: Questionnaire, answers: Mapping[str, AnswerEntry]
) -> dict[str, list[StandardGap]]:
    """Per standard (readable name, in a fixed order), each cited id with the team's gap on it.

    A gap is an answer below 3, "don't know" or no answer; "not applicable" is never a gap.
    """
    found: dict[str, list[StandardGap]] = {standard_name(key): [] for key in STANDARDS}
    for question in questionnaire.questions:
        if question.references is None:
            continue
        entry = answers.get(question.id)
        if entry is not None and entry.not_applicable:
            continue
        if entry is not None and entry.value is not None and entry.value >= GAP_BELOW:
            continue
        answer = _answer_text(questionnaire, question.id, entry)
        for key, ids in question.references.by_standard().items():
            found[standard_name(key)] += [
                StandardGap(standard_name(key), ref, question.id, answer) for ref in ids
            ]
    return {name: sorted(gaps, key=_order) for name, gaps in found.items() if gaps}


def departures(catalogue: ChainCatalogue, result: AssessmentResult) -> list[Departure]:
    """The departures from standards of the chains removed and of the next chain, if any."""
    next_chain = result.recommendation.next_chain
    shown = []
    for chain in catalogue.chains:
        status = result.chain(chain.id).status if _has(result, chain.id) else None
        removed = status in (ChainStatus.REMOVED, ChainStatus.REMOVED_TOO_EARLY)
        if not removed and chain.id != next_chain:
            continue
        shown += [
            Departure(chain.id, chain.name, standard_name(d.standard), d.note, removed)
            for d in chain.departs_from
        ]
    return shown


def autonomy_ceiling(
    catalogue: ChainCatalogue, result: AssessmentResult, top_level: int = MAX_LEVEL
) -> str | None:
    """One sentence on the chains that hold the allowed autonomy below what the level allows.

    None when no chain's cap is what limits the team (its overall level allows no more).
    """
    capping = [
        c
        for c in catalogue.chains
        if c.caps_autonomy_at is not None
        and not (_has(result, c.id) and result.chain(c.id).status is ChainStatus.REMOVED)
    ]
    uncapped = AUTONOMY_BY_LEVEL[rules.autonomy_index(result.overall_level, top_level)]
    if not capping or AUTONOMY_BY_LEVEL.index(uncapped) <= AUTONOMY_BY_LEVEL.index(result.autonomy):
        return None
    names = " and ".join(f"“{c.name}”" for c in capping)
    permanent = all(c.permanent for c in capping)
    return (
        f"Capped at {result.autonomy.value} in production (level {result.overall_level} alone"
        f" would allow {uncapped.value}) while {names} "
        + ("stay, as they always do" if permanent else "stay in place")
        + ": a human still approves those actions, so L5 Observer applies to sandboxes only."
    )


def _answer_text(questionnaire: Questionnaire, question_id: str, entry: AnswerEntry | None) -> str:
    if entry is None:
        return "unanswered"
    if entry.dont_know:
        return "don't know"
    if entry.value is None:
        return "unanswered"
    return f"{entry.value} ({questionnaire.question(question_id).level(entry.value).label})"


def _order(gap: StandardGap) -> tuple[list[int | str], str]:
    # Natural order, so AISVS C2 comes before C13.
    parts = re.split(r"(\d+)", gap.reference)
    return ([int(p) if p.isdigit() else p for p in parts], gap.question)


def _has(result: AssessmentResult, chain_id: str) -> bool:
    return any(c.chain == chain_id for c in result.chains)
