"""Migration maps: checked against both versions with file:line messages, applied to answers."""

from __future__ import annotations

import pytest

from assessments.content.answers import AnswerEntry
from assessments.content.map_checks import check_migration_map
from assessments.content.migration import Fate, carry_forward, migrate
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError
from tests.unit.version_samples import MAP, migration_map, v1, v2


def map_problems(text: str) -> list[str]:
    document = read_yaml(text, "mini.map.yaml")
    try:
        migration = migration_map(text)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in check_migration_map(migration, v1(), v2(), document)]


def test_the_sample_map_is_clean():
    assert map_problems(MAP) == []


def test_an_old_question_left_out_is_named_with_its_version():
    text = MAP.replace("  - remove: SK-01\n", "")
    assert map_problems(text) == [
        "mini.map.yaml:4:1: changes: old question 'SK-01' (version 1) is not accounted for"
        " (hint: name it with keep, rename, rescale, split, merge or remove)"
    ]


def test_a_new_question_left_out_is_named():
    text = MAP.replace("  - add: SK-03\n", "")
    assert map_problems(text) == [
        "mini.map.yaml:4:1: changes: new question 'SK-03' (version 2) is not accounted for"
        " (hint: name it with a change or add)"
    ]


def test_an_unknown_old_id_is_an_error_at_its_line():
    text = MAP.replace("remove: SK-01", "remove: SK-09")
    assert map_problems(text) == [
        "mini.map.yaml:7:5: changes[2].remove: unknown old question 'SK-09' (not in version 1)"
        " (hint: did you mean 'SK-02'? old questions: BR-01, BR-02, SK-01, SK-02)",
        "mini.map.yaml:4:1: changes: old question 'SK-01' (version 1) is not accounted for"
        " (hint: name it with keep, rename, rescale, split, merge or remove)",
    ]


def test_an_old_value_left_unmapped_and_a_value_beyond_the_new_scale_are_reported():
    text = MAP.replace("{0: 0, 1: 0, 2: 1, 3: 1, 4: 2}", "{0: 0, 1: 0, 2: 1, 3: 3}")
    assert map_problems(text) == [
        "mini.map.yaml:5:32: changes[0].rescale.values: old value 4 of BR-01 is not mapped"
        " (hint: map every value 0-4 of BR-01 to a value of BR-01)",
        "mini.map.yaml:5:59: changes[0].rescale.values[3]: 3 is outside BR-01's scale 0-2"
        " (hint: map to a value from 0 to 2)",
    ]


def test_keeping_a_question_whose_scale_shrank_asks_for_values():
    text = MAP.replace(
        "  - rescale: {question: BR-01, values: {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}}", "  - keep: BR-01"
    )
    assert map_problems(text) == [
        "mini.map.yaml:5:5: changes[0].keep: BR-01 has values up to 4 but BR-01 stops at 2"
        " (hint: give `values:` mapping each old value to one on the new scale)"
    ]


def test_a_change_with_two_kinds_is_refused():
    text = MAP.replace("  - keep: SK-02\n", "  - {keep: SK-02, add: SK-02}\n")
    assert map_problems(text) == [
        "mini.map.yaml:8:5: changes[3]: each change needs exactly one of keep, rename, rescale,"
        " split, merge, remove, add; got keep, add"
        " (hint: write one change per list item, e.g. `- keep: BR-01`)"
    ]


def test_a_version_that_does_not_match_the_questionnaire_is_reported():
    text = MAP.replace('to_version: "2"', 'to_version: "3"')
    assert map_problems(text) == [
        "mini.map.yaml:3:1: to_version: to_version is '3' but the new questionnaire is version '2'"
    ]


