"""The quarterly review: one period against the previous one (and a baseline), for one scope.

`build_review` is pure: it takes org tables and scored history and returns every section the
review page and the review pack show. `load_review` reads those inputs through the service.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from assessments.content.comparable import Basis, VersionChange, version_changes
from assessments.content.in_force import Content
from assessments.content.versions import ContentLibrary, VersionKey
from assessments.errors import InvalidInputError, NotFoundError
from assessments.evidence.org import OrgEvidence, all_periods_evidence
from assessments.periods import parse_period, previous_period
from assessments.reports import org_review
from assessments.reports.org_table import (
    DRAFT_ONLY,
    NO_SUBMISSION,
    chain_names,
    in_unit,
    period_table,
    pillar_names,
    score_history,
    submitted,
    unit_rollup,
    with_change,
)
from assessments.reports.track_record import (
    TrackRecordReview,
    assessment_track_records,
    build_track_record_review,
)
from assessments.reports.versioned import period_version as pillar_version
from assessments.service.readiness import ReadinessService
from assessments.storage.views import PeriodSnapshot
from assessments.wording import count
from scoring.model import Catalogue
from scoring.track_record_facts import TrackRecordFrames


@dataclass(frozen=True, eq=False)
class QuarterlyReview:
    """Every section of a quarterly review, as frames ready to show or export.

    Attributes:
        unit_slug, unit_name: the unit in scope, or None for the whole organisation.
        pillars: pillar id → name; chains: chain id → name (catalogue order).
        table: the period's org table in scope, with change-since-previous columns.
        baseline_change: change since the baseline per team (None without a baseline).
        comparison: per pillar, mean level and score now, previously and at the baseline.
        org_trends / unit_trends: per period and pillar means (unit_trends only for a unit).
        compared: teams that submitted in both this period and the previous one.
    """

    period: str
    previous_period: str
    baseline_period: str | None
    unit_slug: str | None
    unit_name: str | None
    pillars: dict[str, str]
    chains: dict[str, str]
    catalogue: Catalogue
    table: pd.DataFrame
    baseline_change: pd.DataFrame | None
    rollup: pd.DataFrame
    comparison: pd.DataFrame
    org_trends: pd.DataFrame
    unit_trends: pd.DataFrame | None
    movers_up: pd.DataFrame
    movers_down: pd.DataFrame
    chain_changes: pd.DataFrame
    chain_change_counts: pd.DataFrame
    new_alerts: pd.DataFrame
    low_confidence: pd.DataFrame
    versions: pd.DataFrame
    removable: pd.DataFrame
    compared: int
    version_notes: tuple[str, ...] = ()
    """Where the comparison crosses a questionnaire version change, in plain sentences."""
    trend_changes: tuple[VersionChange, ...] = ()
    """Where the trends cross a questionnaire version change (marked on the chart)."""
    top_level: int = 4
    """The highest readiness level of the questionnaire the period was answered on."""
    track_record: TrackRecordReview | None = None

    @property
    def scope(self) -> str:
        """ "the organisation" or the unit's name."""
        return self.unit_name or "the organisation"

    @property
    def submitted(self) -> int:
        """How many teams in scope submitted this period."""
        return len(submitted(self.table))

    @property
    def no_submission(self) -> pd.DataFrame:
        """Teams in scope with nothing submitted and no draft this period."""
        return self.table[self.table["coverage"] == NO_SUBMISSION]

    @property
    def draft_only(self) -> pd.DataFrame:
        """Teams in scope with a draft but no submission this period."""
        return self.table[self.table["coverage"] == DRAFT_ONLY]


