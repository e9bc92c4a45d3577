"""Trend charts mark version changes; without a map the line breaks instead of joining."""

from __future__ import annotations

from assessments.content.comparable import Basis, VersionChange
from assessments.service.team_scoring import HistoryPoint
from ui.figures.team import history_figure
from ui.figures.versions import segments


def points(basis: Basis) -> list[HistoryPoint]:
    return [
        HistoryPoint("2026-Q3", "Blast radius", 1, 30.0, "1", basis),
        HistoryPoint("2026-Q4", "Blast radius", 2, 45.0, "1", basis),
        HistoryPoint("2027-Q1", "Blast radius", 2, 50.0, "2", Basis.AS_ANSWERED),
    ]


def test_a_mapped_change_keeps_one_line_with_open_markers_before_it_and_a_marker_line():
    change = VersionChange("2027-Q1", "1", "2", mapped=True)
    figure = history_figure(points(Basis.MAPPED), [change])
    assert [list(t.x) for t in figure.data] == [["2026-Q3", "2026-Q4", "2027-Q1"]]
    assert list(figure.data[0].marker.symbol) == ["circle-open", "circle-open", "circle"]
    assert [(s.x0, s.x1, s.line.dash) for s in figure.layout.shapes] == [(1.5, 1.5, "dot")]
    assert [a.text for a in figure.layout.annotations] == ["version 2 (earlier mapped)"]
    assert figure.data[0].customdata[0][1] == "<br>mapped forward from version 1"


def test_without_a_map_the_series_breaks_into_two_lines_at_the_change():
    change = VersionChange("2027-Q1", "1", "2", mapped=False)
    figure = history_figure(points(Basis.NOT_COMPARABLE), [change])
    assert [list(t.x) for t in figure.data] == [["2026-Q3", "2026-Q4"], ["2027-Q1"]]
    assert [t.showlegend for t in figure.data] == [True, False]
    assert [a.text for a in figure.layout.annotations] == ["version 2: series breaks"]


def test_segments_cut_only_where_a_break_is_asked_for():
    assert segments(["a", "b", "c"], [1, 2, 3], ["b"]) == [(["a"], [1]), (["b", "c"], [2, 3])]
    assert segments(["a", "b"], [1, 2], []) == [(["a", "b"], [1, 2])]
    assert segments(["a", "b"], [1, 2], ["a"]) == [(["a", "b"], [1, 2])]


def test_the_org_trend_breaks_each_line_at_an_unmapped_change_and_marks_it():
    import pandas as pd

    from ui.figures.review import trend_figure

    trends = pd.DataFrame(
        {
            "period": ["2026-Q4", "2027-Q1", "2026-Q4", "2027-Q1"],
            "pillar": ["blast_radius", "blast_radius", "overall", "overall"],
            "mean_score": [40.0, 50.0, 1.5, 2.0],
            "mean_level": [2.0, 2.5, 1.5, 2.0],
            "teams": [3, 3, 3, 3],
        }
    )
    change = VersionChange("2027-Q1", "1", "2", mapped=False)
    figure = trend_figure(trends, {"blast_radius": "Blast radius"}, changes=[change])
    assert [(t.name, list(t.x)) for t in figure.data] == [
        ("Blast radius", ["2026-Q4"]),
        ("Blast radius", ["2027-Q1"]),
        ("Overall", ["2026-Q4"]),
        ("Overall", ["2027-Q1"]),
    ]
    assert [a.text for a in figure.layout.annotations] == ["version 2: series breaks"]
