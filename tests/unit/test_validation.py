"""The validator finds what a schema cannot: unknown ids, cycles and conditions that never hold."""

from __future__ import annotations

import pytest

from assessments.content.questionnaire import Questionnaire
from assessments.content.yaml_source import read_yaml
from assessments.files.validation import validate_text
from tests.unit.validation_samples import ANSWERS, CATALOGUE, QUESTIONNAIRE, known


def problems_in(text: str, **references) -> list[str]:
    return [str(problem) for problem in validate_text(text, "file.yaml", **references)]


def test_valid_questionnaire_catalogue_and_answers_have_no_problems():
    assert problems_in(QUESTIONNAIRE) == []
    assert problems_in(CATALOGUE, **known()) == []
    assert problems_in(ANSWERS, **known()) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - id: SK-01",
            "  - id: BR-01",
            [
                "file.yaml:18:5: questions[BR-01].id: duplicate question id 'BR-01'"
                " (first on line 8) (hint: give each question its own id)",
            ],
        ),
        (
            "    pillar: skill",
            "    pillar: skil",
            [
                "file.yaml:6:5: pillars[skill]: pillar 'skill' has no questions, so its level"
                " can never rise above 0"
                " (hint: add questions with `pillar: skill`, or remove the pillar)",
                "file.yaml:19:5: questions[SK-01].pillar: unknown pillar 'skil'"
                " (hint: did you mean 'skill'? pillars: blast_radius, skill)",
            ],
        ),
    ],
    ids=["duplicate question id", "question on unknown pillar"],
)
def test_questionnaire_cross_reference_problems(old, new, expected):
    assert problems_in(QUESTIONNAIRE.replace(old, new)) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        - question: BR-01\n          min: 2",
            "        - question: BR-09\n          min: 2",
            "file.yaml:13:11: chains[tool-call-approval].unlock.all[0].question:"
            " unknown question 'BR-09' (hint: did you mean 'BR-01'? question ids: BR-01, SK-01)",
        ),
        (
            "        - chain_removed: tool-call-approval",
            "        - chain_removed: tool-call-aproval",
            "file.yaml:28:11: chains[merge-review].unlock.any[0].chain_removed: unknown chain"
            " 'tool-call-aproval' (hint: did you mean 'tool-call-approval'? chains:"
            " tool-call-approval, merge-review, irreversible-operations)",
        ),
        (
            "        - pillar: blast_radius\n",
            "        - pillar: blast-radius\n",
            "file.yaml:15:11: chains[tool-call-approval].unlock.all[1].pillar: unknown pillar"
            " 'blast-radius' (hint: did you mean 'blast_radius'? pillars: blast_radius, skill)",
        ),
        (
            "          min: 2",
            "          min: 3",
            "file.yaml:14:11: chains[tool-call-approval].unlock.all[0].min: min 3 is above the top"
            " of BR-01's scale (2); no answer could ever meet it (hint: use a value from 0 to 2)",
        ),
        (
            "          min_level: 2",
            "          min_level: 5",
            "file.yaml:16:11: chains[tool-call-approval].unlock.all[1].min_level: min_level 5 is"
            " above the highest readiness level 4; no answer could ever meet it"
            " (hint: use a level from 0 to 4)",
        ),
        (
            "      any:\n        - chain_removed: tool-call-approval\n"
            "        - question: SK-01\n          min: 1\n",
            "      any: []\n",
            "file.yaml:27:7: chains[merge-review].unlock.any: `any: []` has no options, so it never"
            " holds (hint: list at least one condition, or remove it)",
        ),
        (
            "        - chain_removed: tool-call-approval",
            "        - chain_removed: irreversible-operations",
            "file.yaml:28:11: chains[merge-review].unlock.any[0].chain_removed: chain"
            " 'irreversible-operations' is permanent and never removed, so this condition never"
            " holds (hint: remove this condition, or make 'irreversible-operations' removable)",
        ),
        (
            "        - chain_removed: tool-call-approval",
            "        - chain_removed: merge-review",
            "file.yaml:28:11: chains[merge-review].unlock.any[0].chain_removed: chain"
            " 'merge-review' waits on its own removal, so it can never be removed"
            " (hint: remove this condition)",
        ),
        (
            "    protects: [blast_radius, skill]",
            "    protects: [blast_radius, skills]",
            "file.yaml:25:30: chains[merge-review].protects[1]: unknown pillar 'skills'"
            " (hint: did you mean 'skill'? pillars: blast_radius, skill)",
        ),
        (
            "    order: 2",
            "    order: 1",
            "file.yaml:22:5: chains[merge-review].order: order 1 is also used by chain"
            " 'tool-call-approval' (hint: give each chain its own place in the removal order)",
        ),
        (
            "  - id: irreversible-operations",
            "  - id: merge-review",
            "file.yaml:35:5: chains[merge-review].id: duplicate chain id 'merge-review'"
            " (first on line 21) (hint: give each chain its own id)",
        ),
        (
            "questionnaire: mini",
            "questionnaire: minu",
            "file.yaml:4:1: questionnaire: questionnaire 'minu' not found"
            " (hint: did you mean 'mini'? known questionnaires: mini)",
        ),
    ],
    ids=[
        "unknown question",
        "unknown chain",
        "unknown pillar",
        "min above scale",
        "min_level above 4",
        "empty any",
        "requires permanent chain",
        "requires itself",
        "protects unknown pillar",
        "duplicate order",
        "duplicate chain id",
        "unknown questionnaire",
    ],
)
def test_catalogue_cross_reference_problem_is_reported_exactly(old, new, expected):
    text = CATALOGUE.replace(old, new)
    assert text != CATALOGUE
    assert problems_in(text, **known()) == [expected]


