"""Cached reads: the team and unit lists, org tables, scored history and the quarterly review.

Each cache entry is keyed by the database URL, what the signed-in person may see (the whole
org or some units: the service filters the reads) and the service's org data version, which
changes with every committed write the org views can show (not with draft autosaves); so a
submission shows up on the next rerun, in every replica, while other reruns reuse the frames.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TypeVar, cast

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from assessments.evidence.org import all_periods_evidence, period_evidence
from assessments.periods import previous_period
from assessments.reports import org_table, track_record
from assessments.reports.track_record import TrackRecordReview, build_track_record_review
from assessments.reports.versioned import period_version as pillar_version
from assessments.service.quarterly_review import QuarterlyReview, build_review
from assessments.storage.incidents import IncidentView
from assessments.storage.removal_requests import RemovalRequestView
from assessments.storage.store import utc_now
from assessments.storage.views import TeamView, UnitView
from scoring.track_record_facts import TrackRecordFrames
from ui import resources
from ui.exports.review_pack import review_pack_csv, review_pack_markdown
from ui.figures.vega import Figure, VegaSpec, kept_spec
from ui.identity import acting_as, current_principal, local_principal

T = TypeVar("T")


def data_version() -> str:
    """The version of what the org views show (one cheap query; draft autosaves leave it),
    and the day: track records are judged on today's date while a period runs."""
    return f"{resources.authorized_service().org_data_version()} · {_today().isoformat()}"


def _today() -> date:
    return utc_now().date()


def _track_record(rows: Sequence[tuple[Hashable, str, str]]) -> TrackRecordFrames:
    requests, incidents = _requests_and_incidents(_key(), data_version())
    return track_record.assessment_track_records(rows, requests, incidents, _today())


@st.cache_data(show_spinner=False, max_entries=4)
def _requests_and_incidents(
    database: str, version: str
) -> tuple[list[RemovalRequestView], list[IncidentView]]:
    # Read once per data version, not once per period scored.
    service = resources.authorized_service()
    return service.removal_requests(), service.incidents()


def _period_version(period: str) -> str:
    # Track records (removals, incidents) and evidence are judged on today's date.
    version = resources.authorized_service().period_data_version(period)
    return f"{version} · {_today().isoformat()}"