def build_review(
    content: Content,
    table: pd.DataFrame,
    previous: pd.DataFrame,
    history: pd.DataFrame,
    *,
    period: str,
    baseline: pd.DataFrame | None = None,
    baseline_period: str | None = None,
    unit_slug: str | None = None,
    unit_name: str | None = None,
    movers_limit: int = 5,
    track_record: TrackRecordReview | None = None,
) -> QuarterlyReview:
    """Assemble the review of `period` from whole-org tables, scoped to one unit if given."""
    pillars = pillar_names(content.rubric)
    catalogue = content.scoring_catalogue
    now = in_unit(table, unit_slug)
    before = in_unit(previous, unit_slug)
    changed = with_change(now, before, pillars)
    up, down = org_review.movers(changed, pillars, limit=movers_limit)
    changes = org_review.chain_changes(now, before, catalogue)
    earlier = previous_period(period)
    labelled = [(period, now), (earlier, before)]
    baseline_change = None
    if baseline is not None and baseline_period is not None:
        scoped_baseline = in_unit(baseline, unit_slug)
        labelled.append((baseline_period, scoped_baseline))
        baseline_change = with_change(now, scoped_baseline, pillars)
    if unit_slug is not None and unit_name is None:
        unit_name = str(now["unit"].iloc[0]) if len(now) else unit_slug
    return QuarterlyReview(
        period=period,
        previous_period=earlier,
        baseline_period=baseline_period if baseline is not None else None,
        unit_slug=unit_slug,
        unit_name=unit_name,
        pillars=pillars,
        chains=chain_names(catalogue),
        catalogue=catalogue,
        table=changed,
        baseline_change=baseline_change,
        rollup=unit_rollup(now, pillars),
        comparison=org_review.pillar_comparison(labelled, pillars),
        org_trends=org_review.pillar_trends(history, pillars, until=period),
        unit_trends=(
            None
            if unit_slug is None
            else org_review.pillar_trends(history, pillars, unit_slug=unit_slug, until=period)
        ),
        movers_up=up,
        movers_down=down,
        chain_changes=changes,
        chain_change_counts=org_review.chain_change_counts(changes, catalogue),
        new_alerts=org_review.new_alerts(now, before, catalogue),
        low_confidence=org_review.low_confidence(now, catalogue),
        versions=org_review.questionnaire_versions(now),
        removable=org_review.removable_now(now, catalogue),
        compared=int(changed["compared"].sum()),
        version_notes=tuple(
            note
            for label, frame in labelled[1:]
            for note in comparison_notes(frame, label, pillar_version(now))
        )
        + tuple(change.footnote() for change in trend_changes(history, until=period)),
        trend_changes=tuple(trend_changes(history, until=period)),
        top_level=content.questionnaire.top_level,
        track_record=track_record,
    )


def trend_changes(history: pd.DataFrame, *, until: str) -> list[VersionChange]:
    """Version changes along the scored history (one version per period: the most used)."""
    if "answered_version" not in history.columns or history.empty:
        return []
    points = []
    for period, rows in history[history["period"] <= until].groupby("period", sort=True):
        version = rows["answered_version"].value_counts().index[0]
        basis = rows["basis"].value_counts().index[0]
        points.append((str(period), str(version), Basis(basis)))
    return version_changes(points)


def comparison_notes(table: pd.DataFrame, period: str, target: VersionKey | None) -> list[str]:
    """Footnotes for an earlier period compared with one on `target`'s version."""
    if "basis" not in table.columns or target is None:
        return []
    done = submitted(table)
    notes = []
    mapped = done[done["basis"] == Basis.MAPPED.value]
    if len(mapped):
        versions = _versions(mapped)
        notes.append(
            f"{period}: {count(len(mapped), 'team')} answered on {versions}; their answers are"
            f" mapped forward to version {target[1]} through the migration map for comparison."
        )
    apart = done[done["basis"] == Basis.NOT_COMPARABLE.value]
    if len(apart):
        versions = _versions(apart)
        notes.append(
            f"{period}: {count(len(apart), 'team')} answered on {versions}, which no map"
            f" connects to version {target[1]}; they are left out of the comparison rather than"
            " compared across two scales."
        )
    return notes


def _versions(rows: pd.DataFrame) -> str:
    """ "version 1" or "versions 1, 2": the questionnaire versions the rows answered on."""
    versions = sorted({str(v) for v in rows["questionnaire_version"]})
    return ("version " if len(versions) == 1 else "versions ") + ", ".join(versions)


