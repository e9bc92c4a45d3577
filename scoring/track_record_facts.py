"""Track-record facts for unlock conditions, for one team or as arrays over many assessments.

`removed_for` needs how many days a chain has been removed with sign-off on the assessment
date; `no_incident` needs how many days have passed since the last matching incident. Both
engines read these numbers from here, so they cannot drift apart: `days_removed` and
`days_since_incident` for one team, `OrgTrackRecord` for arrays (same arithmetic on day
ordinals). Without an assessment date nothing is known, and both conditions fail.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scoring.track_record import IncidentRecord, Severity

if TYPE_CHECKING:
    from scoring.model import AssessmentInput

UNKNOWN = -1
"""Days removed when the chain has no signed-off removal (or the date is unknown)."""
NEVER = 10**9
"""Days since an incident when the team has none that matches."""

REMOVAL_COLUMNS = ("assessment_id", "chain_id", "since")
INCIDENT_COLUMNS = ("assessment_id", "occurred_on", "severity_rank", "pillar")


def days_removed(removed_since: Mapping[str, date], chain: str, as_of: date | None) -> int:
    """Days from the chain's signed-off removal to `as_of` (negative if it is yet to come)."""
    since = removed_since.get(chain)
    if since is None or as_of is None:
        return UNKNOWN
    return (as_of - since).days


def last_incident(
    incidents: Iterable[IncidentRecord],
    pillars: Iterable[str],
    min_severity: Severity,
    as_of: date,
) -> IncidentRecord | None:
    """The latest incident in the pillars at the severity or worse, on or before `as_of`."""
    wanted = frozenset(pillars)
    found = [
        i
        for i in incidents
        if i.pillar in wanted and i.severity.at_least(min_severity) and i.occurred_on <= as_of
    ]
    return max(found, key=lambda i: (i.occurred_on, i.id), default=None)


def days_since_incident(
    incidents: Iterable[IncidentRecord],
    pillars: Iterable[str],
    min_severity: Severity,
    as_of: date | None,
) -> int:
    """Days from the last matching incident to `as_of`; NEVER without one, UNKNOWN without
    a date. `no_incident` for N days holds when this is above N."""
    if as_of is None:
        return UNKNOWN
    found = last_incident(incidents, pillars, min_severity, as_of)
    return NEVER if found is None else (as_of - found.occurred_on).days


def wait_until(days_now: int, days_needed: int, as_of: date) -> date:
    """The first day on which a count of days that is `days_now` on `as_of` reaches
    `days_needed`."""
    return as_of + timedelta(days=days_needed - days_now)


@dataclass(frozen=True)
class TrackRecordFrames:
    """Track records of many assessments, long-form, for `score_org`.

    Attributes:
        as_of: assessment id → the assessment date (missing: unknown).
        removals: REMOVAL_COLUMNS, one row per signed-off removal of an assessment's team.
        incidents: INCIDENT_COLUMNS, one row per incident of an assessment's team.
    """

    as_of: pd.Series
    removals: pd.DataFrame
    incidents: pd.DataFrame


def track_record_frames(inputs: Mapping[Hashable, AssessmentInput]) -> TrackRecordFrames:
    """The frames of `score_org` from scoring inputs (as the property tests use them)."""
    as_of = pd.Series(
        {key: a.as_of for key, a in inputs.items() if a.as_of is not None}, dtype=object
    )
    removals = pd.DataFrame(
        [
            (key, chain, since)
            for key, a in inputs.items()
            for chain, since in a.removed_since.items()
        ],
        columns=list(REMOVAL_COLUMNS),
    )
    incidents = pd.DataFrame(
        [
            (key, i.occurred_on, i.severity.rank, i.pillar)
            for key, a in inputs.items()
            for i in a.incidents
        ],
        columns=list(INCIDENT_COLUMNS),
    )
    return TrackRecordFrames(as_of, removals, incidents)


def _ordinals(days: Iterable[object]) -> np.ndarray:
    return np.array([d.toordinal() for d in days], dtype=np.int64)  # type: ignore[attr-defined]


class OrgTrackRecord:
    """The track-record facts of every assessment of `ids`, as arrays in that order."""

    def __init__(self, frames: TrackRecordFrames | None, ids: pd.Index) -> None:
        n = len(ids)
        self._ids = ids
        self._as_of = np.full(n, UNKNOWN, dtype=np.int64)
        if frames is None:
            frames = TrackRecordFrames(
                pd.Series(dtype=object),
                pd.DataFrame(columns=list(REMOVAL_COLUMNS)),
                pd.DataFrame(columns=list(INCIDENT_COLUMNS)),
            )
        known = ids.get_indexer(frames.as_of.index) if len(frames.as_of) else np.array([], int)
        keep = known >= 0
        self._as_of[known[keep]] = _ordinals(frames.as_of.to_numpy()[keep])
        self._frames = frames

    def days_removed(self, chain: str) -> np.ndarray:
        """Days each assessment's team has had the chain removed with sign-off (UNKNOWN: not)."""
        out = np.full(len(self._ids), UNKNOWN, dtype=np.int64)
        rows = self._frames.removals[self._frames.removals["chain_id"] == chain]
        if rows.empty:
            return out
        positions = self._ids.get_indexer(pd.Index(rows["assessment_id"]))
        keep = (positions >= 0) & (self._as_of[np.maximum(positions, 0)] != UNKNOWN)
        positions = positions[keep]
        out[positions] = self._as_of[positions] - _ordinals(rows["since"].to_numpy()[keep])
        return out

    def days_since_incident(self, pillars: Iterable[str], min_severity: Severity) -> np.ndarray:
        """Days since each assessment's last matching incident (NEVER: none; UNKNOWN: no date)."""
        out = np.where(self._as_of == UNKNOWN, UNKNOWN, NEVER).astype(np.int64)
        frame = self._frames.incidents
        rows = frame[
            frame["pillar"].isin(list(pillars)) & (frame["severity_rank"] >= min_severity.rank)
        ]
        if rows.empty:
            return out
        positions = self._ids.get_indexer(pd.Index(rows["assessment_id"]))
        occurred = _ordinals(rows["occurred_on"].to_numpy())
        keep = positions >= 0
        positions, occurred = positions[keep], occurred[keep]
        as_of = self._as_of[positions]
        seen = (as_of != UNKNOWN) & (occurred <= as_of)
        positions, days = positions[seen], (as_of - occurred)[seen]
        np.minimum.at(out, positions, days)
        return out
