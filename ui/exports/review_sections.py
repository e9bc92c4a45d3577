"""The review pack's content as format-free sections: text, tables and (for HTML) charts.

One list of sections feeds the HTML and the Markdown pack, so both say the same thing.
Texts here are raw; each renderer escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from assessments.reports.org_table import DRAFT_ONLY, NO_SUBMISSION, STATUS_LABELS
from assessments.service.quarterly_review import QuarterlyReview
from assessments.wording import count
from ui.figures.chains import chains_matrix_figure
from ui.figures.org import heatmap_figure, number_text, unit_rollup_figure
from ui.figures.review import removable_now_figure, trend_figure
from ui.figures.vega import Figure

PACK_TEAM_CHART_LIMIT = 150
"""Above this many submitted teams the pack leaves out its per-team charts and says so.

A chart with a row per team stops being readable on paper long before it stops rendering, and
it grows the file: as SVG, 2,000 teams took 4.8 s and 6.5 MB. Every team's row is in the pack's
CSV, and the app's Org heatmap and Chains matrix pages show every team a page at a time."""


@dataclass(frozen=True)
class Table:
    """Rows of text cells under headers, with an optional caption shown above."""

    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    caption: str = ""
    empty: str = "None."


@dataclass(frozen=True)
class Section:
    """One heading with its paragraphs, tables and chart builders (charts: HTML only)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Callable[[], Figure], ...] = field(default=())
    per_team: bool = False
    """A chart of every team: the app has its own pages for these."""


def pack_title(review: QuarterlyReview) -> str:
    """ "Quarterly review 2026-Q4 · Payments"."""
    scope = f" · {review.unit_name}" if review.unit_name else ""
    return f"Quarterly review {review.period}{scope}"


def pack_summary(review: QuarterlyReview) -> str:
    """One line: what is compared with what, and how many teams it rests on."""
    baseline = f" and the baseline {review.baseline_period}" if review.baseline_period else ""
    return (
        f"{review.period} compared with {review.previous_period}{baseline} for "
        f"{review.scope}. {review.submitted} of {len(review.table)} teams submitted; "
        f"{review.compared} submitted in both {review.period} and {review.previous_period}."
    )


def _table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, int | None]],
    caption: str = "",
    empty: str = "None.",
) -> Table:
    """A table of `frame`'s columns: (header, column, digits or None for text)."""
    records = frame[[col for _, col, _ in columns]].to_dict("records")
    rows = tuple(
        tuple(
            str(record[col]) if digits is None else number_text(record[col], digits)
            for _, col, digits in columns
        )
        for record in records
    )
    return Table(tuple(h for h, _, _ in columns), rows, caption, empty)


