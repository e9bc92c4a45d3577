"""The chains matrix figure: teams × approval chains, one square per cell, coloured by status."""

from __future__ import annotations

import altair as alt
import pandas as pd

from assessments.reports.org_table import STATUS_LABELS, submitted
from scoring.model import Catalogue
from scoring.results import ChainStatus
from ui.figures.grid import ROW_HEIGHT, name_column, row_labels, unit_blocks
from ui.figures.marks import label
from ui.figures.org import LEGEND, STATUS_COLOURS
from ui.figures.vega import Figure

SQUARE = "square"
SQUARE_WITH_X = (
    "M-1,-1H1V1H-1Z"
    "M-0.6,0.4L-0.4,0.6L0,0.2L0.4,0.6L0.6,0.4L0.2,0L0.6,-0.4L0.4,-0.6L0,-0.2L-0.4,-0.6L-0.6,-0.4L-0.2,0Z"
)
"""A square with an X cut out of it (the X wound the other way, so it stays empty): removed too
early reads without colour, in the cells and in the legend."""
CELL = ROW_HEIGHT - 8
"""A square's side in pixels."""


def chain_label(order: int, name: str) -> str:
    """A chain's column label: its place in the removal order and its name."""
    return f"{order}. {label(name)}"


def chains_matrix_cells(table: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """One row per submitted team and chain: `slug`, `team`, `unit`, `row` (the axis label),
    `column` (the chain's label), `chain` (its name) and `status` (the status's label)."""
    rows = submitted(table)
    labels = row_labels(list(rows["unit"]), list(rows["team"]), list(rows.index))
    records = [
        {
            "slug": str(slug),
            "team": label(team),
            "unit": label(unit),
            "row": row,
            "column": chain_label(chain.order, chain.name),
            "chain": label(chain.name),
            "status": STATUS_LABELS.get(str(status), str(status)),
        }
        for slug, team, unit, row, statuses in zip(
            rows.index,
            rows["team"],
            rows["unit"],
            labels,
            rows[[f"status:{c.id}" for c in catalogue.chains]].itertuples(index=False),
            strict=True,
        )
        for chain, status in zip(catalogue.chains, statuses, strict=True)
    ]
    columns = ["slug", "team", "unit", "row", "column", "chain", "status"]
    return pd.DataFrame.from_records(records, columns=columns)


def chains_matrix_figure(table: pd.DataFrame, catalogue: Catalogue) -> Figure:
    """Teams (one block per unit) × chains: one square per cell, one legend entry per status.

    The legend reads the statuses ("Next to remove", "Removed too early"…), in the removal
    story's order; removed too early is a square with an X. A click selects the cell's team
    (the `team` selection over `slug`).
    """
    cells = chains_matrix_cells(table, catalogue)
    columns = [chain_label(c.order, c.name) for c in catalogue.chains]
    statuses = list(STATUS_LABELS.values())
    legend = alt.Legend(title="Status", columns=2, symbolSize=CELL * CELL, **LEGEND)  # type: ignore[arg-type]
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS[s] for s in STATUS_LABELS]),
        legend=legend,
    )
    shape = alt.Shape(
        "status:N",
        scale=alt.Scale(
            domain=statuses,
            range=[
                SQUARE_WITH_X if s == ChainStatus.REMOVED_TOO_EARLY.value else SQUARE
                for s in STATUS_LABELS
            ],
        ),
        legend=legend,
    )
    tooltip = [
        alt.Tooltip("team:N", title="Team"),
        alt.Tooltip("unit:N", title="Unit"),
        alt.Tooltip("chain:N", title="Chain"),
        alt.Tooltip("status:N", title="Status"),
    ]

    # A square fills most of its cell, up to CELL pixels: on a phone the cells are narrower.
    names = name_column(list(cells["row"].unique()))
    side = f"min({CELL}, 0.8 * (width - {names}) / {max(len(columns), 1)})"
    size = alt.ExprRef(f"pow({side}, 2)")

    def layers(base: alt.Chart) -> list[alt.Chart]:
        squares = base.mark_point(filled=True, opacity=1, size=size, cursor="pointer")
        return [squares.encode(color=colour, shape=shape, tooltip=tooltip)]

    # Chain names slanted up to the left, so the last ones stay on the page (a name running
    # up to the right would be cut at the chart's edge); every name shown, though their boxes
    # overlap.
    slanted = {
        "labelAngle": 45,
        "labelAlign": "right",
        "labelBaseline": "middle",
        "labelExpr": "datum.label",
        "labelLimit": 180,
        "labelOverlap": False,
    }
    return unit_blocks(cells, columns, layers, column_axis_options=slanted)
