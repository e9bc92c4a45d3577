"""Bad questionnaire and catalogue YAML gets one exact, fixable message per problem."""

from __future__ import annotations

import textwrap

import pytest

from assessments.content.loading import parse_catalogue, parse_questionnaire
from assessments.errors import ContentError

QUESTIONNAIRE = """\
id: mini
version: "1"
title: Mini
pillars:
  - id: blast_radius
    name: Blast radius
    description: How far a mistake reaches.
questions:
  - id: BR-01
    pillar: blast_radius
    text: Where do agents run?
    help: Laptops reach everything.
    evidence_hint: The sandbox config.
    scale:
      - {value: 0, label: Absent, description: Laptops.}
      - {value: 1, label: Sandboxed, description: A fresh VM per task.}
"""

CATALOGUE = """\
id: mini-chains
version: "1"
title: Mini chains
questionnaire: mini
chains:
  - id: tool-call-approval
    order: 1
    name: Approve each tool call
    gate: A human confirms each command.
    protects: [blast_radius]
    unlock:
      all:
        - question: BR-01
          min: 1
        - pillar: blast_radius
          min_level: 2
    compensating_controls: [A sandbox per task.]
    risk: low
    toil: high
    reinstate_when: After an escape from the sandbox.
"""


def questionnaire_problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_questionnaire(text, "mini.yaml")
    return [str(problem) for problem in caught.value.problems]


