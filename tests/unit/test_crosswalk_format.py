"""References and departures in the content format: known standards only, ids in their shape,
and content that leaves them out stored and hashed exactly as before they existed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.loading import load_catalogue, load_questionnaire, parse_catalogue
from assessments.content.versions import canonical_body, content_hash
from assessments.errors import ContentError

DATA = Path(__file__).resolve().parents[2] / "data"
QUESTIONNAIRE = DATA / "questionnaires" / "autonomy-readiness.yaml"
CATALOGUE = DATA / "catalogues" / "default-chains.yaml"
PREVIOUS_Q = DATA / "questionnaires" / "previous" / "autonomy-readiness-2026.1.yaml"
PREVIOUS_C = DATA / "catalogues" / "previous" / "default-chains-2026.1.yaml"

CHAIN = """\
id: c
version: "1"
title: T
questionnaire: autonomy-readiness
chains:
  - id: tool-call-approval
    order: 1
    name: N
    gate: G
    protects: [blast_radius]
    unlock: {question: BR-01, min: 3}
    compensating_controls: [C]
    risk: low
    toil: high
    reinstate_when: After an incident.
"""


def problems_of(extra: str) -> list[tuple[str, str, str]]:
    with pytest.raises(ContentError) as error:
        parse_catalogue(CHAIN + extra, "c.yaml", load_questionnaire(QUESTIONNAIRE))
    return [(p.field, p.message, p.hint) for p in error.value.problems]


def test_an_unknown_standard_key_is_refused_with_the_known_keys_as_hint() -> None:
    [(field, message, hint)] = problems_of("    references: {owasp_llm: [LLM06]}\n")
    assert field == "chains[tool-call-approval].references.owasp_llm"
    assert message == "unknown field 'owasp_llm'"
    assert "owasp_asi" in hint and "csa_aicm" in hint and "aiuc_1" in hint


def test_an_id_outside_a_standards_range_is_refused() -> None:
    [(field, message, _)] = problems_of("    references: {owasp_asi: [ASI11]}\n")
    assert field == "chains[tool-call-approval].references.owasp_asi[0]"
    assert "ASI" in message


def test_a_departure_from_an_unknown_standard_is_refused_with_the_standards_listed() -> None:
    [(field, message, hint)] = problems_of(
        "    departs_from: [{standard: nist_rmf, note: Knowingly.}]\n"
    )
    assert field == "chains[tool-call-approval].departs_from[0].standard"
    assert message == "unknown value 'nist_rmf'"
    assert "owasp_aisvs" in hint


def test_references_and_departures_load_and_are_kept_in_order() -> None:
    catalogue = load_catalogue(CATALOGUE, load_questionnaire(QUESTIONNAIRE))
    merge = catalogue.chain("merge-review")
    assert merge.references is not None
    assert merge.references.by_standard() == {
        "owasp_asi": ("ASI09",),
        "owasp_aisvs": ("C14",),
        "aws_agentic_lens": ("AGENTSEC07",),
    }
    assert [d.standard for d in merge.departs_from] == ["owasp_aisvs"]


def test_content_without_the_new_fields_keeps_the_hash_it_was_stored_with() -> None:
    # Hashes of the 2026.1 files as the format before references stored them.
    questionnaire = load_questionnaire(PREVIOUS_Q)
    catalogue = load_catalogue(PREVIOUS_C, questionnaire)
    assert content_hash(questionnaire) == (
        "93554ae15e7df562cb04165f49bfe544fea1b287b50624fc2ac43806ac901b5b"
    )
    chains = canonical_body(catalogue)["chains"]
    assert not {"references", "departs_from", "caps_autonomy_at"} & {k for c in chains for k in c}