def _key() -> str:
    # Two people who may see the same units share entries; nobody sees another's scope.
    given = resources.settings()
    return (
        f"{given.database_url} · {resources.content_choice()} · {current_principal().view_scope()}"
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _teams(database: str, version: str) -> list[TeamView]:
    return resources.authorized_service().list_teams()


@st.cache_data(show_spinner=False, max_entries=16)
def _units(database: str, version: str) -> list[UnitView]:
    return resources.authorized_service().list_units()


@st.cache_data(show_spinner=False, max_entries=16)
def _periods(database: str, version: str) -> list[str]:
    return resources.authorized_service().periods()


def teams() -> list[TeamView]:
    """The teams this person may see, by unit then name (read once per data version)."""
    return _teams(_key(), data_version())


def units() -> list[UnitView]:
    """The units this person may see, by name (read once per data version)."""
    return _units(_key(), data_version())


def periods() -> list[str]:
    """Every period with an assessment, oldest first (read once per data version)."""
    return _periods(_key(), data_version())


@st.cache_data(show_spinner="Scoring the organisation…", max_entries=16)
def _period_table(
    database: str, period: str, version: str, target: tuple[str, str] | None = None
) -> pd.DataFrame:
    content = resources.content()
    service = resources.authorized_service()
    snapshot = service.period_snapshot(period)
    rows = [(t.latest.id, t.team.slug, period) for t in snapshot.submitted if t.latest]
    evidence = period_evidence(snapshot, service.period_evidence, content, _today())
    # Each assessment is scored on the questionnaire and catalogue version it was answered on;
    # with a target, on that version where a map leads there (for comparisons).
    return org_table.period_table(
        snapshot,
        content.rubric,
        content.scoring_catalogue,
        resources.content_library(),
        comparable=target is not None,
        target=target,
        evidence=evidence,
        track_record=_track_record(rows),
    )


@st.cache_data(show_spinner="Scoring a period…", max_entries=64)
def _scored_period(database: str, period: str, version: str) -> pd.DataFrame:
    content = resources.content()
    service = resources.authorized_service()
    history = service.org_history(period)
    columns = ["assessment_id", "team_slug", "period"]
    rows = list(history.assessments[columns].itertuples(index=False, name=None))
    evidence = all_periods_evidence(history, service.period_evidence, content, _today())
    # Comparable across versions: older periods mapped forward where a map chain exists.
    return org_table.score_history(
        history,
        content.rubric,
        content.scoring_catalogue,
        resources.content_library(),
        evidence,
        _track_record(rows),
    )


def _history(database: str, version: str) -> pd.DataFrame:
    # Period by period, each keyed by its own version: a submission re-scores its period only,
    # and the past periods' scored tables are read and scored once.
    parts = [_scored_period(database, p, _period_version(p)) for p in periods()]
    return pd.concat(parts) if parts else _scored_period(database, "", "")


@st.cache_data(show_spinner="Comparing the periods…", max_entries=16)
def _review(
    database: str, period: str, unit_slug: str | None, baseline: str | None, version: str
) -> QuarterlyReview:
    now = _period_table(database, period, _period_version(period))
    target = pillar_version(now)
    shown = _answered_on(now)
    return build_review(
        shown,
        now,
        _period_table(
            database, previous_period(period), _period_version(previous_period(period)), target
        ),
        _history(database, version),
        period=period,
        baseline=None
        if baseline is None
        else _period_table(database, baseline, _period_version(baseline), target),
        baseline_period=baseline,
        unit_slug=unit_slug,
        unit_name=_unit_name(unit_slug),
        track_record=_track_record_review(database, period, unit_slug, version),
    )


def _answered_on(table: pd.DataFrame) -> Content:
    """The content a period's table was answered on (an old period keeps its own)."""
    target = pillar_version(table)
    if target is None:
        return resources.content()
    return resources.content_library().content_for(target, None)


def _track_record_review(
    database: str, period: str, unit_slug: str | None, version: str
) -> TrackRecordReview:
    content = _answered_on(_period_table(database, period, _period_version(period)))
    service = resources.authorized_service()
    return build_track_record_review(
        period,
        _period_table(database, period, _period_version(period)),
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
    return _unsigned_removals(_key(), period, _period_version(period))


@st.cache_data(show_spinner=False, max_entries=16)
def _unsigned_removals(database: str, period: str, version: str) -> pd.DataFrame:
    content = resources.content()
    table = _period_table(database, period, version)
    requests = resources.authorized_service().removal_requests()
    chains = [c.id for c in content.catalogue.chains]
    return track_record.unsigned_removals(
        table, requests, chains, track_record.judged_on(period, _today())
    )


def reinstate_alerts(period: str) -> pd.DataFrame:
    """The reinstate alerts of every team this person may see, on the period's judging day."""
    return _reinstate_alerts(_key(), period, data_version())


@st.cache_data(show_spinner="Checking removed chains against incidents…", max_entries=16)
def _reinstate_alerts(database: str, period: str, version: str) -> pd.DataFrame:
    # The alerts alone: the review's other track-record sections need the whole history.
    table = _period_table(database, period, _period_version(period))
    content = _answered_on(table)
    service = resources.authorized_service()
    return track_record.org_alerts(
        table,
        service.removal_requests(),
        service.incidents(),
        content.catalogue.reinstate_rules(),
        org_table.chain_names(content.scoring_catalogue),
        track_record.judged_on(period, _today()),
        period,
    )


def _unit_name(unit_slug: str | None) -> str | None:
    if unit_slug is None:
        return None
    names = {u.slug: u.name for u in resources.authorized_service().list_units()}
    return names.get(unit_slug, unit_slug)


def period_table(period: str) -> pd.DataFrame:
    """The org table of `period` (every team, scored if it submitted)."""
    return _period_table(_key(), period, _period_version(period))


@st.cache_data(show_spinner=False, max_entries=16)
def _change_table(database: str, period: str, version: str) -> pd.DataFrame:
    pillars = org_table.pillar_names(resources.content().rubric)
    table = _period_table(database, period, _period_version(period))
    earlier = previous_period(period)
    # The previous period on this period's version: mapped forward where a map leads here.
    target = pillar_version(table)
    previous = _period_table(database, earlier, _period_version(earlier), target)
    return org_table.with_change(table, previous, pillars)


def change_table(period: str) -> pd.DataFrame:
    """The org table of `period` with the change since the previous period joined on."""
    return _change_table(_key(), period, data_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _rollup(database: str, period: str, unit_slug: str | None, version: str) -> pd.DataFrame:
    table = org_table.in_unit(_period_table(database, period, _period_version(period)), unit_slug)
    return org_table.unit_rollup(table, org_table.pillar_names(resources.content().rubric))


def unit_rollup(period: str, unit_slug: str | None) -> pd.DataFrame:
    """The unit roll-up of `period` for every unit, or one (see `org_table.unit_rollup`)."""
    return _rollup(_key(), period, unit_slug, data_version())


# Kept as objects (a resource, never mutated: callers only read what they get), not pickled:
# building one is cheap next to copying a pickled 2,000-team object on every hit.
@st.cache_resource(show_spinner=False, max_entries=64)
def _kept(
    database: str, version: str, kind: str, _build: Callable[[], object], *args: Hashable
) -> object:
    # `_build` is not hashed (leading underscore): `kind` and `args` say what it builds.
    return _build()


def kept(kind: str, build: Callable[[], T], *args: Hashable) -> T:
    """`build()`, kept per scope and data version and per `kind` and `args` (what it shows):
    a section list, a summary, a slimmed table. Never mutate what this returns."""
    return cast(T, _kept(_key(), data_version(), kind, build, *args))


def chart_spec(kind: str, build: Callable[[], Figure], *args: Hashable) -> VegaSpec:
    """`build()` converted for `show_spec`, once per scope and data version and per `kind` and
    `args` (what it shows): a rerun sends the kept spec without building or validating it."""
    return kept_spec(build, _key(), data_version(), kind, *args)


def quarterly_review(
    period: str, *, unit_slug: str | None = None, baseline: str | None = None
) -> QuarterlyReview:
    """The review of `period` against the previous period (and a baseline), for one scope."""
    return _review(_key(), period, unit_slug, baseline, data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _pack_texts(
    database: str, period: str, unit_slug: str | None, baseline: str | None, version: str
) -> tuple[str, str]:
    review = _review(database, period, unit_slug, baseline, version)
    return review_pack_markdown(review), review_pack_csv(review)


def warm_up(period: str) -> None:
    """Score what the org pages show of `period` for everyone who sees the whole org, before
    anyone asks: the history of every period, the review, the change and roll-up tables.

    The server calls this before its health check answers, so the first visitor after a
    start does not wait for the organisation's history to be scored (at 2,000 teams × 8
    quarters, most of a cold page). Entries are the ones an admin's or org viewer's pages
    read (same scope key, same data versions); a unit-scoped viewer's are scored on demand.
    """
    with acting_as(local_principal()):
        if period not in periods():
            return  # nothing stored for the current quarter yet: nothing worth scoring
        quarterly_review(period)
        change_table(period)
        period_table(previous_period(period))  # the heatmap's coverage tab: who to chase
        unit_rollup(period, None)
        reinstate_alerts(period)
        unsigned_removals(period)


def review_pack_texts(
    period: str, *, unit_slug: str | None = None, baseline: str | None = None
) -> tuple[str, str]:
    """The Markdown and CSV review packs of `quarterly_review(...)`, written once per version."""
    return _pack_texts(_key(), period, unit_slug, baseline, data_version())
