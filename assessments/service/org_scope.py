"""Narrow org-wide reads to some units, for org viewers who see one unit, not the whole org."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from assessments.storage.views import OrgHistory, PeriodSnapshot


def _rows_of(frame: pd.DataFrame, assessment_ids: Collection[int]) -> pd.DataFrame:
    kept = frame[frame["assessment_id"].isin(list(assessment_ids))]
    return kept.reset_index(drop=True)


def filter_snapshot(snapshot: PeriodSnapshot, units: Collection[str]) -> PeriodSnapshot:
    """The snapshot with only the teams of `units`, and only their answers and chains."""
    teams = tuple(t for t in snapshot.teams if t.team.unit_slug in units)
    ids = {t.latest.id for t in teams if t.latest is not None}
    return PeriodSnapshot(
        snapshot.period, teams, _rows_of(snapshot.answers, ids), _rows_of(snapshot.removed, ids)
    )


def filter_history(history: OrgHistory, units: Collection[str]) -> OrgHistory:
    """The history with only the assessments of teams in `units`."""
    assessments = history.assessments[history.assessments["unit_slug"].isin(list(units))]
    ids = set(assessments["assessment_id"].tolist())
    return OrgHistory(
        assessments.reset_index(drop=True),
        _rows_of(history.answers, ids),
        _rows_of(history.removed, ids),
    )