def pack_sections(review: QuarterlyReview) -> list[Section]:
    """Every section of the pack, in reading order: trends first, teams after."""
    p = review.pillars
    labels = [review.period, review.previous_period]
    if review.baseline_period:
        labels.append(review.baseline_period)
    # A period nobody submitted in (the first quarter's previous one) has no column to show.
    missing = [lbl for lbl in labels if review.comparison[f"mean_level:{lbl}"].isna().all()]
    labels = [lbl for lbl in labels if lbl not in missing]
    standing = _table(
        review.comparison,
        [
            ("Pillar", "name", None),
            *((f"Mean level {lbl}", f"mean_level:{lbl}", 2) for lbl in labels),
            *((f"Mean score {lbl}", f"mean_score:{lbl}", 1) for lbl in labels),
        ],
    )
    trend_rows = []
    for period, group in review.org_trends.groupby("period", sort=True):
        by_pillar = group.set_index("pillar")
        trend_rows.append(
            (
                period,
                *(
                    f"{number_text(by_pillar.at[k, 'mean_level'], 2)} "
                    f"({number_text(by_pillar.at[k, 'mean_score'], 1)})"
                    for k in [*p, "overall"]
                ),
                str(int(by_pillar["teams"].iloc[0])),
            )
        )
    trends = Table(("Period", *p.values(), "Overall", "Teams"), tuple(trend_rows))
    sections = [
        Section(
            "Where we stand",
            (
                f"Mean readiness level (0–{review.top_level}) and mean pillar score (0–100) of the"
                " teams that submitted. The overall level is each team's weakest pillar.",
                *(
                    f"No team submitted in {lbl}, so there is nothing to compare with."
                    for lbl in missing
                ),
                *review.version_notes,
            ),
            (standing,),
        ),
        Section(
            "Trends per pillar",
            (
                "The chart: mean readiness level per period (its axis spans the data, so small "
                "differences show). The table: mean level, with the mean score in brackets.",
                *(change.footnote() for change in review.trend_changes),
            ),
            (trends,),
            (
                lambda: trend_figure(
                    review.org_trends,
                    p,
                    unit_trends=review.unit_trends,
                    unit_name=review.unit_name,
                    baseline=review.baseline_period,
                    changes=review.trend_changes,
                    top_level=review.top_level,
                ),
            ),
        ),
        _units_section(review),
        *_team_chart_sections(review),
        _movers_section(review),
        _chain_changes_section(review),
        _alerts_section(review),
        _removable_section(review),
        _confidence_section(review),
        _versions_section(review),
        _coverage_section(review),
    ]
    # Imported here: the crosswalk section builds on this module's Section and Table.
    from assessments.content.in_force import load_content
    from ui.exports.crosswalk_pack import departures_section

    sections.insert(-2, departures_section(review, load_content().catalogue))
    if review.track_record is not None:
        # Imported here: the track-record module builds on this one's Section and Table.
        from ui.exports.track_record_pack import track_record_sections

        sections += track_record_sections(review.track_record, review.chains)
    return sections


def _units_section(review: QuarterlyReview) -> Section:
    p = review.pillars
    spread = review.rollup.assign(
        spread=[
            " · ".join(str(row.get(f"teams_at_level_{n}", 0)) for n in range(review.top_level + 1))
            for _, row in review.rollup.iterrows()
        ]
    )
    table = _table(
        spread,
        [
            ("Unit", "unit", None),
            ("Submitted", "submitted", 0),
            ("Teams", "teams", 0),
            *((name, f"mean_level:{pid}", 2) for pid, name in p.items()),
            ("Overall", "mean_level:overall", 2),
            ("Teams at overall level 0 · 1 · 2 · 3 · 4", "spread", None),
        ],
    )
    return Section(
        "Units",
        (
            "Mean level per pillar of each unit's submitted teams, and how many teams sit at each "
            "overall level.",
        ),
        (table,),
        (lambda: unit_rollup_figure(review.rollup, p),),
    )


def _team_chart_sections(review: QuarterlyReview) -> list[Section]:
    teams = review.submitted
    if teams == 0:
        return []
    if teams > PACK_TEAM_CHART_LIMIT:
        note = (
            f"The charts of readiness and approval chains by team are left out for "
            f"{teams:,} teams: the pack draws them for up to {PACK_TEAM_CHART_LIMIT}. Every "
            "team's row is in the pack's CSV, and the app's Org heatmap and Chains matrix pages "
            "show every team."
        )
        return [Section("Teams", (note,), per_team=True)]
    return [
        Section(
            "Readiness by team",
            ("Each team's level per pillar, grouped by unit.",),
            figures=(lambda: heatmap_figure(review.table, "level", review.pillars),),
            per_team=True,
        ),
        Section(
            "Approval chains by team",
            ("Where each approval chain stands for each team.",),
            figures=(lambda: chains_matrix_figure(review.table, review.catalogue),),
            per_team=True,
        ),
    ]


def _movers_section(review: QuarterlyReview) -> Section:
    columns: list[tuple[str, str, int | None]] = [
        ("Team", "team", None),
        ("Unit", "unit", None),
        (f"Overall level {review.previous_period}", "earlier_overall_level", 0),
        (f"Overall level {review.period}", "overall_level", 0),
        ("Mean score change", "mean_score_change", 1),
        ("What moved", "moved", None),
    ]
    intro = (
        f"Teams that submitted in both periods, ranked by the change in overall level, then "
        f"in mean score. {review.compared} teams compared."
    )
    tables = (
        _table(review.movers_up, columns, "Moved up", "No team moved up."),
        _table(review.movers_down, columns, "Moved down", "No team moved down."),
    )
    return Section("Teams that moved most", (intro, *review.version_notes), tables)


