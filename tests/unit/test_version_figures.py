"""Trend charts mark version changes; without a map the line breaks instead of joining."""

from __future__ import annotations

import pandas as pd

from assessments.content.comparable import Basis, VersionChange
from assessments.service.team_scoring import HistoryPoint
from tests.unit.vega_spec import encoding, layers, rows, texts
from ui.figures.review import trend_figure
from ui.figures.team import history_figure
from ui.figures.versions import segments, stretch_numbers

PERIODS = ["2026-Q3", "2026-Q4", "2027-Q1"]


def points(basis: Basis) -> list[HistoryPoint]:
    return [
        HistoryPoint("2026-Q3", "Blast radius", 1, 30.0, "1", basis),
        HistoryPoint("2026-Q4", "Blast radius", 2, 45.0, "1", basis),
        HistoryPoint("2027-Q1", "Blast radius", 2, 50.0, "2", Basis.AS_ANSWERED),
    ]


def test_a_mapped_change_keeps_one_line_with_open_markers_before_it_and_a_marker_line():
    change = VersionChange("2027-Q1", "1", "2", mapped=True)
    figure = history_figure(points(Basis.MAPPED), [change])

    (line,) = layers(figure, "line")
    assert [(r["period"], r["score"], r["stretch"]) for r in rows(line)] == [
        ("2026-Q3", 30.0, 0),
        ("2026-Q4", 45.0, 0),
        ("2027-Q1", 50.0, 0),
    ]
    (markers,) = layers(figure, "point")
    assert [r["mapped"] for r in rows(markers)] == [True, True, False]
    # Mapped periods are hollow: no fill, the pillar's colour only as the outline.
    fill = encoding(figure, 1)["fill"]
    assert fill["condition"] == {"test": "datum.mapped", "value": "transparent"}
    assert [r["basis"] for r in rows(markers)] == [
        "mapped forward from version 1",
        "mapped forward from version 1",
        "as answered on version 2",
    ]
    (rule,) = layers(figure, "rule")
    # The last of three periods: the label sits left of the rule, on two short lines.
    assert rows(rule) == [
        {
            "period": "2027-Q1",
            "label": "version 2 (earlier mapped)",
            "text": "version 2\n(earlier mapped)",
            "side": "left",
        }
    ]
    (label,) = layers(figure, "text")
    assert (label.mark.align, label.mark.dx, label.mark.lineBreak) == ("right", -4, "\n")
    assert rule.mark.strokeDash == [2, 3]
    assert texts(figure) == ["version 2 (earlier mapped)"]


def test_the_change_rule_sits_halfway_between_the_two_periods_it_separates():
    change = VersionChange("2027-Q1", "1", "2", mapped=True)
    figure = history_figure(points(Basis.MAPPED), [change])

    point_x, rule_x = encoding(figure, 0)["x"], encoding(figure, 2)["x"]
    # One band per period with no padding; points at a band's middle, the rule at its start:
    # the start of 2027-Q1's band is halfway between the 2026-Q4 and 2027-Q1 points.
    scale = {"type": "band", "domain": PERIODS, "paddingInner": 0, "paddingOuter": 0}
    assert (point_x["scale"], point_x["bandPosition"]) == (scale, 0.5)
    assert (rule_x["scale"], rule_x["bandPosition"], rule_x["field"]) == (scale, 0, "period")


def test_without_a_map_the_series_breaks_into_two_lines_at_the_change():
    change = VersionChange("2027-Q1", "1", "2", mapped=False)
    figure = history_figure(points(Basis.NOT_COMPARABLE), [change])

    (line,) = layers(figure, "line")
    assert [r["stretch"] for r in rows(line)] == [0, 0, 1]
    assert encoding(figure, 0)["detail"] == {"field": "stretch", "type": "nominal"}
    assert texts(figure) == ["version 2: series breaks"]
    assert rows(layers(figure, "point")[0])[0]["basis"] == "version 1, not comparable"


def test_a_change_in_the_left_half_is_labelled_right_of_its_rule():
    early = [HistoryPoint(p, "Skill", 1, 25.0) for p in ["2026-Q2", *PERIODS]]
    change = VersionChange("2026-Q3", "1", "2", mapped=False)
    figure = history_figure(early, [change])

    assert [r["side"] for r in rows(layers(figure, "rule")[0])] == ["right"]
    (label,) = layers(figure, "text")
    assert (label.mark.align, label.mark.dx) == ("left", 4)
    assert rows(label)[0]["text"] == "version 2:\nseries breaks"


def test_a_change_at_the_first_period_shown_is_not_marked():
    change = VersionChange("2026-Q3", "1", "2", mapped=False)
    figure = history_figure(points(Basis.AS_ANSWERED), [change])
    assert layers(figure, "rule") == []


def test_segments_cut_only_where_a_break_is_asked_for():
    assert segments(["a", "b", "c"], [1, 2, 3], ["b"]) == [(["a"], [1]), (["b", "c"], [2, 3])]
    assert segments(["a", "b"], [1, 2], []) == [(["a", "b"], [1, 2])]
    assert segments(["a", "b"], [1, 2], ["a"]) == [(["a", "b"], [1, 2])]


def test_stretch_numbers_count_the_breaks_passed():
    assert stretch_numbers(["a", "b", "c", "d"], ["b", "d"]) == [0, 1, 1, 2]
    assert stretch_numbers(["a", "b"], []) == [0, 0]
    assert stretch_numbers([], ["a"]) == []


def test_the_org_trend_breaks_each_line_at_an_unmapped_change_and_marks_it():
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

    (line,) = layers(figure, "line")
    assert [(r["pillar"], r["period"], r["stretch"]) for r in rows(line)] == [
        ("Blast radius", "2026-Q4", 0),
        ("Blast radius", "2027-Q1", 1),
        ("Overall", "2026-Q4", 0),
        ("Overall", "2027-Q1", 1),
    ]
    assert encoding(figure, 0)["detail"] == {"field": "stretch", "type": "nominal"}
    assert texts(figure) == ["version 2: series breaks"]
