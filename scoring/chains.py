"""Chain statuses, the ranking of eligible chains, and the one-chain-at-a-time recommendation."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.conditions import ConditionOutcome, TeamState, evaluate
from scoring.model import AllOf, Catalogue, ChainSpec
from scoring.results import (
    ChainResult,
    ChainStatus,
    ConfidenceBand,
    Gap,
    Recommendation,
    UnlockPath,
)
from scoring.rules import CHAIN_STATUSES, chain_status_code, rank_key, unlock_condition

ALL_REMOVED = "Every removable chain is already removed."
PERMANENT_REASON = "Permanent: never recommended for removal."
_NO_CONDITIONS = AllOf(())


def rank_eligible(chains: Sequence[ChainSpec]) -> list[ChainSpec]:
    """Eligible chains best first: low risk, then high toil, then catalogue order."""
    # sorted() is stable, so chains equal on all three keep their catalogue position.
    return sorted(chains, key=rank_key)


def assess_chains(catalogue: Catalogue, state: TeamState) -> tuple[ChainResult, ...]:
    """Every chain's status in catalogue order, with the one next chain picked out."""
    pillar_ids = [p.id for p in state.rubric.pillars]
    outcomes = {
        chain.id: evaluate(unlock_condition(chain, pillar_ids) or _NO_CONDITIONS, state)
        for chain in catalogue.chains
    }
    statuses = {
        chain.id: CHAIN_STATUSES[
            chain_status_code(chain.id in state.removed, outcomes[chain.id].met, chain.permanent)
        ]
        for chain in catalogue.chains
    }
    held_back = ChainStatus.REMOVED_TOO_EARLY in statuses.values()
    eligible = rank_eligible(
        [c for c in catalogue.chains if statuses[c.id] is ChainStatus.ELIGIBLE]
    )
    rank = {chain.id: position for position, chain in enumerate(eligible, start=1)}
    results = []
    for chain in catalogue.chains:
        outcome, status = outcomes[chain.id], statuses[chain.id]
        if status in (ChainStatus.REMOVED, ChainStatus.REMOVED_TOO_EARLY):
            result = _removed(chain, outcome)
        elif status is ChainStatus.PERMANENT:
            result = ChainResult(chain.id, chain.name, status, (), (), PERMANENT_REASON)
        elif status is ChainStatus.BLOCKED:
            result = _blocked(chain, outcome)
        else:
            result = _eligible(chain, outcome, rank[chain.id], len(eligible), held_back)
        results.append(result)
    return tuple(results)


def _removed(chain: ChainSpec, outcome: ConditionOutcome) -> ChainResult:
    if chain.permanent:
        gap = Gap("permanent", "", None, None, f"'{chain.name}' is permanent and must stay")
        reason = "Removed too early: it is permanent. Reinstate it."
        return ChainResult(chain.id, chain.name, ChainStatus.REMOVED_TOO_EARLY, (), (gap,), reason)
    if outcome.met:
        reason = "Removed; its unlock conditions still hold." + _conditions_met(outcome)
        return ChainResult(chain.id, chain.name, ChainStatus.REMOVED, outcome.satisfied, (), reason)
    reason = f"Removed too early: {_gap_list(outcome.gaps)}. Reinstate it, or close these gaps."
    return ChainResult(
        chain.id,
        chain.name,
        ChainStatus.REMOVED_TOO_EARLY,
        outcome.satisfied,
        outcome.gaps,
        reason,
    )


def _blocked(chain: ChainSpec, outcome: ConditionOutcome) -> ChainResult:
    count = len(outcome.gaps)
    reason = f"Blocked by {count} unmet condition{'s' if count != 1 else ''}: "
    reason += f"{_gap_list(outcome.gaps)}."
    return ChainResult(
        chain.id, chain.name, ChainStatus.BLOCKED, outcome.satisfied, outcome.gaps, reason
    )


def _eligible(
    chain: ChainSpec, outcome: ConditionOutcome, rank: int, eligible: int, held_back: bool
) -> ChainResult:
    if held_back:
        status = ChainStatus.ELIGIBLE
        reason = "Eligible, but resolve the removed-too-early alerts first."
    elif rank == 1:
        status = ChainStatus.NEXT
        if eligible == 1:
            reason = f"The only eligible chain (risk {chain.risk}); saves {chain.toil} toil."
        else:
            reason = (
                f"Lowest risk ({chain.risk}) among {eligible} eligible chains;"
                f" saves {chain.toil} toil."
            )
    else:
        status = ChainStatus.ELIGIBLE
        reason = (
            f"Eligible; ranked {rank} of {eligible} (risk {chain.risk}, saves {chain.toil} toil)."
        )
    reason += _conditions_met(outcome)
    return ChainResult(chain.id, chain.name, status, outcome.satisfied, (), reason)


def recommend(
    catalogue: Catalogue,
    chains: Sequence[ChainResult],
    unlock_paths: tuple[UnlockPath, ...],
    band: ConfidenceBand,
) -> Recommendation:
    """At most one chain to remove next, or why none; alternatives, paths and alerts."""
    by_id = {c.chain: c for c in chains}
    alerts = tuple(c.chain for c in chains if c.status is ChainStatus.REMOVED_TOO_EARLY)
    ranked = rank_eligible(
        [
            spec
            for spec in catalogue.chains
            if by_id[spec.id].status in (ChainStatus.NEXT, ChainStatus.ELIGIBLE)
        ]
    )
    next_chain = None if alerts or not ranked else ranked[0].id
    if alerts:
        reason = (
            "Resolve 1 removed-too-early alert first: reinstate the chain or close its gaps."
            if len(alerts) == 1
            else f"Resolve {len(alerts)} removed-too-early alerts first: reinstate each chain"
            " or close its gaps."
        )
    elif next_chain is not None:
        reason = by_id[next_chain].reason
    else:
        reason = _why_none(chains, unlock_paths)
    return Recommendation(
        next_chain=next_chain,
        reason=reason,
        provisional=band is ConfidenceBand.LOW,
        alternatives=tuple(spec.id for spec in ranked if spec.id != next_chain),
        unlock_paths=unlock_paths,
        alerts=alerts,
    )


def _why_none(chains: Sequence[ChainResult], unlock_paths: tuple[UnlockPath, ...]) -> str:
    blocked = [c for c in chains if c.status is ChainStatus.BLOCKED]
    if not blocked:
        return ALL_REMOVED
    # The nearest needs only answers (paths come ranked); failing that, catalogue order.
    answer_only = [path.chain for path in unlock_paths if not path.chains_first]
    nearest_id = answer_only[0] if answer_only else blocked[0].chain
    nearest = next(c for c in blocked if c.chain == nearest_id)
    return f"No chain can be removed yet; the nearest is {nearest.name}: {nearest.gaps[0].text}."


def _conditions_met(outcome: ConditionOutcome) -> str:
    if not outcome.satisfied:
        return " No unlock conditions."
    return f" Conditions met: {'; '.join(outcome.satisfied)}."


def _gap_list(gaps: Sequence[Gap]) -> str:
    return "; ".join(gap.text for gap in gaps)
