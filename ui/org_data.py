"""Cached reads for the leadership pages: org tables, scored history and the quarterly review.

Each cache entry is keyed by the database URL, what the signed-in person may see (the whole
org or some units: the service filters the reads) and the service's org data version, which
changes with every committed write the org views can show (not with draft autosaves); so a
submission shows up on the next rerun, in every replica, while other reruns reuse the frames.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from assessments.periods import previous_period
from assessments.reports import org_table, track_record
from assessments.reports.track_record import TrackRecordReview, build_track_record_review
from assessments.service.quarterly_review import QuarterlyReview, build_review
from scoring.track_record_facts import TrackRecordFrames
from ui import resources
from ui.identity import current_principal


def data_version() -> str:
    """The version of what the org views show (one cheap query; draft autosaves leave it),
    and the day: track records are judged on today's date while a period runs."""
    return f"{resources.authorized_service().org_data_version()} · {_today().isoformat()}"


def _today() -> date:
    return datetime.now(UTC).date()


def _track_record(rows: Sequence[tuple[Hashable, str, str]]) -> TrackRecordFrames:
    service = resources.authorized_service()
    return track_record.assessment_track_records(
        rows, service.removal_requests(), service.incidents(), _today()
    )


def _key() -> str:
    # Two people who may see the same units share entries; nobody sees another's scope.
    return f"{resources.settings().database_url} · {current_principal().view_scope()}"


@st.cache_data(show_spinner="Scoring the organisation…", max_entries=16)
def _period_table(database: str, period: str, version: str) -> pd.DataFrame:
    content = resources.content()
    snapshot = resources.authorized_service().period_snapshot(period)
    rows = [(t.latest.id, t.team.slug, period) for t in snapshot.submitted if t.latest]
    return org_table.period_table(
        snapshot, content.rubric, content.scoring_catalogue, _track_record(rows)
    )


@st.cache_data(show_spinner="Scoring every period…", max_entries=4)
def _history(database: str, version: str) -> pd.DataFrame:
    content = resources.content()
    history = resources.authorized_service().org_history()
    columns = ["assessment_id", "team_slug", "period"]
    rows = list(history.assessments[columns].itertuples(index=False, name=None))
    return org_table.score_history(
        history, content.rubric, content.scoring_catalogue, _track_record(rows)
    )


@st.cache_data(show_spinner="Comparing the periods…", max_entries=16)
def _review(
    database: str, period: str, unit_slug: str | None, baseline: str | None, version: str
) -> QuarterlyReview:
    return build_review(
        resources.content(),
        _period_table(database, period, version),
        _period_table(database, previous_period(period), version),
        _history(database, version),
        period=period,
        baseline=None if baseline is None else _period_table(database, baseline, version),
        baseline_period=baseline,
        unit_slug=unit_slug,
        unit_name=_unit_name(unit_slug),
        track_record=_track_record_review(database, period, unit_slug, version),
    )


def _track_record_review(
    database: str, period: str, unit_slug: str | None, version: str
) -> TrackRecordReview:
    content = resources.content()
    service = resources.authorized_service()
    return build_track_record_review(
        period,
        _period_table(database, period, version),
        _history(database, version),
        service.removal_requests(),
        service.incidents(),
        rules=content.catalogue.reinstate_rules(),
        pillars=org_table.pillar_names(content.rubric),
        chain_names=org_table.chain_names(content.scoring_catalogue),
        today=_today(),
        unit_slug=unit_slug,
    )


def unsigned_removals(period: str) -> pd.DataFrame:
    """Per team and chain of `period`'s table: marked removed without an approved request."""
    content = resources.content()
    table = period_table(period)
    requests = resources.authorized_service().removal_requests()
    chains = [c.id for c in content.catalogue.chains]
    return track_record.unsigned_removals(
        table, requests, chains, track_record.judged_on(period, datetime.now(UTC).date())
    )


def reinstate_alerts(period: str) -> pd.DataFrame:
    """The reinstate alerts of every team this person may see, on the period's judging day."""
    return _track_record_review(_key(), period, None, data_version()).alerts


def _unit_name(unit_slug: str | None) -> str | None:
    if unit_slug is None:
        return None
    names = {u.slug: u.name for u in resources.authorized_service().list_units()}
    return names.get(unit_slug, unit_slug)


def period_table(period: str) -> pd.DataFrame:
    """The org table of `period` (every team, scored if it submitted)."""
    return _period_table(_key(), period, data_version())


def change_table(period: str) -> pd.DataFrame:
    """The org table of `period` with the change since the previous period joined on."""
    version = data_version()
    pillars = org_table.pillar_names(resources.content().rubric)
    table = _period_table(_key(), period, version)
    previous = _period_table(_key(), previous_period(period), version)
    return org_table.with_change(table, previous, pillars)


def quarterly_review(
    period: str, *, unit_slug: str | None = None, baseline: str | None = None
) -> QuarterlyReview:
    """The review of `period` against the previous period (and a baseline), for one scope."""
    return _review(_key(), period, unit_slug, baseline, data_version())
