"""Crafted and broken files through the `readiness` command: a located message, exit 1,
never an internal error, and the database untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from cli.main import main

REPO = Path(__file__).resolve().parents[2]
DEPTH_HINT = "real content nests lists and mappings a few levels deep; is this the right file?"
EXPORT_HINT = 'an export starts with {"format": "autonomy-readiness-export"'
JSON_DEPTH_HINT = "an export nests a few levels deep; is this the right file?"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def nested_all(levels: int) -> str:
    condition = "{pillar: blast_radius, min_level: 1}"
    for _ in range(levels):
        condition = "{all: [" + condition + "]}"
    return condition


def test_a_questionnaire_nested_3000_levels_deep_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "deep.yaml"
    path.write_text("id: x\npillars: " + "[" * 3000 + "]" * 3000 + "\n")

    assert run(capsys, "validate", str(path)) == (
        1,
        f"{path}:2:73: lists and mappings are nested more than 64 levels deep"
        f" (hint: {DEPTH_HINT})\n\n1 file checked, 1 problem\n",
        "",
    )


def test_a_catalogue_with_400_nested_all_conditions_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    catalogue = (REPO / "data" / "catalogues" / "default-chains.yaml").read_text()
    first_unlock = catalogue.index("    unlock:\n")
    end = catalogue.index("    compensating_controls", first_unlock)
    line = catalogue[:first_unlock].count("\n") + 1
    path = tmp_path / "chains.yaml"
    path.write_text(catalogue[:first_unlock] + f"    unlock: {nested_all(400)}\n" + catalogue[end:])

    code, out, err = run(capsys, "validate", str(path))

    # Root, chains, the chain, then two levels per `{all: [`: the key `all` of the 31st
    # is the 65th level.
    column = len("    unlock: ") + 1 + len("{all: [") * 30 + 1
    assert (code, err) == (1, "")
    assert out == (
        f"{path}:{line}:{column}: lists and mappings are nested more than 64 levels deep"
        f" (hint: {DEPTH_HINT})\n\n1 file checked, 1 problem\n"
    )


def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_first_bad_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: café\n".encode("latin-1"))

    assert run(capsys, "validate", str(path)) == (
        1,
        f"{path}:2:11: not UTF-8 text: byte 0xe9 (invalid continuation byte)"
        " (hint: save the file as UTF-8)\n\n1 file checked, 1 problem\n",
        "",
    )


def test_a_blank_not_applicable_reason_is_refused_by_the_answers_validator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    content = load_content()
    path = tmp_path / "answers.yaml"
    path.write_text(
        "team: checkout\nperiod: 2026-Q4\n"
        f"questionnaire: {{id: {content.questionnaire.id},"
        f' version: "{content.questionnaire.version}"}}\n'
        'answers:\n  BR-01: {not_applicable: "   "}\n'
    )

    assert run(capsys, "validate", str(path)) == (
        1,
        f"{path}:5:11: answers.BR-01.not_applicable: not applicable needs a reason"
        " (hint: write why, not only spaces)\n\n1 file checked, 1 problem\n",
        "",
    )


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "huge.yaml"
    path.write_text("id: x\nquestions:\n" + "  - {id: q}\n" * 100_000)

    assert run(capsys, "validate", str(path)) == (
        1,
        f"{path}: the file is 1.1 MB; files here may be at most 1 MB"
        " (hint: check that this is the right file; nothing was read)"
        "\n\n1 file checked, 1 problem\n",
        "",
    )


def test_a_large_file_without_aliases_is_not_blamed_on_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "many.yaml"
    path.write_text("id: x\nquestions: [" + "0," * 100_001 + "]\n")

    assert run(capsys, "validate", str(path)) == (
        1,
        f"{path}: the file holds more than 100000 values (hint: a questionnaire, catalogue or"
        " answers file holds a few thousand; is this the file?)\n\n1 file checked, 1 problem\n",
        "",
    )


@pytest.fixture
def empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReadinessService:
    url = f"sqlite:///{tmp_path / 'target.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade_to_head(engine)
    return ReadinessService(engine, load_content())


def a_valid_export(tmp_path: Path) -> dict[str, Any]:
    engine = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade_to_head(engine)
    source = ReadinessService(engine, load_content())
    source.create_unit("payments", "Payments", actor="t")
    source.create_team("checkout", "Checkout", "payments", actor="t")
    source.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    document = source.export_data(actor="t")
    engine.dispose()
    return document


def assert_still_empty(service: ReadinessService) -> None:
    assert (service.list_units(), service.list_teams(), service.audit_entries()) == ([], [], [])


def test_an_export_nested_100000_arrays_deep_is_refused_at_its_position(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}:1:65: arrays and objects are nested more than 64 levels deep"
        f" (hint: {JSON_DEPTH_HINT})\n",
    )
    assert_still_empty(empty_database)


def test_an_export_with_an_id_of_2_to_the_63_is_refused_with_its_field(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    document = a_valid_export(tmp_path)
    document["units"][0]["id"] = 2**63
    path = tmp_path / "big-id.json"
    path.write_text(json.dumps(document))

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}: units[0].id: must be at most 2147483647, got 9223372036854775808\n",
    )
    assert_still_empty(empty_database)


def test_an_export_that_is_a_list_is_refused_at_line_one(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "list.json"
    path.write_text("\n  [1, 2]")

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}:2:3: expected a JSON object at the top, not a list (hint: {EXPORT_HINT})\n",
    )
    assert_still_empty(empty_database)


def test_an_export_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "latin1.json"
    path.write_bytes('{\n "format": "café"}'.encode("latin-1"))

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}:2:16: not UTF-8 text: byte 0xe9 (invalid continuation byte)"
        " (hint: save the file as UTF-8)\n",
    )
    assert_still_empty(empty_database)


def an_export_breaking_every_rule(tmp_path: Path) -> dict[str, Any]:
    """A well-formed export whose records break the rules the app's own pages enforce."""
    document = a_valid_export(tmp_path)
    document["units"][0]["name"] = "   "
    document["teams"][0]["slug"] = "../x?team=a"
    document["assessments"][0]["team"] = "../x?team=a"
    document["assessments"][0]["answers"] = {"BR-01": {"value": 17}, "XX-99": {"value": 1}}
    document["assessments"][0]["chains"] = {"no-such-chain": True}
    second = {**document["assessments"][0], "id": 2, "revision": 2, "answers": {}, "chains": {}}
    second["questionnaire_version"] = "1999.9"
    document["assessments"].append(second)
    return document


