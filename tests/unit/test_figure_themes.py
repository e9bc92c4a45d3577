"""Every chart reads on the light and the dark theme: no painted background, no near-black
lines or labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assessments.content.comparable import VersionChange
from assessments.reports import org_review
from assessments.reports.org_table import pillar_names, with_change
from assessments.service.team_scoring import HistoryPoint
from scoring.assessment import score_assessment
from scoring.model import Answer, AssessmentInput
from tests.unit.tiny_org import history, q3_table, q4_table, tiny_content
from tests.unit.vega_spec import encoding
from ui.figures.org import PILLAR_COLOURS
from ui.figures.review import removable_now_figure, trend_figure
from ui.figures.team import SERIES_COLOURS, history_figure, pillar_levels_figure
from ui.figures.vega import Figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
LIGHT, DARK = "#ffffff", "#0e1117"
"""Streamlit's light and dark page backgrounds."""
CHANGE = VersionChange("2026-Q4", "1", "2", mapped=False)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _figures() -> dict[str, Figure]:
    table = with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    points = [
        HistoryPoint(period, name, level, score)
        for period, score, level in (("2026-Q3", 40.0, 1), ("2026-Q4", 60.0, 2))
        for name in PILLARS.values()
    ]
    answers = {q.id: Answer.of(2, evidence=True) for q in CONTENT.questionnaire.questions}
    result = score_assessment(
        CONTENT.rubric, CONTENT.scoring_catalogue, AssessmentInput(answers, frozenset())
    )
    return {
        "trend": trend_figure(trends, PILLARS, baseline="2026-Q3", changes=[CHANGE]),
        "removable now": removable_now_figure(
            org_review.removable_now(table, CONTENT.scoring_catalogue)
        ),
        "team history": history_figure(points, [CHANGE]),
        "pillar levels": pillar_levels_figure(result),
    }


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere in a JSON spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


@pytest.mark.parametrize("name", list(_figures()))
def test_no_figure_paints_a_background_or_sets_a_theme_of_its_own(name: str) -> None:
    spec = _figures()[name].to_dict()
    assert [key for key, _ in _walk(spec) if key in ("background", "usermeta")] == []
    # Only Altair's default view size: Streamlit's theme styles fonts, axes and legends.
    assert spec["config"] == {"view": {"continuousWidth": 300, "continuousHeight": 300}}


@pytest.mark.parametrize("name", list(_figures()))
def test_every_text_mark_reads_on_the_light_and_the_dark_theme(name: str) -> None:
    spec = _figures()[name].to_dict()
    marks = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert marks, "each chart labels something with a text mark"
    for mark in marks:
        for background in (LIGHT, DARK):
            assert contrast(mark["color"], background) >= 4, (mark, background)


@pytest.mark.parametrize("name", ["trend", "team history"])
def test_every_line_stays_visible_on_the_light_and_the_dark_theme(name: str) -> None:
    for colour in encoding(_figures()[name])["color"]["scale"]["range"]:
        for background in (LIGHT, DARK):
            assert contrast(colour, background) >= 2, (colour, background)


def test_a_pillar_has_the_same_colour_in_the_team_history_and_the_review() -> None:
    assert PILLAR_COLOURS == SERIES_COLOURS
    trend, team = (encoding(_figures()[n])["color"]["scale"] for n in ("trend", "team history"))
    trend_colours = dict(zip(trend["domain"], trend["range"], strict=True))
    team_colours = dict(zip(team["domain"], team["range"], strict=True))
    assert {n: trend_colours[n] for n in PILLARS.values()} == team_colours
