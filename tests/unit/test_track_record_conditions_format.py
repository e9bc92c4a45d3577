"""Track-record unlock conditions in a catalogue: parsed, translated, cross-checked."""

from __future__ import annotations

import pytest

from assessments.content.loading import parse_catalogue, parse_questionnaire
from assessments.files.validation import validate_text
from scoring import model as m
from scoring.track_record import Severity
from tests.unit.validation_samples import CATALOGUE, QUESTIONNAIRE, known

UNLOCK = """\
    unlock:
      any:
        - chain_removed: tool-call-approval
        - question: SK-01
          min: 1"""
TRACK_RECORD = """\
    unlock:
      all:
        - removed_for: {chain: tool-call-approval, days: 28}
        - no_incident: {pillars: [blast_radius], min_severity: high, days: 90}"""


def problems_in(text: str) -> list[str]:
    return [str(p) for p in validate_text(text, "file.yaml", **known())]


def test_track_record_conditions_become_scoring_conditions():
    questionnaire = parse_questionnaire(QUESTIONNAIRE, "mini.yaml")
    catalogue = parse_catalogue(CATALOGUE.replace(UNLOCK, TRACK_RECORD), "c.yaml", questionnaire)
    assert catalogue.to_scoring().chain("merge-review").unlock == m.AllOf(
        (
            m.RemovedFor("tool-call-approval", 28),
            m.NoIncident(("blast_radius",), Severity.HIGH, 90),
        )
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "chain: tool-call-approval, days: 28",
            "chain: tool-call-aproval, days: 28",
            "file.yaml:28:25: chains[merge-review].unlock.all[0].removed_for.chain: unknown chain"
            " 'tool-call-aproval' (hint: did you mean 'tool-call-approval'? chains:"
            " tool-call-approval, merge-review, irreversible-operations)",
        ),
        (
            "chain: tool-call-approval, days: 28",
            "chain: merge-review, days: 28",
            "file.yaml:28:25: chains[merge-review].unlock.all[0].removed_for.chain: chain"
            " 'merge-review' waits on its own removal, so it can never be removed"
            " (hint: remove this condition)",
        ),
        (
            "chain: tool-call-approval, days: 28",
            "chain: irreversible-operations, days: 28",
            "file.yaml:28:25: chains[merge-review].unlock.all[0].removed_for.chain: chain"
            " 'irreversible-operations' is permanent and never removed, so this condition never"
            " holds (hint: remove this condition, or make 'irreversible-operations' removable)",
        ),
        (
            "pillars: [blast_radius]",
            "pillars: [blast]",
            "file.yaml:29:35: chains[merge-review].unlock.all[1].no_incident.pillars[0]: unknown"
            " pillar 'blast' (hint: pillars: blast_radius, skill)",
        ),
    ],
    ids=["unknown chain", "own chain", "permanent chain", "unknown pillar"],
)
def test_a_track_record_condition_naming_what_does_not_exist_is_refused(old, new, expected):
    assert problems_in(CATALOGUE.replace(UNLOCK, TRACK_RECORD).replace(old, new)) == [expected]


def test_waiting_a_time_on_each_others_removal_is_a_cycle():
    text = CATALOGUE.replace(UNLOCK, TRACK_RECORD).replace(
        "      all:\n        - question: BR-01\n          min: 2",
        "      all:\n        - removed_for: {chain: merge-review, days: 7}",
    )
    assert any(
        "chains wait on each other's removal: tool-call-approval → merge-review →"
        " tool-call-approval" in p
        for p in problems_in(text)
    )


def test_an_answers_file_carries_its_track_record_and_dates_only_removed_chains():
    from datetime import date

    from assessments.content.loading import parse_answer_sheet
    from tests.unit.validation_samples import ANSWERS

    text = ANSWERS + "removed_since:\n  tool-call-approval: 2026-10-01\n"
    questionnaire = parse_questionnaire(QUESTIONNAIRE, "mini.yaml")
    catalogue = parse_catalogue(CATALOGUE, "c.yaml", questionnaire)
    scoring = parse_answer_sheet(text, "a.yaml", questionnaire, catalogue).to_scoring()
    assert (scoring.as_of, scoring.removed_since) == (
        date(2026, 12, 31),
        {"tool-call-approval": date(2026, 10, 1)},
    )
    wrong = ANSWERS + "removed_since:\n  merge-review: 2026-10-01\n"
    assert problems_in(wrong) == [
        "file.yaml:11:3: removed_since.merge-review: chain 'merge-review' has a removal date"
        " but is not in removed_chains (hint: list it under removed_chains, or drop its date)"
    ]