def _chain_changes_section(review: QuarterlyReview) -> Section:
    if review.chain_changes.empty:
        return Section(
            "Chains removed and reinstated",
            (f"No team removed or reinstated a chain since {review.previous_period}.",),
        )
    counts = _table(
        review.chain_change_counts,
        [
            ("Chain", "chain", None),
            ("Removed by", "removed", 0),
            ("Reinstated by", "reinstated", 0),
        ],
    )
    changes = review.chain_changes.assign(
        status_label=[STATUS_LABELS.get(s, s) for s in review.chain_changes["status"]]
    )
    detail = _table(
        changes,
        [
            ("Team", "team", None),
            ("Unit", "unit", None),
            ("Chain", "chain", None),
            ("Change", "change", None),
            ("Status now", "status_label", None),
        ],
    )
    return Section(
        "Chains removed and reinstated",
        (f"Compared with each team's submission for {review.previous_period}.",),
        (counts, detail),
    )


def _alerts_section(review: QuarterlyReview) -> Section:
    if review.new_alerts.empty:
        return Section("New removed-too-early alerts", ("No new alerts this period.",))
    table = _table(
        review.new_alerts,
        [
            ("Team", "team", None),
            ("Unit", "unit", None),
            ("Chain", "chain", None),
            (f"In {review.previous_period}", "before", None),
        ],
    )
    return Section(
        "New removed-too-early alerts",
        (
            "Chains marked removed while their unlock conditions do not hold: reinstate them, or "
            "close the gaps.",
        ),
        (table,),
    )


def _removable_section(review: QuarterlyReview) -> Section:
    rows = review.removable[~review.removable["permanent"]]
    table = _table(
        rows,
        [
            ("Chain", "chain", None),
            ("Next to remove", "next", 0),
            ("Eligible now", "eligible", 0),
            ("Could remove now", "could_remove_now", 0),
            ("Removed", "removed", 0),
            ("Removed too early", "removed_too_early", 0),
        ],
    )
    return Section(
        "Chains teams could remove now",
        (
            "Per chain, the teams whose unlock conditions hold today: the one recommended next, or "
            "an eligible alternative.",
        ),
        (table,),
        (lambda: removable_now_figure(review.removable),),
    )


def _confidence_section(review: QuarterlyReview) -> Section:
    if review.low_confidence.empty:
        return Section("Low confidence", ("No team's answers are low-confidence.",))
    table = _table(
        review.low_confidence.assign(percent=review.low_confidence["confidence"] * 100),
        [
            ("Team", "team", None),
            ("Unit", "unit", None),
            ("Confidence %", "percent", 0),
            ("Next chain (provisional)", "next_chain", None),
        ],
    )
    return Section(
        "Low confidence",
        (
            "Unanswered, don't know and claims without evidence: these recommendations are "
            "provisional.",
        ),
        (table,),
    )


def _versions_section(review: QuarterlyReview) -> Section:
    if review.versions.empty:
        return Section("Questionnaire versions", ("No submissions this period.",))
    table = _table(
        review.versions,
        [
            ("Questionnaire", "questionnaire", None),
            ("Version", "version", None),
            ("Teams", "teams", 0),
        ],
    )
    return Section(
        "Questionnaire versions",
        ("The questionnaire version each submitted assessment used (per team in the CSV).",),
        (table,),
    )


def _coverage_section(review: QuarterlyReview) -> Section:
    """How many teams did not submit, then one row per team to chase (a table, so the page
    shows a screenful at 2,000 teams while the pack keeps every row)."""
    states = ((NO_SUBMISSION, review.no_submission), (DRAFT_ONLY, review.draft_only))
    counts = "; ".join(f"{state}: {count(len(frame), 'team')}" for state, frame in states)
    rows = pd.concat(
        [frame[["team", "unit"]].assign(state=state) for state, frame in states],
        ignore_index=True,
    )
    columns = [("Team", "team", None), ("Unit", "unit", None), ("Status", "state", None)]
    table = _table(rows, columns, empty="Every team submitted.")
    return Section("Coverage", (f"{counts[0].upper()}{counts[1:]}.",), (table,))
