"""The scoring rules, each written once for a single value and for numpy arrays alike.

Both engines call these: `score_assessment` on one team's Python numbers, `score_org` on
assessments × questions arrays. Every rule is plain arithmetic and comparison, which Python
numbers and numpy arrays both understand, so the two engines cannot drift apart and neither
pays for the other's form (no numpy call on a single value, no Python loop over assessments).

Booleans take part in arithmetic as 0 and 1: `x * flag` is x where the flag holds, else 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scoring.model import MAX_LEVEL, SCORE_EPSILON, AllOf, ChainSpec, Condition, MinPillarLevel
from scoring.results import ChainStatus, ConfidenceBand

UNEVIDENCED_CREDIT = 0.5
"""Confidence in a value above 0 that no evidence link backs."""
NO_BOUND = 1_000_000
"""The evidence bound of an answer no fact bounds: above every scale."""
HIGH_CONFIDENCE = 0.8
MEDIUM_CONFIDENCE = 0.5
CONFIDENCE_BANDS = (ConfidenceBand.LOW, ConfidenceBand.MEDIUM, ConfidenceBand.HIGH)
"""Bands by the index `confidence_band_index` returns."""
CHAIN_STATUSES = tuple(ChainStatus)
"""Chain statuses by the code `chain_status_code` returns."""
_STATUS_CODE = {status: code for code, status in enumerate(CHAIN_STATUSES)}


def credited_value(is_value: Any, value: Any) -> Any:
    """The scale value an answer counts as: its value, or 0 for don't know and unanswered.

    Args:
        is_value: whether the answer is a value (kind VALUE).
        value: the answered value; anything (0 by convention) where `is_value` is false.
    """
    return value * is_value


def within_scale(credited: Any, max_value: Any) -> Any:
    """A credited value held to its scale: a value above `max` (never valid) counts as `max`."""
    return credited - (credited > max_value) * (credited - max_value)


def answer_credit(weight: Any, credited: Any, max_value: Any) -> Any:
    """One applicable answer's term of its pillar's weighted sum: `w * v / max` (the default)."""
    return weight * credited / max_value


def table_credit(weight: Any, credit: Any) -> Any:
    """The term where the questionnaire sets a credit per option: `w * credit(v)`.

    The caller looks `credit(v)` up in the question's credit table (0..1, 0 for the lowest
    option, so don't know and unanswered still earn nothing).
    """
    return weight * credit


def pillar_score(credit: Any, weight: Any) -> Any:
    """`100 * sum(w * v / max) / sum(w)` over applicable questions; 0 when none applies.

    Args:
        credit: the sum of `answer_credit` over the pillar's applicable answers.
        weight: the sum of their weights.
    """
    applies = weight > 0
    # Dividing by 1 where nothing applies keeps the expression free of a zero division.
    score = 100 * credit / (weight + (1 - applies)) * applies
    # Rounding can land a full score a hair above 100 (the difference is exact, so this gives
    # exactly 100); a score never leaves 0-100.
    return score - (score > 100) * (score - 100)


def score_level(score: Any, thresholds: Sequence[float]) -> Any:
    """The highest level whose threshold the score reaches (within SCORE_EPSILON), else 0."""
    level: Any = 0
    for candidate, threshold in enumerate(thresholds, start=1):
        # Becomes `candidate` where the threshold is reached, stays where it is not.
        level = level + (candidate - level) * (score + SCORE_EPSILON >= threshold)
    return level


def critical_cap(credited: Any, max_value: Any, top_level: Any = MAX_LEVEL) -> Any:
    """The level a critical answer allows its pillar: `floor(top * v / max)` (top 4 by default).

    Don't know and unanswered credit 0, so they cap at 0; not applicable never caps (the
    caller skips it). Where the questionnaire sets `caps_at` per option, the caller looks the
    cap up in the question's cap table instead.
    """
    return top_level * credited // max_value


def lowest_value_for_cap(level: Any, max_value: Any, top_level: Any = MAX_LEVEL) -> Any:
    """The lowest answer whose critical cap reaches `level` (the inverse of `critical_cap`)."""
    return -(-level * max_value // top_level)


def autonomy_index(overall: Any, top_level: Any = MAX_LEVEL) -> Any:
    """Index of the allowed autonomy level (L1..L5): `floor(4 * overall / top)`.

    The identity for levels 0-4; a questionnaire's top level always allows L5, level 0 L1.
    The caller keeps `overall` within 0..top.
    """
    return MAX_LEVEL * overall // top_level


def capped_autonomy_index(index: Any, cap: Any, applies: Any) -> Any:
    """The autonomy index lowered to a chain's cap where the cap applies (`min(index, cap)`).

    A chain caps autonomy while it is not removed with its conditions holding: a permanent
    chain always, since it is never removed that way.
    """
    over = (index > cap) * applies
    return index - (index - cap) * over


def answer_confidence(
    is_value: Any, value: Any, has_evidence: Any, contradicted: Any = False
) -> Any:
    """1 for a value with evidence or a value of 0, UNEVIDENCED_CREDIT for other values, 0 for
    a value the configuration contradicts, else 0.

    Claiming "absent" needs no proof; any higher claim does; a claim the facts refute earns none.
    """
    trusted = has_evidence | (value == 0)
    return (UNEVIDENCED_CREDIT + (1 - UNEVIDENCED_CREDIT) * trusted) * is_value * (1 - contradicted)


def contradicted(is_value: Any, value: Any, bound: Any) -> Any:
    """Whether an answered value lies above its evidence bound (NO_BOUND: never)."""
    return is_value & (value > bound)


def counted_value(value: Any, bound: Any) -> Any:
    """The value an answer counts at: its value, capped at its evidence bound."""
    return value - (value - bound) * (value > bound)


def weighted_confidence(trusted: Any, weight: Any) -> Any:
    """The weighted share of trust over applicable questions; 0 when none applies."""
    applies = weight > 0
    return trusted / (weight + (1 - applies)) * applies


def confidence_band_index(confidence: Any) -> Any:
    """0 (low) below 0.5, 1 (medium) from 0.5, 2 (high) from 0.8: an index of CONFIDENCE_BANDS."""
    return (confidence >= MEDIUM_CONFIDENCE) * 1 + (confidence >= HIGH_CONFIDENCE)


def rank_key(chain: ChainSpec) -> tuple[int, int, int]:
    """The eligible-chain ranking, best first: low risk, then high toil, then catalogue order."""
    return (chain.risk.rank, -chain.toil.rank, chain.order)


def chain_status_code(marked: Any, unlocked: Any, permanent: bool) -> Any:
    """A chain's status before the next chain is picked, as an index of CHAIN_STATUSES.

    Marked removed: removed if its unlock conditions hold and it is not permanent, else
    removed too early. In place: permanent, else eligible if its conditions hold, else blocked.
    (`NEXT` is then given to the best-ranked eligible chain when no chain is removed too early.)

    Args:
        marked: whether the team marked the chain removed.
        unlocked: whether its unlock conditions hold (true for a chain without any).
        permanent: whether the chain is permanent.
    """
    code = _STATUS_CODE
    removed = _pick(
        unlocked * (not permanent),
        code[ChainStatus.REMOVED],
        code[ChainStatus.REMOVED_TOO_EARLY],
    )
    in_place = (
        code[ChainStatus.PERMANENT]
        if permanent
        else _pick(unlocked, code[ChainStatus.ELIGIBLE], code[ChainStatus.BLOCKED])
    )
    return _pick(marked, removed, in_place)


def _pick(flag: Any, then: Any, otherwise: Any) -> Any:
    # `then` where the flag holds, else `otherwise`, on bools or boolean arrays.
    return otherwise + (then - otherwise) * flag


def unlock_condition(chain: ChainSpec, pillar_ids: Sequence[str]) -> Condition | None:
    """The chain's unlock conditions with the overall-level floor its removal implies.

    Removing a gate lets agents run with more autonomy, so a chain may not be removed (or
    recommended) above what the team's overall level allows: with `min_overall_level` L, every
    pillar must reach level L (the overall level is the weakest pillar). A floor that the
    chain's own top-level conditions already demand of a pillar is not repeated.
    """
    floor = chain.min_overall_level
    if floor <= 0 or chain.unlock is None:
        return chain.unlock
    own = chain.unlock.conditions if isinstance(chain.unlock, AllOf) else (chain.unlock,)
    demanded = {c.pillar: c.level for c in own if isinstance(c, MinPillarLevel)}
    extra = tuple(
        MinPillarLevel(pillar, floor) for pillar in pillar_ids if demanded.get(pillar, -1) < floor
    )
    return AllOf((*own, *extra)) if extra else chain.unlock
