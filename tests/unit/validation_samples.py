"""Small valid questionnaire, catalogue and answers files the validator tests start from."""

from typing import TypedDict

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import parse_catalogue, parse_questionnaire
from assessments.content.questionnaire import Questionnaire

QUESTIONNAIRE = """\
id: mini
version: "1"
title: Mini
pillars:
  - {id: blast_radius, name: Blast radius, description: How far a mistake reaches.}
  - {id: skill, name: Skill, description: How well people direct agents.}
questions:
  - id: BR-01
    pillar: blast_radius
    text: Where do agents run?
    help: Laptops reach everything.
    evidence_hint: The sandbox config.
    allow_not_applicable: false
    scale:
      - {value: 0, label: Absent, description: Laptops.}
      - {value: 1, label: Documented, description: A written standard.}
      - {value: 2, label: Enforced, description: A fresh VM per task.}
  - id: SK-01
    pillar: skill
    text: Are tasks specified?
    help: Vague tasks go wrong.
    evidence_hint: The task template.
    scale:
      - {value: 0, label: Absent, description: Open prompts.}
      - {value: 1, label: Enforced, description: A template with tests.}
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
          min: 2
        - pillar: blast_radius
          min_level: 2
    compensating_controls: [A sandbox per task.]
    risk: low
    toil: high
    reinstate_when: After an escape from the sandbox.
  - id: merge-review
    order: 2
    name: Review before merge
    gate: A human reviews each agent change.
    protects: [blast_radius, skill]
    unlock:
      any:
        - chain_removed: tool-call-approval
        - question: SK-01
          min: 1
    compensating_controls: [Required tests.]
    risk: medium
    toil: high
    reinstate_when: After an escaped defect.
  - id: irreversible-operations
    order: 3
    name: Approve irreversible operations
    gate: A human approves deleting data.
    protects: [blast_radius]
    permanent: true
    risk: high
    toil: low
    reinstate_when: Never removed.
"""

ANSWERS = """\
team: payments
period: 2026-Q4
questionnaire: {id: mini, version: "1"}
answers:
  BR-01: 2
  SK-01:
    value: 1
    evidence: https://wiki.example.com/template
removed_chains: [tool-call-approval]
"""


class Known(TypedDict):
    """The references a questionnaire-dependent file is checked against."""

    known_questionnaires: list[Questionnaire]
    known_catalogues: list[ChainCatalogue]


def known() -> Known:
    """The sample questionnaire and catalogue, as references for other files."""
    questionnaire = parse_questionnaire(QUESTIONNAIRE, "mini.yaml")
    catalogue = parse_catalogue(CATALOGUE, "chains.yaml", questionnaire)
    return {"known_questionnaires": [questionnaire], "known_catalogues": [catalogue]}