def test_an_export_is_held_to_the_rules_of_the_pages_it_stands_in_for(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "lenient.json"
    path.write_text(json.dumps(an_export_breaking_every_rule(tmp_path)))
    content = load_content()

    code, out, err = run(capsys, "import", str(path))

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}: units[0].name: unit name is empty (hint: fill in the unit name on this line)",
        f"{path}: teams[0].slug: '../x?team=a' is not a valid slug (hint: use lowercase"
        " letters, digits and dashes, e.g. 'payments-core')",
        f"{path}: assessments[0].answers.BR-01: BR-01 cannot be 17: its scale goes from 0 to 4",
        f"{path}: assessments[0].answers.XX-99: unknown question 'XX-99': questionnaire"
        f" {content.questionnaire.id} version {content.questionnaire.version} has no such"
        " question",
        f"{path}: assessments[0].chains.no-such-chain: unknown approval chain 'no-such-chain':"
        f" catalogue {content.catalogue.id} version {content.catalogue.version} has no such"
        " chain",
        f"{path}: assessments[1].questionnaire_version: answered on questionnaire"
        f" {content.questionnaire.id} version 1999.9, which is neither stored here nor carried"
        " by this export, so it could not be scored as answered (hint: put questionnaire"
        f" {content.questionnaire.id} version 1999.9 in force once (then switch back), or"
        " export again from a database that holds it)",
    ]
    assert_still_empty(empty_database)


def test_a_blank_not_applicable_reason_in_an_export_is_refused(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    document = a_valid_export(tmp_path)
    document["assessments"][0]["answers"] = {"BR-01": {"not_applicable": "  "}}
    path = tmp_path / "blank.json"
    path.write_text(json.dumps(document))

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}: assessments[0].answers.BR-01.not_applicable: not applicable needs a reason"
        " (hint: write why, not only spaces)\n",
    )
    assert_still_empty(empty_database)


def test_an_export_submitted_with_a_question_unanswered_is_refused_in_plain_words(
    tmp_path: Path, empty_database: ReadinessService, capsys: pytest.CaptureFixture[str]
):
    document = a_valid_export(tmp_path)
    questions = [q.id for q in load_content().questionnaire.questions]
    document["assessments"][0] |= {
        "status": "submitted",
        "submitted_by": "ana@example.com",
        "submitted_at": "2026-11-02T09:00:00+00:00",
    }
    document["assessments"][0]["answers"] = {q: {"value": 0} for q in questions[1:]}
    path = tmp_path / "gap.json"
    path.write_text(json.dumps(document))

    assert run(capsys, "import", str(path)) == (
        1,
        "",
        f"{path}: assessments[0].status: submitted with 1 question unanswered: {questions[0]}\n",
    )
    assert_still_empty(empty_database)
