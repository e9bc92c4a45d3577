"""The review pack: one self-contained HTML file, the same in Markdown, and a CSV per team."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from assessments.reports.org_table import STATUS_LABELS
from assessments.service.quarterly_review import QuarterlyReview
from ui.exports.chart_process import draw_here
from ui.exports.html_document import Draw, HtmlDocument
from ui.exports.html_document import table as html_table
from ui.exports.review_sections import (
    Section,
    Table,
    pack_sections,
    pack_summary,
    pack_title,
)
from ui.exports.spreadsheet import csv_text
from ui.figures.org import number_text
from ui.text import inert


def pack_file_name(review: QuarterlyReview, extension: str) -> str:
    """ "review-pack-2026-Q4.html", or "review-pack-2026-Q4-payments.csv" for a unit."""
    unit = f"-{re.sub(r'[^a-z0-9-]+', '-', review.unit_slug.lower())}" if review.unit_slug else ""
    return f"review-pack-{review.period}{unit}.{extension}"


def review_pack_html(review: QuarterlyReview, draw: Draw = draw_here) -> str:
    """One HTML file with its charts as static SVG: no script, it opens offline and prints.

    Per-team charts are drawn up to `PACK_TEAM_CHART_LIMIT` submitted teams; above it a
    sentence says where every row is (the CSV, the app's heatmap and chains pages).
    """
    return review_pack_document(review, draw).render()


def review_pack_document(
    review: QuarterlyReview, draw: Draw = draw_here, sections: Sequence[Section] | None = None
) -> HtmlDocument:
    """The HTML pack before it is rendered: its charts may still be drawing elsewhere.

    `sections`: the review's `pack_sections`, when the caller has them already.
    """
    title = pack_title(review)
    doc = HtmlDocument(title, draw)
    doc.heading(title, level=1)
    doc.paragraph(pack_summary(review), css_class="meta")
    for section in pack_sections(review) if sections is None else sections:
        doc.heading(section.title)
        for text in section.paragraphs:
            doc.paragraph(text)
        for build in section.figures:
            doc.figure(build())
        for table in section.tables:
            if table.caption:
                doc.heading(table.caption, level=3)
            if table.rows:
                doc.raw(html_table(table.headers, table.rows))
            else:
                doc.paragraph(table.empty)
    return doc


def review_pack_markdown(review: QuarterlyReview, sections: Sequence[Section] | None = None) -> str:
    """The pack as Markdown; every name and label is escaped so it renders as written.

    `sections`: the review's `pack_sections`, when the caller has them already.
    """
    lines = [f"# {inert(pack_title(review))}", "", f"_{inert(pack_summary(review))}_"]
    for section in pack_sections(review) if sections is None else sections:
        if section.per_team and section.figures:
            continue  # a chart of every team: in the HTML pack, and row by row in the CSV
        lines += ["", f"## {inert(section.title)}"]
        for text in section.paragraphs:
            lines += ["", inert(text)]
        for table in section.tables:
            if table.caption:
                lines += ["", f"### {inert(table.caption)}"]
            lines += ["", *(_markdown_table(table) if table.rows else [inert(table.empty)])]
    return "\n".join(lines) + "\n"


_PLAIN_NUMBER = re.compile(r"[+\-−]?\d+(\.\d+)?")


def _markdown_cell(cell: object) -> str:
    """Numbers as they are; any other text escaped (it may be a team's name)."""
    text = str(cell)
    return text if _PLAIN_NUMBER.fullmatch(text) else inert(text) or " "


def _markdown_table(table: Table) -> list[str]:
    def row(cells: tuple[object, ...]) -> str:
        return "| " + " | ".join(_markdown_cell(c) for c in cells) + " |"

    return [row(table.headers), "|" + "---|" * len(table.headers), *(row(r) for r in table.rows)]


def review_pack_csv(review: QuarterlyReview) -> str:
    """One row per team in scope: levels, scores, changes, statuses; formula-safe cells."""
    headers, columns = _csv_columns(review)
    frame = review.table.assign(
        team_slug=review.table.index,
        weakest_pillar_name=[
            review.pillars.get(p, "") if p else "" for p in _texts(review.table["weakest_pillar"])
        ],
        next_chain_name=[
            review.chains.get(c, "") if c else "" for c in _texts(review.table["next_chain"])
        ],
    )
    if review.baseline_change is not None:
        baseline = review.baseline_change.add_prefix("baseline ")
        frame = frame.join(baseline[[c for c in baseline.columns if "change" in c]])
    # Column by column, each distinct value written once: 2,000 teams share a few levels,
    # statuses and names per column.
    cells = [_column_cells(frame[column].tolist(), kind) for column, kind in columns]
    return csv_text(headers, zip(*cells, strict=True) if cells else [])


def _column_cells(values: list[object], kind: Kind) -> list[object]:
    written: dict[tuple[type, object], object] = {}
    cells = []
    for value in values:
        key = (type(value), value)
        if key not in written:
            written[key] = _cell(value, kind)
        cells.append(written[key])
    return cells


Kind = int | str | None
"""How a CSV cell is written: digits for a number, "status" for a chain status, None for text."""
STATUS = "status"


def _texts(column: pd.Series) -> list[str]:
    return ["" if v is None or v is pd.NA or v != v else str(v) for v in column]


def _csv_columns(review: QuarterlyReview) -> tuple[list[str], list[tuple[str, Kind]]]:
    """Headers and (column, kind) pairs, in the same order."""
    spec: list[tuple[str, str, Kind]] = [
        ("Unit", "unit", None),
        ("Team", "team", None),
        ("Team slug", "team_slug", None),
        ("Coverage", "coverage", None),
        ("Questionnaire version", "questionnaire_version", None),
    ]
    since = review.previous_period
    for pid, name in review.pillars.items():
        spec += [
            (f"{name} level", f"level:{pid}", 0),
            (f"{name} score", f"score:{pid}", 1),
            (f"{name} level change since {since}", f"level_change:{pid}", 0),
            (f"{name} score change since {since}", f"score_change:{pid}", 1),
        ]
    spec += [
        ("Overall level", "overall_level", 0),
        (f"Overall level change since {since}", "overall_level_change", 0),
        ("Mean score", "mean_score", 1),
        (f"Mean score change since {since}", "mean_score_change", 1),
    ]
    if review.baseline_change is not None:
        base = review.baseline_period
        for pid, name in review.pillars.items():
            spec += [
                (f"{name} level change since {base}", f"baseline level_change:{pid}", 0),
                (f"{name} score change since {base}", f"baseline score_change:{pid}", 1),
            ]
        spec += [
            (f"Overall level change since {base}", "baseline overall_level_change", 0),
            (f"Mean score change since {base}", "baseline mean_score_change", 1),
        ]
    spec += [
        ("Weakest pillar", "weakest_pillar_name", None),
        ("Confidence", "confidence", 2),
        ("Confidence band", "confidence_band", None),
        ("Agents may run at", "autonomy", None),
        ("Next chain", "next_chain_name", None),
        ("Chains removed too early", "alerts", 0),
    ]
    spec += [(name, f"status:{cid}", STATUS) for cid, name in review.chains.items()]
    return [h for h, _, _ in spec], [(c, d) for _, c, d in spec]


def _cell(value: object, kind: Kind) -> object:
    if isinstance(kind, int):
        text = number_text(value, kind).replace("−", "-")
        return "" if text == "" else (int(text) if kind == 0 else float(text))
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return STATUS_LABELS.get(str(value), str(value)) if kind == STATUS else str(value)
