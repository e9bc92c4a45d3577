"""The questionnaire format's options: credits, levels, critical caps and an org's own ids."""

from __future__ import annotations

import pytest

from assessments.content.loading import parse_questionnaire
from assessments.content.questionnaire import Questionnaire
from assessments.errors import ContentError
from tests.unit.validation_samples import QUESTIONNAIRE


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_questionnaire(text, "mini.yaml")
    return [str(p) for p in caught.value.problems]


def parsed(text: str) -> Questionnaire:
    return parse_questionnaire(text, "mini.yaml")


def test_without_options_credits_are_value_over_max_and_levels_0_to_4():
    questionnaire = parsed(QUESTIONNAIRE)
    assert questionnaire.question("BR-01").credits == (0.0, 0.5, 1.0)
    assert questionnaire.levels == ("Level 0", "Level 1", "Level 2", "Level 3", "Level 4")
    assert questionnaire.level_thresholds == (20.0, 40.0, 60.0, 80.0)
    assert questionnaire.top_level == 4


def test_credits_per_option_replace_the_default_where_given():
    text = QUESTIONNAIRE.replace(
        "{value: 1, label: Documented, description: A written standard.}",
        "{value: 1, label: Documented, description: A written standard., credit: 0.25}",
    )
    assert parsed(text).question("BR-01").credits == (0.0, 0.25, 1.0)


def test_credits_that_fall_as_the_value_rises_are_refused():
    text = QUESTIONNAIRE.replace(
        "{value: 2, label: Enforced, description: A fresh VM per task.}",
        "{value: 2, label: Enforced, description: A fresh VM per task., credit: 0.4}",
    )
    assert problems(text) == [
        "mini.yaml:8:5: questions[BR-01]: credits must not fall as the value rises;"
        " got [0.0, 0.5, 0.4] (hint: a higher answer earns at least as much as a lower one)"
    ]


def test_levels_set_their_number_and_names_with_one_threshold_fewer():
    text = QUESTIONNAIRE.replace(
        "title: Mini\n",
        "title: Mini\nlevels: [Initial, Defined, Managed, Optimised]\n"
        "level_thresholds: [25, 50, 90]\n",
    )
    questionnaire = parsed(text)
    assert questionnaire.top_level == 3
    assert questionnaire.level_name(3) == "Optimised"


def test_levels_without_matching_thresholds_are_refused():
    text = QUESTIONNAIRE.replace(
        "title: Mini\n", "title: Mini\nlevels: [Initial, Defined, Managed]\n"
    )
    assert problems(text) == [
        "mini.yaml:4:1: levels: levels names 3 levels, so level_thresholds needs 2 values"
        " (the default has 4) (hint: one threshold per level above 0, e.g. [20, 40, 60, 80]"
        " for levels 0-4)"
    ]


def test_caps_at_sets_the_level_a_critical_answer_allows():
    text = QUESTIONNAIRE.replace(
        "    allow_not_applicable: false\n", "    critical: true\n"
    ).replace(
        "{value: 1, label: Documented, description: A written standard.}",
        "{value: 1, label: Documented, description: A written standard., caps_at: 3}",
    )
    assert parsed(text).question("BR-01").scale[1].caps_at == 3


def test_caps_at_on_a_question_that_is_not_critical_is_refused():
    text = QUESTIONNAIRE.replace(
        "{value: 1, label: Documented, description: A written standard.}",
        "{value: 1, label: Documented, description: A written standard., caps_at: 3}",
    )
    assert problems(text) == [
        "mini.yaml:8:5: questions[BR-01]: caps_at is set but the question is not critical"
        " (hint: add `critical: true`, or remove caps_at)"
    ]


def test_caps_at_above_the_highest_level_is_refused_at_its_line():
    text = QUESTIONNAIRE.replace(
        "    allow_not_applicable: false\n", "    critical: true\n"
    ).replace(
        "{value: 1, label: Documented, description: A written standard.}",
        "{value: 1, label: Documented, description: A written standard., caps_at: 5}",
    )
    assert problems(text) == [
        "mini.yaml:16:73: questions[BR-01].scale[1].caps_at: caps_at 5 is above the highest"
        " readiness level 4 (hint: use a level from 0 to 4)"
    ]


def test_an_organisations_own_ids_are_accepted_and_its_scheme_enforced():
    text = (
        QUESTIONNAIRE.replace("BR-01", "G-SM-1-A")
        .replace("SK-01", "O-IM-2-B")
        .replace("title: Mini\n", "title: Mini\nquestion_id_pattern: '[A-Z]-[A-Z]{2}-[0-9]-[AB]'\n")
    )
    assert [q.id for q in parsed(text).questions] == ["G-SM-1-A", "O-IM-2-B"]
    assert problems(text.replace("O-IM-2-B", "O-IM-2-C")) == [
        "mini.yaml:19:5: questions[O-IM-2-C].id: 'O-IM-2-C' does not follow this questionnaire's"
        " id scheme [A-Z]-[A-Z]{2}-[0-9]-[AB] (hint: rename the question, or widen"
        " question_id_pattern)"
    ]


@pytest.mark.parametrize("bad", ["=SUM(A1)", "BR 01", "BR--01", "BR-01/2", "-BR", "Ä-01"])
def test_ids_that_are_unsafe_in_urls_or_csv_are_refused(bad):
    text = QUESTIONNAIRE.replace("BR-01", f"'{bad}'")
    assert any("is not a valid question id" in p for p in problems(text))


def test_the_lowest_answer_earns_no_credit():
    text = QUESTIONNAIRE.replace(
        "{value: 0, label: Absent, description: Laptops.}",
        "{value: 0, label: Absent, description: Laptops., credit: 0.1}",
    )
    assert problems(text) == [
        "mini.yaml:8:5: questions[BR-01]: the lowest answer's credit must be 0; got 0.1"
        " (hint: don't know and unanswered count 0, so the lowest answer earns 0 too)"
    ]


def test_caps_at_that_would_fall_against_the_default_rule_elsewhere_is_refused():
    text = QUESTIONNAIRE.replace(
        "    allow_not_applicable: false\n", "    critical: true\n"
    ).replace(
        "{value: 0, label: Absent, description: Laptops.}",
        "{value: 0, label: Absent, description: Laptops., caps_at: 3}",
    )
    assert problems(text) == [
        "mini.yaml:14:5: questions[BR-01].scale: the critical caps fall as the value rises:"
        " [3, 2, 4] (caps_at where written, the default rule elsewhere) (hint: write caps_at"
        " on every option, rising with the value)"
    ]