def load_review(
    service: ReadinessService,
    content: Content,
    period: str,
    *,
    unit_slug: str | None = None,
    baseline_period: str | None = None,
    library: ContentLibrary | None = None,
    today: date | None = None,
) -> QuarterlyReview:
    """Read the periods and history a review needs and build it.

    Raises:
        InvalidInputError: the period or baseline is not a quarter, or the baseline is not
            before the previous period.
        NotFoundError: no assessment exists for the period, or the unit is unknown.
    """
    unit_name = check_review_request(service, period, unit_slug, baseline_period)
    library = library or ContentLibrary.of(content)
    rubric, catalogue = content.rubric, content.scoring_catalogue
    today = today or service.now().date()
    requests, incidents = service.removal_requests(), service.incidents()
    # The whole history read once: the periods compared take their answers from it, and
    # their track records and evidence are their share of the history's.
    org_history = service.org_history()
    rows = list(
        org_history.assessments[["assessment_id", "team_slug", "period"]].itertuples(
            index=False, name=None
        )
    )
    records = assessment_track_records(rows, requests, incidents, today)
    in_history = {assessment_id for assessment_id, _, _ in rows}

    def frames_of(snapshot: PeriodSnapshot, which: str) -> TrackRecordFrames:
        rows = [(t.latest.id, t.team.slug, which) for t in snapshot.submitted if t.latest]
        if in_history.issuperset(assessment_id for assessment_id, _, _ in rows):
            return track_records_of(records, {assessment_id for assessment_id, _, _ in rows})
        return assessment_track_records(rows, requests, incidents, today)

    # Every period's scans judged once; a period's evidence is its share of that (the
    # history holds the same latest submissions as each period's snapshot).
    evidence = all_periods_evidence(org_history, service.period_evidence, content, today)

    def evidence_of(snapshot: PeriodSnapshot) -> OrgEvidence:
        return evidence.only(t.latest.id for t in snapshot.submitted if t.latest)

    snapshot = service.period_snapshot(period, org_history)
    table = period_table(
        snapshot,
        rubric,
        catalogue,
        library,
        evidence=evidence_of(snapshot),
        track_record=frames_of(snapshot, period),
    )
    # Earlier periods are compared on the version this period was answered on.
    target = pillar_version(table)

    def comparable_table(earlier: str) -> pd.DataFrame:
        snapshot = service.period_snapshot(earlier, org_history)
        return period_table(
            snapshot,
            rubric,
            catalogue,
            library,
            comparable=True,
            target=target,
            evidence=evidence_of(snapshot),
            track_record=frames_of(snapshot, earlier),
        )

    previous = comparable_table(previous_period(period))
    baseline = None if baseline_period is None else comparable_table(baseline_period)
    history = score_history(org_history, rubric, catalogue, library, evidence, records)
    shown = library.content_for(target, None) if target is not None else content
    track_record = build_track_record_review(
        period,
        table,
        history,
        requests,
        incidents,
        rules=shown.catalogue.reinstate_rules(),
        pillars=pillar_names(shown.rubric),
        chain_names=chain_names(shown.scoring_catalogue),
        today=today,
        unit_slug=unit_slug,
    )
    return build_review(
        shown,
        table,
        previous,
        history,
        period=period,
        baseline=baseline,
        baseline_period=baseline_period,
        unit_slug=unit_slug,
        unit_name=unit_name,
        track_record=track_record,
    )


def track_records_of(
    records: TrackRecordFrames, assessment_ids: set[Hashable]
) -> TrackRecordFrames:
    """The track records of some assessments, out of those of many."""
    return TrackRecordFrames(
        as_of=records.as_of[records.as_of.index.isin(list(assessment_ids))],
        removals=records.removals[records.removals["assessment_id"].isin(list(assessment_ids))],
        incidents=records.incidents[records.incidents["assessment_id"].isin(list(assessment_ids))],
    )


def check_review_request(
    service: ReadinessService, period: str, unit_slug: str | None, baseline_period: str | None
) -> str | None:
    """The unit's name (None for the whole org); refuses an unknown period, unit or baseline."""
    for value in (period, baseline_period):
        if value is not None:
            try:
                parse_period(value)
            except ValueError as error:
                raise InvalidInputError(str(error)) from None
    known = service.periods()
    if period not in known:
        listed = ", ".join(known) or "none yet"
        raise NotFoundError(f"no assessments for period {period}; periods with data: {listed}")
    if baseline_period is not None:
        if baseline_period >= previous_period(period):
            raise InvalidInputError(
                f"baseline {baseline_period} must be before {previous_period(period)}, the "
                f"period the review already compares {period} with"
            )
        if baseline_period not in known:
            raise NotFoundError(f"no assessments for baseline period {baseline_period}")
    if unit_slug is None:
        return None
    units = {u.slug: u.name for u in service.list_units()}
    if unit_slug not in units:
        raise NotFoundError(f"no unit {unit_slug!r}; units: {', '.join(units) or 'none'}")
    return units[unit_slug]