def catalogue_problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_catalogue(text, "chains.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_valid_questionnaire_and_catalogue_parse():
    assert parse_questionnaire(QUESTIONNAIRE, "mini.yaml").question("BR-01").max_value == 1
    assert parse_catalogue(CATALOGUE, "chains.yaml").chain("tool-call-approval").order == 1


def test_syntax_error_names_line_and_column_of_the_yaml_problem():
    text = QUESTIONNAIRE.replace(
        "    text: Where do agents run?", "    text: Where: do agents run?"
    )
    assert questionnaire_problems(text) == [
        "mini.yaml:11:16: mapping values are not allowed here"
        " (hint: check indentation and quoting near this line)"
    ]


def test_empty_file_says_what_a_content_file_starts_with():
    assert questionnaire_problems("# nothing yet\n") == [
        "mini.yaml: the file is empty (hint: a questionnaire starts with `id:` and has `pillars:`"
        " and `questions:`; a catalogue has `chains:`; an answers file has `team:`, `period:`"
        " and `answers:`)"
    ]


def test_top_level_list_is_not_a_mapping_of_fields():
    assert questionnaire_problems("- id: mini\n- version: 1\n") == [
        "mini.yaml:1:1: the top level must be a mapping of fields, not a list (hint: a"
        " questionnaire starts with `id:` and has `pillars:` and `questions:`; a catalogue has"
        " `chains:`; an answers file has `team:`, `period:` and `answers:`)"
    ]


def test_unknown_field_suggests_the_closest_allowed_name():
    text = QUESTIONNAIRE.replace("    name: Blast radius", "    nmae: Blast radius")
    assert questionnaire_problems(text) == [
        "mini.yaml:5:5: pillars[blast_radius].name: missing required field 'name'"
        " (hint: add `name:` with the name people read)",
        "mini.yaml:6:5: pillars[blast_radius].nmae: unknown field 'nmae'"
        " (hint: did you mean 'name'? allowed fields: id, name, description)",
    ]


def test_missing_field_points_at_its_parent_and_says_what_it_holds():
    text = QUESTIONNAIRE.replace("    text: Where do agents run?\n", "")
    assert questionnaire_problems(text) == [
        "mini.yaml:9:5: questions[BR-01].text: missing required field 'text'"
        " (hint: add `text:` with the question as the team reads it)"
    ]


@pytest.mark.parametrize(
    ("line", "replacement", "expected"),
    [
        (
            "    text: Where do agents run?",
            "    text: 42",
            "mini.yaml:11:5: questions[BR-01].text: expected text, got 42"
            ' (hint: put it in quotes: "42")',
        ),
        (
            "    help: Laptops reach everything.",
            "    help: Laptops reach everything.\n    weight: heavy",
            "mini.yaml:13:5: questions[BR-01].weight: expected a number, got 'heavy'",
        ),
        (
            "    help: Laptops reach everything.",
            "    help: Laptops reach everything.\n    critical: maybe",
            "mini.yaml:13:5: questions[BR-01].critical: expected true or false, got 'maybe'",
        ),
        (
            "  - id: BR-01",
            "  - id: 1-BR;01",
            "mini.yaml:9:5: questions[1-BR;01].id: '1-BR;01' is not a valid question id"
            " (hint: use letters and digits joined by single '-', '_' or '.', starting with"
            " a letter, e.g. BR-05 or G-SM-1-A)",
        ),
    ],
)
def test_wrong_type_or_format_names_the_value_given(line, replacement, expected):
    assert questionnaire_problems(QUESTIONNAIRE.replace(line, replacement)) == [expected]


def test_bad_enum_value_lists_the_allowed_values_with_a_suggestion():
    text = CATALOGUE.replace("    risk: low", "    risk: lo")
    assert catalogue_problems(text) == [
        "chains.yaml:18:5: chains[tool-call-approval].risk: unknown value 'lo'"
        " (hint: did you mean 'low'? allowed values: low, medium, high)"
    ]


def test_scale_out_of_order_points_at_the_scale():
    text = QUESTIONNAIRE.replace("{value: 1, label: Sandboxed", "{value: 2, label: Sandboxed")
    assert questionnaire_problems(text) == [
        "mini.yaml:14:5: questions[BR-01].scale: scale values must be 0, 1, 2, ... in order;"
        " got [0, 2] (hint: list one level per value, starting at 0)"
    ]


def test_condition_of_unknown_shape_lists_the_shapes_there_are():
    text = CATALOGUE.replace(
        "        - question: BR-01\n          min: 1\n", "        - answer: BR-01\n"
    )
    assert catalogue_problems(text) == [
        "chains.yaml:13:11: chains[tool-call-approval].unlock.all[0]: not a condition (hint: use"
        " one of `pillar` + `min_level`, `question` + `min`, `chain_removed`, `all`, `any`)"
    ]


def test_nested_condition_error_path_reads_like_the_yaml_without_union_tags():
    text = CATALOGUE.replace("          min_level: 2", "          min_level: two")
    assert catalogue_problems(text) == [
        "chains.yaml:16:11: chains[tool-call-approval].unlock.all[1].min_level:"
        " expected a whole number, got 'two'"
    ]


def test_field_written_twice_is_reported_with_both_lines():
    text = QUESTIONNAIRE.replace("    help: Laptops", "    text: Where else?\n    help: Laptops")
    assert questionnaire_problems(text) == [
        "mini.yaml:12:5: questions[BR-01].text: field 'text' is written twice (first on line 11)"
        " (hint: YAML keeps only the last one; remove or rename one of them)"
    ]


def test_thresholds_one_fewer_than_levels_says_how_many_it_needs():
    text = QUESTIONNAIRE.replace("title: Mini\n", "title: Mini\nlevel_thresholds: [20, 40]\n")
    assert questionnaire_problems(text) == [
        "mini.yaml:4:1: level_thresholds: level_thresholds has 2 values for 5 levels; it needs 4"
        " (hint: one threshold per level above 0, e.g. [20, 40, 60, 80] for levels 0-4)"
    ]


def test_every_schema_problem_is_reported_at_once():
    text = textwrap.dedent(
        """\
        id: Mini
        version: "1"
        pillars: []
        questions: []
        """
    )
    assert questionnaire_problems(text) == [
        "mini.yaml:1:1: id: 'Mini' is not a valid id"
        " (hint: use lowercase letters, digits, '-' or '_', starting with a letter)",
        "mini.yaml:1:1: title: missing required field 'title'"
        " (hint: add `title:` with the title shown in the app)",
        "mini.yaml:3:1: pillars: needs at least 1 item",
        "mini.yaml:4:1: questions: needs at least 1 item",
    ]
