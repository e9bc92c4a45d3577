"""A team's track record: incidents, signed-off removals, and the reinstatement rule.

Pure: the date the record is judged at is an explicit input, never the clock. The service
reads incidents and approved removal requests from storage and hands them in as plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Severity(StrEnum):
    """How bad an agent incident (or near miss) was, lowest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for critical, so severities compare."""
        return _SEVERITY_RANKS[self]

    def at_least(self, other: Severity) -> bool:
        """Whether this severity is `other` or worse."""
        return self.rank >= other.rank


_SEVERITY_RANKS = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True)
class IncidentRecord:
    """One agent incident or near miss of a team, as the track record sees it.

    Attributes:
        id: the stored incident's id (0 for one not stored yet).
        occurred_on: the day it happened.
        severity: low, medium, high or critical.
        pillar: the pillar it touched.
        chain: the approval chain involved, if any.
        summary: what happened, as the team wrote it (plain text).
    """

    id: int
    occurred_on: date
    severity: Severity
    pillar: str
    chain: str | None = None
    summary: str = ""

    def describe(self) -> str:
        """ "high incident on 2026-11-03 (blast_radius): agent dropped a table"."""
        text = f"{self.severity.value} incident on {self.occurred_on.isoformat()} ({self.pillar})"
        return f"{text}: {self.summary}" if self.summary else text


@dataclass(frozen=True)
class Removal:
    """A chain a team has removed, and since when (None when nobody signed it off)."""

    chain: str
    since: date | None


@dataclass(frozen=True)
class ReinstateRule:
    """When an incident puts a removed chain back.

    An incident matches when it happened after the chain's removal, within `within_days` of the
    date judged at, at `min_severity` or worse, and touched one of `pillars` or `chains`.
    """

    min_severity: Severity
    within_days: int
    pillars: frozenset[str] = frozenset()
    chains: frozenset[str] = frozenset()

    def matches(self, incident: IncidentRecord) -> bool:
        """Whether the incident is in this rule's area and severe enough (dates aside)."""
        in_area = incident.pillar in self.pillars or (
            incident.chain is not None and incident.chain in self.chains
        )
        return in_area and incident.severity.at_least(self.min_severity)


@dataclass(frozen=True)
class ReinstateAlert:
    """A removed chain whose reinstatement rule an incident has triggered."""

    chain: str
    incident: IncidentRecord

    def text(self, chain_name: str) -> str:
        """ "Reinstate 'Merge review': high incident on 2026-11-03 (blast_radius): …"."""
        return f"Reinstate '{chain_name}': {self.incident.describe()}"


def window_start(as_of: date, days: int) -> date:
    """The first day of the `days`-day window that ends on `as_of` (inclusive)."""
    return as_of - timedelta(days=days)


def reinstate_alerts(
    rules: Mapping[str, ReinstateRule],
    removals: Iterable[Removal],
    incidents: Iterable[IncidentRecord],
    as_of: date,
) -> tuple[ReinstateAlert, ...]:
    """One alert per removed chain with a matching incident: its most severe, then latest.

    An incident counts only when it happened on or after the chain's removal and on or before
    `as_of`; a removal without a date (removed without sign-off) counts every incident in the
    window, because nobody can show the incident came before it.
    """
    incidents = tuple(incidents)
    alerts = []
    for removal in sorted(removals, key=lambda r: r.chain):
        rule = rules.get(removal.chain)
        if rule is None:
            continue
        start = window_start(as_of, rule.within_days)
        if removal.since is not None:
            start = max(start, removal.since)
        found = [i for i in incidents if start <= i.occurred_on <= as_of and rule.matches(i)]
        if found:
            worst = max(found, key=lambda i: (i.severity.rank, i.occurred_on, i.id))
            alerts.append(ReinstateAlert(removal.chain, worst))
    return tuple(alerts)
