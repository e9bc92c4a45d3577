"""A catalogue's `reinstate_when` may carry a rule: incidents in an area, this bad, this recent."""

from __future__ import annotations

import pytest

from assessments.content.loading import parse_catalogue, parse_questionnaire
from assessments.files.validation import validate_text
from scoring.track_record import ReinstateRule, Severity
from tests.unit.validation_samples import CATALOGUE, QUESTIONNAIRE, known

STRUCTURED = """\
    reinstate_when:
      text: After an escaped defect.
      incident:
        pillars: [blast_radius]
        chains: [merge-review]
        min_severity: high
        within_days: 90"""
PLAIN = "    reinstate_when: After an escaped defect."


def problems_in(text: str) -> list[str]:
    return [str(p) for p in validate_text(text, "file.yaml", **known())]


def test_a_structured_reinstate_when_keeps_its_text_and_gives_a_rule():
    questionnaire = parse_questionnaire(QUESTIONNAIRE, "mini.yaml")
    catalogue = parse_catalogue(CATALOGUE.replace(PLAIN, STRUCTURED), "c.yaml", questionnaire)
    chain = catalogue.chain("merge-review")
    assert chain.reinstate_text == "After an escaped defect."
    assert catalogue.reinstate_rules() == {
        "merge-review": ReinstateRule(
            min_severity=Severity.HIGH,
            within_days=90,
            pillars=frozenset({"blast_radius"}),
            chains=frozenset({"merge-review"}),
        )
    }
    assert catalogue.chain("tool-call-approval").reinstate_rule is None
    assert catalogue.chain("tool-call-approval").reinstate_text == (
        "After an escape from the sandbox."
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        pillars: [blast_radius]",
            "        pillars: [blast_radiuss]",
            "file.yaml:37:19: chains[merge-review].reinstate_when.incident.pillars[0]:"
            " unknown pillar 'blast_radiuss' (hint: did you mean 'blast_radius'?"
            " pillars: blast_radius, skill)",
        ),
        (
            "        chains: [merge-review]",
            "        chains: [merge-reviews]",
            "file.yaml:38:18: chains[merge-review].reinstate_when.incident.chains[0]:"
            " unknown chain 'merge-reviews' (hint: did you mean 'merge-review'? chains:"
            " tool-call-approval, merge-review, irreversible-operations)",
        ),
        (
            "        min_severity: high",
            "        min_severity: severe",
            "file.yaml:39:9: chains[merge-review].reinstate_when.incident.min_severity:"
            " unknown value 'severe' (hint: allowed values: low, medium, high, critical)",
        ),
        (
            "        within_days: 90",
            "        within_days: 0",
            "file.yaml:40:9: chains[merge-review].reinstate_when.incident.within_days:"
            " must be at least 1, got 0",
        ),
    ],
    ids=["unknown pillar", "unknown chain", "unknown severity", "empty window"],
)
def test_a_broken_reinstate_rule_names_line_and_field(old, new, expected):
    text = CATALOGUE.replace(PLAIN, STRUCTURED).replace(old, new)
    assert problems_in(text) == [expected]


def test_a_reinstate_rule_without_pillars_or_chains_is_refused():
    text = CATALOGUE.replace(PLAIN, STRUCTURED).replace(
        "        pillars: [blast_radius]\n        chains: [merge-review]\n", ""
    )
    assert problems_in(text) == [
        "file.yaml:36:7: chains[merge-review].reinstate_when.incident: an incident trigger"
        " needs `pillars` or `chains` (hint: name the area whose incidents put this chain back,"
        " e.g. `pillars: [blast_radius]`)"
    ]
