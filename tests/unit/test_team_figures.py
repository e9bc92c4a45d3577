"""The team report's pillar chart: a bar per pillar, coloured by level, the weakest outlined."""

from __future__ import annotations

from assessments.content.in_force import load_content
from scoring.assessment import score_assessment
from scoring.model import Answer, AssessmentInput
from scoring.results import AssessmentResult
from tests.unit.vega_spec import encoding, layers, rows
from ui.figures.team import LEVEL_COLOURS, WEAKEST_OUTLINE, level_colour, pillar_levels_figure

CONTENT = load_content()


def _result() -> AssessmentResult:
    answers = {q.id: Answer.of(3, evidence=True) for q in CONTENT.questionnaire.questions}
    first = CONTENT.questionnaire.questions[0]
    answers[first.id] = Answer.of(0, evidence=True)
    return score_assessment(
        CONTENT.rubric, CONTENT.scoring_catalogue, AssessmentInput(answers, frozenset())
    )


def test_each_pillar_is_a_bar_as_long_as_its_level_labelled_with_level_and_score() -> None:
    result = _result()
    figure = pillar_levels_figure(result)

    (bars,) = layers(figure, "bar")
    drawn = rows(bars)
    assert [(r["pillar"], r["level"]) for r in drawn] == [(p.name, p.level) for p in result.pillars]
    assert [r["text"] for r in drawn] == [f"{p.level} · {p.score:.0f}" for p in result.pillars]
    assert [r["colour"] for r in drawn] == [level_colour(p.level) for p in result.pillars]
    assert [r["explanation"] for r in drawn] == [p.explanation for p in result.pillars]
    assert encoding(figure)["x"]["field"] == "level"
    assert encoding(figure, 1)["text"] == {"field": "text", "type": "nominal"}


def test_the_weakest_pillar_alone_is_outlined_and_the_title_names_the_overall_level() -> None:
    result = _result()
    figure = pillar_levels_figure(result)

    outlined = [
        r["pillar"] for r in rows(layers(figure, "bar")[0]) if r["outline"] != "transparent"
    ]
    assert outlined == [result.pillar(result.weakest_pillar).name]
    assert {r["outline"] for r in rows(layers(figure, "bar")[0])} == {
        WEAKEST_OUTLINE,
        "transparent",
    }
    assert figure.title == f"Overall level {result.overall_level}: the weakest pillar sets it"


def test_pillar_names_wrap_onto_lines_the_axis_splits_and_the_tooltip_keeps_whole() -> None:
    result = _result()
    figure = pillar_levels_figure(result)

    drawn = rows(layers(figure, "bar")[0])
    assert all(max(len(line) for line in r["name"].split("\n")) <= 14 for r in drawn)
    assert [r["name"].replace("\n", " ") for r in drawn] == [r["pillar"] for r in drawn]
    assert encoding(figure)["y"]["axis"]["labelExpr"] == "split(datum.label, '\\n')"
    assert {"field": "pillar", "title": "Pillar", "type": "nominal"} in encoding(figure)["tooltip"]


def test_a_three_level_questionnaire_still_runs_red_to_blue_over_its_own_levels() -> None:
    assert [level_colour(level, 2) for level in range(3)] == [
        LEVEL_COLOURS[0],
        LEVEL_COLOURS[2],
        LEVEL_COLOURS[4],
    ]
    x = encoding(pillar_levels_figure(_result(), top_level=2))["x"]
    assert (x["axis"]["values"], x["scale"]["domain"]) == ([0, 1, 2], [0, 2.9])
