"""Cached reads for the leadership pages: org tables, scored history and the quarterly review.

Each cache entry is keyed by the database URL, what the signed-in person may see (the whole
org or some units: the service filters the reads) and the service's org data version, which
changes with every committed write the org views can show (not with draft autosaves); so a
submission shows up on the next rerun, in every replica, while other reruns reuse the frames.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.periods import previous_period
from assessments.reports import org_table
from assessments.service.quarterly_review import QuarterlyReview, build_review, pillar_version
from ui import resources
from ui.identity import current_principal


def data_version() -> str:
    """The version of what the org views show (one cheap query; draft autosaves leave it)."""
    return resources.authorized_service().org_data_version()


def _key() -> str:
    # Two people who may see the same units share entries; nobody sees another's scope.
    given = resources.settings()
    return (
        f"{given.database_url} · {resources.content_choice()} · {current_principal().view_scope()}"
    )


@st.cache_data(show_spinner="Scoring the organisation…", max_entries=16)
def _period_table(
    database: str, period: str, version: str, target: tuple[str, str] | None = None
) -> pd.DataFrame:
    content = resources.content()
    snapshot = resources.authorized_service().period_snapshot(period)
    # Each assessment is scored on the questionnaire and catalogue version it was answered on;
    # with a target, on that version where a map leads there (for comparisons).
    library = resources.content_library()
    return org_table.period_table(
        snapshot,
        content.rubric,
        content.scoring_catalogue,
        library,
        comparable=target is not None,
        target=target,
    )


@st.cache_data(show_spinner="Scoring every period…", max_entries=4)
def _history(database: str, version: str) -> pd.DataFrame:
    content = resources.content()
    history = resources.authorized_service().org_history()
    # Comparable across versions: older periods mapped forward where a map chain exists.
    library = resources.content_library()
    return org_table.score_history(history, content.rubric, content.scoring_catalogue, library)


@st.cache_data(show_spinner="Comparing the periods…", max_entries=16)
def _review(
    database: str, period: str, unit_slug: str | None, baseline: str | None, version: str
) -> QuarterlyReview:
    now = _period_table(database, period, version)
    target = pillar_version(now)
    shown = (
        resources.content()
        if target is None
        else resources.content_library().content_for(target, None)
    )
    return build_review(
        shown,
        now,
        _period_table(database, previous_period(period), version, target),
        _history(database, version),
        period=period,
        baseline=None if baseline is None else _period_table(database, baseline, version, target),
        baseline_period=baseline,
        unit_slug=unit_slug,
        unit_name=_unit_name(unit_slug),
    )


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
    # The previous period on this period's version: mapped forward where a map leads here.
    target = pillar_version(table)
    previous = _period_table(_key(), previous_period(period), version, target)
    return org_table.with_change(table, previous, pillars)


def quarterly_review(
    period: str, *, unit_slug: str | None = None, baseline: str | None = None
) -> QuarterlyReview:
    """The review of `period` against the previous period (and a baseline), for one scope."""
    return _review(_key(), period, unit_slug, baseline, data_version())
