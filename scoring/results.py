"""The scoring model's outputs: frozen, explainable results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ChainStatus(StrEnum):
    """Where one approval chain stands for one team."""

    REMOVED = "removed"
    """Removed, and its unlock conditions hold."""
    NEXT = "next"
    """In place, eligible, and the one chain recommended for removal now."""
    ELIGIBLE = "eligible"
    """In place and its unlock conditions hold (an alternative to the next one)."""
    BLOCKED = "blocked"
    """In place and some unlock condition does not hold yet."""
    REMOVED_TOO_EARLY = "removed_too_early"
    """Removed although its unlock conditions do not hold (or it is permanent)."""
    PERMANENT = "permanent"
    """In place and never recommended for removal."""


class AutonomyLevel(StrEnum):
    """Levels of autonomy for AI agents (Feng, McDonald & Zhang, 2025)."""

    L1 = "L1 Operator"
    L2 = "L2 Collaborator"
    L3 = "L3 Consultant"
    L4 = "L4 Approver"
    L5 = "L5 Observer"


class ConfidenceBand(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Gap:
    """One unmet unlock condition, with current vs required values.

    Attributes:
        kind: "pillar_level", "answer", "chain_removed", "any_of" or "permanent".
        subject: pillar id, question id or chain id ("" for any_of/permanent).
        current: current value (level, answer value, 1/0 for chain removed); None if unknown.
        required: required value.
        text: human sentence, e.g. "BR-05 is 2, needs 3".
        options: for "any_of", the alternatives, any one of which would close it.
    """

    kind: str
    subject: str
    current: int | None
    required: int | None
    text: str
    options: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class PillarResult:
    """Score, level and the reasons behind them for one pillar.

    Attributes:
        pillar: pillar id.
        name: pillar name.
        score: weighted partial credit, 0-100 (0 when nothing is applicable).
        score_level: the level the score alone reaches.
        level: final level, min(score_level, critical cap).
        capped_by: critical question ids that hold the level below score_level.
        applicable: number of questions counted (not "not applicable").
        explanation: one sentence, e.g. "score 62.5 reaches level 3; capped at 2 by BR-03".
    """

    pillar: str
    name: str
    score: float
    score_level: int
    level: int
    capped_by: tuple[str, ...]
    applicable: int
    explanation: str


@dataclass(frozen=True)
class Confidence:
    """How far the answers can be trusted.

    Attributes:
        value: 0.0-1.0.
        band: high/medium/low.
        unanswered: question ids without an answer.
        dont_know: question ids answered "don't know".
        without_evidence: question ids answered above 0 with no evidence link.
        contradicted: question ids whose answers configuration facts contradict.
    """

    value: float
    band: ConfidenceBand
    unanswered: tuple[str, ...]
    dont_know: tuple[str, ...]
    without_evidence: tuple[str, ...]
    contradicted: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainResult:
    """One chain's status for the team, with the reasons.

    Attributes:
        chain: chain id.
        name: chain name.
        status: see ChainStatus.
        satisfied: sentences for the unlock conditions that hold.
        gaps: unmet conditions (for blocked and removed-too-early chains).
        reason: one sentence on why it has this status or rank.
    """

    chain: str
    name: str
    status: ChainStatus
    satisfied: tuple[str, ...]
    gaps: tuple[Gap, ...]
    reason: str


@dataclass(frozen=True)
class Improvement:
    """Raise one answer from `current` to `target`."""

    question: str
    current: int
    target: int


@dataclass(frozen=True)
class UnlockPath:
    """The smallest set of answer improvements that would unlock one blocked chain.

    Attributes:
        chain: chain id.
        name: chain name.
        improvements: answer changes, fewest scale steps in total.
        steps: total scale steps (sum of target - current).
        chains_first: chains that must be removed before it (not answer changes).
        wait_until: the first day its track-record conditions can hold, when time is part of
            the gap (a chain removed long enough, a clean incident record); None otherwise.
    """

    chain: str
    name: str
    improvements: tuple[Improvement, ...]
    steps: int
    chains_first: tuple[str, ...]
    wait_until: date | None = None

    @property
    def only_time(self) -> bool:
        """Whether waiting is all it takes: no answer to raise, no chain to remove first."""
        return self.wait_until is not None and not self.improvements and not self.chains_first


@dataclass(frozen=True)
class Recommendation:
    """The decision: at most one chain to remove next.

    Attributes:
        next_chain: chain id, or None.
        reason: why this chain (or why none).
        provisional: True when confidence is low.
        alternatives: other eligible chains, best first.
        unlock_paths: for the nearest blocked chains, the smallest improvements.
        alerts: chains removed too early.
    """

    next_chain: str | None
    reason: str
    provisional: bool
    alternatives: tuple[str, ...]
    unlock_paths: tuple[UnlockPath, ...]
    alerts: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentResult:
    """Everything the scoring model says about one assessment."""

    pillars: tuple[PillarResult, ...]
    overall_level: int
    weakest_pillar: str
    confidence: Confidence
    autonomy: AutonomyLevel
    chains: tuple[ChainResult, ...]
    recommendation: Recommendation

    def pillar(self, pillar_id: str) -> PillarResult:
        for p in self.pillars:
            if p.pillar == pillar_id:
                return p
        raise KeyError(pillar_id)

    def chain(self, chain_id: str) -> ChainResult:
        for c in self.chains:
            if c.chain == chain_id:
                return c
        raise KeyError(chain_id)
