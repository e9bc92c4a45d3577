"""Two versions of a small questionnaire and the map between them, for version and map tests.

Version 1 → 2: BR-01 rescaled from 0-4 to 0-2, BR-02 renamed BR-12, SK-01 removed, SK-02 kept,
SK-03 added.
"""

from __future__ import annotations

from assessments.content.catalogue import ChainCatalogue
from assessments.content.loading import parse_catalogue, parse_migration_map, parse_questionnaire
from assessments.content.migration_map import MigrationMap
from assessments.content.questionnaire import Questionnaire

LABELS = ("Absent", "Ad hoc", "Documented", "Enforced", "Verified")
NEW_LABELS = ("None", "Partly", "Fully")


def _question(qid: str, pillar: str, labels: tuple[str, ...], critical: bool = False) -> str:
    scale = "\n".join(
        f"      - {{value: {v}, label: {label}, description: {label} fact.}}"
        for v, label in enumerate(labels)
    )
    return (
        f"  - id: {qid}\n    pillar: {pillar}\n    text: Question {qid}?\n"
        f"    help: Why {qid}.\n    evidence_hint: A link.\n"
        f"    critical: {'true' if critical else 'false'}\n    scale:\n{scale}\n"
    )


def questionnaire_text(version: str, questions: str) -> str:
    """A mini questionnaire of the given version holding the given question blocks."""
    return (
        f'id: mini\nversion: "{version}"\ntitle: Mini\npillars:\n'
        "  - {id: blast_radius, name: Blast radius, description: How far.}\n"
        "  - {id: skill, name: Skill, description: How well.}\n"
        f"questions:\n{questions}"
    )


V1 = questionnaire_text(
    "1",
    _question("BR-01", "blast_radius", LABELS, critical=True)
    + _question("BR-02", "blast_radius", LABELS)
    + _question("SK-01", "skill", LABELS[:3])
    + _question("SK-02", "skill", LABELS[:2]),
)
V2 = questionnaire_text(
    "2",
    _question("BR-01", "blast_radius", NEW_LABELS, critical=True)
    + _question("BR-12", "blast_radius", LABELS)
    + _question("SK-02", "skill", LABELS[:2])
    + _question("SK-03", "skill", LABELS[:3]),
)
MAP = """\
questionnaire: mini
from_version: "1"
to_version: "2"
changes:
  - rescale: {question: BR-01, values: {0: 0, 1: 0, 2: 1, 3: 1, 4: 2}}
  - rename: {from: BR-02, to: BR-12}
  - remove: SK-01
  - keep: SK-02
  - add: SK-03
"""


def catalogue_text(version: str, question: str = "BR-01", minimum: int = 1) -> str:
    """A one-chain catalogue for the mini questionnaire."""
    return f"""\
id: mini-chains
version: "{version}"
title: Mini chains
questionnaire: mini
chains:
  - id: tool-call-approval
    order: 1
    name: Approve each tool call
    gate: A human confirms each command.
    protects: [blast_radius]
    unlock:
      question: {question}
      min: {minimum}
    compensating_controls: [A sandbox per task.]
    risk: low
    toil: high
    reinstate_when: After an escape.
"""


def v1() -> Questionnaire:
    """Version 1, parsed."""
    return parse_questionnaire(V1, "mini-1.yaml")


def v2() -> Questionnaire:
    """Version 2, parsed."""
    return parse_questionnaire(V2, "mini.yaml")


def migration_map(text: str = MAP) -> MigrationMap:
    """The map from 1 to 2, parsed."""
    return parse_migration_map(text, "mini.map.yaml")


def catalogues() -> tuple[ChainCatalogue, ChainCatalogue]:
    """Catalogue version 1 (for questionnaire 1) and 2 (for questionnaire 2)."""
    return (
        parse_catalogue(catalogue_text("1", "BR-01", 3), "chains-1.yaml", v1()),
        parse_catalogue(catalogue_text("2", "BR-01", 2), "chains.yaml", v2()),
    )