def test_chains_waiting_on_each_other_are_named_as_a_cycle():
    text = CATALOGUE.replace(
        "        - question: BR-01\n          min: 2\n",
        "        - chain_removed: merge-review\n",
    )
    assert problems_in(text, **known()) == [
        "file.yaml:11:5: chains[tool-call-approval].unlock: chains wait on each other's removal:"
        " tool-call-approval → merge-review → tool-call-approval; none of them can ever be removed"
        " (hint: remove one of the `chain_removed` conditions in this cycle)"
    ]


def test_condition_on_a_pillar_without_questions_can_never_be_met():
    questionnaire = QUESTIONNAIRE.replace(
        "  - {id: skill,",
        "  - {id: empty, name: Empty, description: Nothing yet.}\n  - {id: skill,",
    )
    references = {"known_questionnaires": [parse_questionnaire_lenient(questionnaire)]}
    text = CATALOGUE.replace("        - pillar: blast_radius\n", "        - pillar: empty\n")
    assert problems_in(text, **references) == [
        "file.yaml:15:11: chains[tool-call-approval].unlock.all[1].pillar: pillar 'empty' has no"
        " questions, so its level stays 0; no answer could ever meet min_level 2"
        " (hint: add questions to pillar 'empty', or lower min_level to 0)"
    ]


def parse_questionnaire_lenient(text: str) -> Questionnaire:
    # The questionnaire itself has a problem (a pillar without questions); only its model is needed.
    return Questionnaire.model_validate(read_yaml(text, "q.yaml").data)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  BR-01: 2",
            "  BR-01: 2\n  BR-11: 1",
            "file.yaml:6:3: answers.BR-11: unknown question 'BR-11'"
            " (hint: did you mean 'BR-01'? question ids: BR-01, SK-01)",
        ),
        (
            "  BR-01: 2",
            "  BR-01: 3",
            "file.yaml:5:3: answers.BR-01: BR-01 is 3, but its scale goes up to 2"
            " (hint: answer a value from 0 to 2)",
        ),
        (
            "  BR-01: 2",
            "  BR-01: {not_applicable: we have no agents}",
            "file.yaml:5:3: answers.BR-01: BR-01 cannot be not applicable"
            " (hint: answer a value from 0 to 2, or `dont_know`)",
        ),
        (
            "removed_chains: [tool-call-approval]",
            "removed_chains: [tool-call-approval, merge-reveiw]",
            "file.yaml:9:38: removed_chains[1]: unknown chain 'merge-reveiw' (hint: did you mean"
            " 'merge-review'? chains: tool-call-approval, merge-review, irreversible-operations)",
        ),
        (
            'questionnaire: {id: mini, version: "1"}',
            'questionnaire: {id: mini, version: "0.9"}',
            "file.yaml:3:27: questionnaire.version: the answers are for version '0.9' of"
            " questionnaire 'mini', but the questionnaire loaded is version '1' (hint: answer the"
            " loaded version, or check the answers with their own questionnaire file)",
        ),
    ],
    ids=[
        "unknown question",
        "value above scale",
        "not applicable not allowed",
        "unknown chain",
        "version",
    ],
)
def test_answers_problem_is_reported_exactly(old, new, expected):
    assert problems_in(ANSWERS.replace(old, new), **known()) == [expected]


def test_every_problem_in_a_file_is_reported_at_once():
    text = (
        CATALOGUE.replace("          min: 2", "          min: 3")
        .replace("          min_level: 2", "          min_level: 5")
        .replace("- chain_removed: tool-call-approval", "- chain_removed: merge-review")
    )
    assert [p.field for p in validate_text(text, "file.yaml", **known())] == [
        "chains[tool-call-approval].unlock.all[0].min",
        "chains[tool-call-approval].unlock.all[1].min_level",
        "chains[merge-review].unlock.any[0].chain_removed",
    ]
