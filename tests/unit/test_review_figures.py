"""The review's trend chart says what it plots, marks the baseline, and spreads close lines."""

from __future__ import annotations

from assessments.reports import org_review
from assessments.reports.org_table import pillar_names
from assessments.service.quarterly_review import build_review
from tests.unit.tiny_org import history, q3_table, tiny_content
from ui.exports.review_sections import pack_sections
from ui.figures.review import trend_figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)


def test_the_trend_chart_plots_the_mean_level_its_title_names() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    figure = trend_figure(trends, PILLARS)

    assert figure.layout.yaxis.title.text == "Mean readiness level (0–4)"
    first = trends[trends["pillar"] == "blast_radius"].sort_values("period")
    assert list(figure.data[0].y) == first["mean_level"].tolist()


def test_the_value_axis_spans_the_data_so_close_lines_separate() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    low, high = trend_figure(trends, PILLARS).layout.yaxis.range
    levels = trends["mean_level"].astype(float)
    assert 0 <= low <= levels.min() and levels.max() <= high <= 4
    assert high - low < 4


def test_a_chosen_baseline_is_marked_on_the_trend_chart() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    figure = trend_figure(trends, PILLARS, baseline="2026-Q3")

    assert [a.text for a in figure.layout.annotations] == ["baseline 2026-Q3"]


def test_the_first_quarter_has_no_empty_previous_quarter_column() -> None:
    review = build_review(
        CONTENT,
        q3_table(CONTENT),
        q3_table(CONTENT).iloc[0:0],
        history(CONTENT),
        period="2026-Q3",
    )
    standing = pack_sections(review)[0]
    assert standing.tables[0].headers == (
        "Pillar",
        "Mean level 2026-Q3",
        "Mean score 2026-Q3",
    )
    assert (
        standing.paragraphs[-1]
        == "No team submitted in 2026-Q2, so there is nothing to compare with."
    )