def test_prefill_through_the_map_says_what_was_carried_mapped_or_needs_a_fresh_answer():
    answers = {
        "BR-01": AnswerEntry(value=3, evidence="https://wiki.example.com/sandbox"),
        "BR-02": AnswerEntry(value=2),
        "SK-01": AnswerEntry(value=1),
        "SK-02": AnswerEntry(not_applicable="no agents run unattended"),
    }
    result = migrate(migration_map(), v1(), v2(), answers)
    assert result.answers == {
        "BR-01": AnswerEntry(value=1, evidence="https://wiki.example.com/sandbox"),
        "BR-12": AnswerEntry(value=2),
        "SK-02": AnswerEntry(not_applicable="no agents run unattended"),
    }
    assert [(f.question, f.fate, f.was, f.now, f.reason) for f in result.fates] == [
        ("BR-01", Fate.MAPPED, ("BR-01 = 3 (Enforced)",), "BR-01 = 1 (Partly)", ""),
        ("BR-12", Fate.MAPPED, ("BR-02 = 2 (Documented)",), "BR-12 = 2 (Documented)", ""),
        ("SK-02", Fate.CARRIED, ("SK-02 = not applicable",), "SK-02 = not applicable", ""),
        ("SK-03", Fate.FRESH, (), "", "new question"),
    ]
    assert (result.count(Fate.CARRIED), result.count(Fate.MAPPED), result.count(Fate.FRESH)) == (
        1,
        2,
        1,
    )


@pytest.mark.parametrize(
    ("combine", "expected"),
    [("min", 1), ("max", 3)],
)
def test_merged_questions_combine_their_mapped_values(combine, expected):
    text = MAP.replace(
        "  - rescale: {question: BR-01, values: {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}}\n"
        "  - rename: {from: BR-02, to: BR-12}\n",
        f"  - merge: {{from: [BR-01, BR-02], into: BR-12, combine: {combine}}}\n  - add: BR-01\n",
    )
    assert map_problems(text) == []
    answers = {"BR-01": AnswerEntry(value=1), "BR-02": AnswerEntry(value=3)}
    result = migrate(migration_map(text), v1(), v2(), answers)
    assert result.answers == {"BR-12": AnswerEntry(value=expected)}
    assert result.fates[1].was == ("BR-01 = 1 (Ad hoc)", "BR-02 = 3 (Enforced)")


def test_a_split_gives_each_new_question_its_own_mapped_value():
    text = MAP.replace(
        "  - rescale: {question: BR-01, values: {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}}\n"
        "  - rename: {from: BR-02, to: BR-12}\n",
        "  - split: {from: BR-02, into: [BR-01, BR-12],"
        " values: {BR-01: {0: 0, 1: 0, 2: 1, 3: 2, 4: 2}}}\n"
        "  - remove: BR-01\n",
    )
    assert map_problems(text) == []
    result = migrate(migration_map(text), v1(), v2(), {"BR-02": AnswerEntry(value=3)})
    assert result.answers == {"BR-01": AnswerEntry(value=2), "BR-12": AnswerEntry(value=3)}


def test_carrying_forward_on_the_same_version_carries_every_answer_and_names_the_gaps():
    result = carry_forward(v1(), v1(), None, {"BR-01": AnswerEntry(value=2)})
    assert [(f.question, f.fate, f.now) for f in result.fates] == [
        ("BR-01", Fate.CARRIED, "BR-01 = 2 (Documented)"),
        ("BR-02", Fate.FRESH, ""),
        ("SK-01", Fate.FRESH, ""),
        ("SK-02", Fate.FRESH, ""),
    ]
    assert result.answers == {"BR-01": AnswerEntry(value=2)}


def test_carrying_forward_without_a_map_carries_nothing_and_says_why():
    result = carry_forward(v1(), v2(), None, {"BR-01": AnswerEntry(value=2)})
    assert result.answers == {}
    assert {f.fate for f in result.fates} == {Fate.FRESH}
    assert result.fates[0].reason == (
        "last time was answered on mini version 1; no migration map leads to mini version 2"
    )


def test_carrying_forward_through_the_map_maps_each_answer():
    steps = [(migration_map(), v1(), v2())]
    result = carry_forward(v1(), v2(), steps, {"BR-01": AnswerEntry(value=4)})
    assert result.answers == {"BR-01": AnswerEntry(value=2)}
    assert result.fates[0].now == "BR-01 = 2 (Fully)"
