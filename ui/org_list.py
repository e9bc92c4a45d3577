"""The org heatmap as a list, one team (or unit) at a time: readable on a phone (390 px).

The heatmap needs a column per pillar and a label column; on a phone both shrink until the
pillar headers stack and the names are clipped. The list says the same in words: per team its
unit, overall level and each pillar's level, score and change; per unit its coverage and mean
levels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from assessments.reports.org_table import submitted
from assessments.wording import count
from ui.context import PERIOD_KEY, TEAM_KEY
from ui.figures.org import number_text
from ui.navigation import TEAM_REPORT
from ui.text import inert


@dataclass(frozen=True)
class ListEntry:
    """One block of the list: a title, a line under it and one line per pillar."""

    key: str
    title: str
    subtitle: str
    lines: list[str]


def bracketed_change(change: object) -> str:
    """A change in brackets after its value: " (+3)", " (−2)", " (±0)"; "" when unknown."""
    text = number_text(change, signed=True)
    if not text:
        return ""
    return f" ({'±0' if text == '0' else text})"


def _change_of(row: pd.Series, compared: bool) -> Callable[[str], str]:
    """The bracketed change in `row`'s column, or "" for a team not compared."""
    return lambda column: bracketed_change(row[column]) if compared else ""


def _level(value: object) -> str:
    return f"level {number_text(value)}" if number_text(value) else "no level"


def team_entries(
    rows: pd.DataFrame, pillars: Mapping[str, str], earlier: str | None = None
) -> list[ListEntry]:
    """Per team that submitted (slug in `key`): its name, its unit and overall level, and
    per pillar "Name: level 2 (+1) · score 50 (−3)".

    With `earlier`, `rows` need the columns of `assessments.reports.org_table.change_since`
    and each value is followed by its change since `earlier` in brackets; a team that did not
    submit in both periods says so once instead.
    """
    entries = []
    for slug, row in submitted(rows).iterrows():
        compared = earlier is not None and bool(row.get("compared", False))
        change = _change_of(row, compared)
        overall = (
            f"Overall {_level(row['overall_level'])}{change('overall_level_change')} · mean "
            f"score {number_text(row['mean_score'])}{change('mean_score_change')}"
        )
        lines = [
            f"{name}: {_level(row[f'level:{pid}'])}{change(f'level_change:{pid}')} · score "
            f"{number_text(row[f'score:{pid}'])}{change(f'score_change:{pid}')}"
            for pid, name in pillars.items()
        ]
        if earlier is not None and not compared:
            lines.append(f"No submission in {earlier} to compare with.")
        entries.append(ListEntry(str(slug), str(row["team"]), f"{row['unit']} · {overall}", lines))
    return entries


def unit_entries(rollup: pd.DataFrame, pillars: Mapping[str, str]) -> list[ListEntry]:
    """Per unit of a `unit_rollup` table: its coverage, then the mean (and median) level of
    its submitted teams overall and per pillar."""
    entries = []
    for _, row in rollup.iterrows():
        teams, done = int(row["teams"]), int(row["submitted"])
        waiting = [
            f"{int(row['draft_only'])} with a draft only" if row["draft_only"] else "",
            f"{int(row['no_submission'])} with no submission" if row["no_submission"] else "",
        ]
        subtitle = "; ".join(
            [f"{done} of {count(teams, 'team')} submitted", *(w for w in waiting if w)]
        )
        if not done:
            lines = ["No team has submitted yet."]
        else:
            lines = [
                f"{name}: mean level {number_text(row[f'mean_level:{key}'], 1)}, median "
                f"{number_text(row[f'median_level:{key}'], 1)}"
                for key, name in [("overall", "Overall"), *pillars.items()]
            ]
        entries.append(ListEntry(str(row["unit_slug"]), str(row["unit"]), subtitle, lines))
    return entries


def render_team_list(entries: list[ListEntry], period: str) -> None:
    """One bordered block per team, with a link to its report."""
    for entry in entries:
        with st.container(border=True, key=f"heatmap_team_{entry.key}"):
            st.markdown(f"**{inert(entry.title)}**")
            st.caption(inert(entry.subtitle))
            st.markdown("\n".join(f"- {inert(line)}" for line in entry.lines))
            st.page_link(
                TEAM_REPORT.path,
                label="Open the team report",
                icon=":material/assignment:",
                query_params={PERIOD_KEY: period, TEAM_KEY: entry.key},
            )


def render_unit_list(entries: list[ListEntry]) -> None:
    """One bordered block per unit."""
    for entry in entries:
        with st.container(border=True, key=f"heatmap_unit_{entry.key}"):
            st.markdown(f"**{inert(entry.title)}**")
            st.caption(inert(entry.subtitle))
            st.markdown("\n".join(f"- {inert(line)}" for line in entry.lines))
