"""The quarterly review page's sections: headline metrics, then the review pack's sections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from assessments.service.quarterly_review import QuarterlyReview
from ui import org_data
from ui.exports.review_sections import Section, Table, pack_sections
from ui.figures.vega import KeptFigure, show_spec, vega_lite_spec
from ui.tables import full_height
from ui.text import inert


def render_standing(review: QuarterlyReview) -> None:
    """One metric per pillar and overall: mean level now, its change since last period and,
    when a baseline is chosen, since the baseline."""
    comparison = review.comparison
    baseline = review.baseline_period
    cols = st.columns(len(comparison))
    for col, (_, row) in zip(cols, comparison.iterrows(), strict=True):
        now = row[f"mean_level:{review.period}"]
        before = row[f"mean_level:{review.previous_period}"]
        delta = None if pd.isna(now) or pd.isna(before) else f"{now - before:+.2f}"
        col.metric(
            str(row["name"]),
            "—" if pd.isna(now) else f"{now:.2f}",
            delta=delta,
            border=True,
            help=f"Mean readiness level (0–{review.top_level}); the change is since"
            f" {review.previous_period}.",
        )
        if baseline:
            base = row[f"mean_level:{baseline}"]
            since = "—" if pd.isna(now) or pd.isna(base) else f"{now - base:+.2f}".replace("-", "−")
            col.caption(f"{since} since the baseline {baseline}")
    st.caption(
        f"Mean readiness level of the teams that submitted; arrows show the change since "
        f"{review.previous_period}. Overall is each team's weakest pillar."
    )


SHOWN_ROWS = 50
"""Rows of a table the page shows (a screen or two); the downloadable pack has them all."""


@dataclass(frozen=True)
class TableView:
    """What the page shows of a pack table: its first rows, a height that fits them, and a
    note when the pack holds more."""

    frame: pd.DataFrame
    height: int
    note: str


def screenful(table: Table, limit: int = SHOWN_ROWS) -> TableView:
    """The first `limit` rows of `table`, as tall as those rows (not as all of them)."""
    shown = table.rows[:limit]
    note = (
        f"The first {limit} of {len(table.rows):,} rows; the review pack below has every row."
        if len(table.rows) > limit
        else ""
    )
    frame = pd.DataFrame(list(shown), columns=list(table.headers))
    return TableView(frame, full_height(len(shown)), note)


TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Trends", ("Where we stand", "Trends per pillar")),
    ("Units", ("Units",)),
    ("Movers", ("Teams that moved most",)),
    (
        "Chains",
        (
            "Chains removed and reinstated",
            "Chains teams could remove now",
            "Departures from standards",
        ),
    ),
    ("Alerts", ("New removed-too-early alerts", "Low confidence")),
    (
        "Track record",
        (
            "Chain removals signed off",
            "Incidents and near misses",
            "Reinstate alerts",
            "Does readiness predict safety?",
        ),
    ),
    ("Coverage", ("Questionnaire versions", "Coverage")),
)
"""The page's tabs and the pack sections each shows, by title; the first holds the trend chart."""
OTHER_TAB = "More"
"""Where a pack section no tab names goes, so every section stays on the page."""


def review_sections(
    review: QuarterlyReview, unit_slug: str | None, baseline: str | None
) -> list[Section]:
    """The pack's sections of `review`, built once per scope and data version (not on every run:
    at 2,000 teams that is 0.1–0.2 s), each chart built the first time it is drawn."""

    def build() -> tuple[Section, ...]:
        return tuple(
            replace(s, figures=tuple(KeptFigure(f) for f in s.figures))
            for s in pack_sections(review)
        )

    return list(org_data.kept("review_sections", build, review.period, unit_slug, baseline))


def tab_groups(sections: Sequence[Section]) -> list[tuple[str, list[tuple[int, Section]]]]:
    """The tabs that have a section to show, each with its (pack index, section) in pack order.

    Sections about every team (`per_team`) are left out: the app has its own pages for them.
    """
    tab_of = {title: tab for tab, titles in TABS for title in titles}
    groups: dict[str, list[tuple[int, Section]]] = {}
    for index, section in enumerate(sections):
        if not section.per_team:
            groups.setdefault(tab_of.get(section.title, OTHER_TAB), []).append((index, section))
    order = [tab for tab, _ in TABS] + [OTHER_TAB]
    return [(tab, groups[tab]) for tab in order if tab in groups]


def render_section(section: Section, key: str) -> None:
    """A pack section on the page: heading, text, tables and charts."""
    st.subheader(section.title)
    for text in section.paragraphs:
        st.markdown(inert(text))
    for index, build in enumerate(section.figures):
        spec = build.spec if isinstance(build, KeptFigure) else vega_lite_spec(build())
        show_spec(spec, key=f"{key}_figure_{index}")
    for index, table in enumerate(section.tables):
        if table.caption:
            st.markdown(f"**{inert(table.caption)}**")
        if not table.rows:
            st.caption(inert(table.empty))
            continue
        view = screenful(table)
        st.dataframe(view.frame, hide_index=True, height=view.height, key=f"{key}_table_{index}")
        if view.note:
            st.caption(view.note)
