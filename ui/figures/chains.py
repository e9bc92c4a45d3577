"""The chains matrix figure: teams × approval chains, one square per cell, coloured by status."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessments.reports.org_table import STATUS_LABELS, submitted
from scoring.model import Catalogue
from scoring.results import ChainStatus
from ui.figures.org import STATUS_COLOURS, TRANSPARENT, figure_height, label, team_axis
from ui.figures.team import FONT


def chain_label(order: int, name: str) -> str:
    """A chain's column label: its place in the removal order and its name."""
    return f"{order}. {label(name)}"


def chains_matrix_figure(table: pd.DataFrame, catalogue: Catalogue) -> go.Figure:
    """Teams (grouped by unit) × chains: one square per cell, one legend entry per status.

    Each status is its own trace, so the legend reads "Next to remove", "Removed too early"
    and so on with no colour key to learn. `customdata[0]` is the team slug.
    """
    rows = submitted(table)
    y = team_axis(rows)
    columns = [chain_label(c.order, c.name) for c in catalogue.chains]
    # Categories take the order they first appear in; this invisible trace lists every row
    # first, so teams keep table order whatever status they show.
    figure = go.Figure(
        go.Scatter(
            x=[columns[0] if columns else ""] * len(rows),
            y=y,
            mode="markers",
            marker=dict(opacity=0),
            hoverinfo="skip",
            showlegend=False,
            name="rows",
        )
    )
    for status, status_label in STATUS_LABELS.items():
        xs: list[str] = []
        units: list[str] = []
        teams: list[str] = []
        custom: list[list[str]] = []
        for chain in catalogue.chains:
            hits = np.flatnonzero((rows[f"status:{chain.id}"] == status).to_numpy())
            for i in hits:
                xs.append(chain_label(chain.order, chain.name))
                units.append(y[0][i])
                teams.append(y[1][i])
                custom.append(
                    [
                        str(rows.index[int(i)]),
                        f"<b>{label(rows['team'].iloc[i])}</b> · {label(rows['unit'].iloc[i])}"
                        f"<br>{label(chain.name)}: {status_label}",
                    ]
                )
        too_early = status == ChainStatus.REMOVED_TOO_EARLY.value
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=[units, teams],
                mode="markers",
                name=status_label,
                customdata=custom,
                hovertemplate="%{customdata[1]}<extra></extra>",
                marker=dict(
                    symbol="square-x" if too_early else "square",
                    size=17,
                    color=STATUS_COLOURS[status],
                    line=dict(color="white", width=1.5 if too_early else 0),
                ),
                showlegend=True,
            )
        )
    figure.update_layout(
        font=FONT,
        height=figure_height(len(rows), extra=300),
        margin=dict(l=10, r=10, t=250, b=10),
        xaxis=dict(
            automargin=True,
            side="top",
            type="category",
            categoryorder="array",
            categoryarray=columns,
            tickangle=-45,
            fixedrange=True,
            showgrid=False,
            range=[-0.5, len(columns) - 0.5],
        ),
        yaxis=dict(automargin=True, fixedrange=True, showgrid=False, range=[len(rows) - 0.5, -0.5]),
        legend=dict(orientation="h", yanchor="top", y=1.0, x=0, yref="container"),
        clickmode="event+select",
        dragmode=False,
        plot_bgcolor=TRANSPARENT,
        paper_bgcolor=TRANSPARENT,
    )
    return figure
