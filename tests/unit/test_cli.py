"""The `readiness` command, run in-process as a user would type it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assessments.settings import DEFAULT_DATA_DIR as DATA_DIR
from cli import validate as validate_command
from cli.main import main
from tests.unit.validation_samples import ANSWERS, CATALOGUE, QUESTIONNAIRE

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = sorted((DATA_DIR / "examples").glob("*.yaml"))[0]
REPORT_KEYS = {
    "team",
    "period",
    "questionnaire",
    "pillars",
    "overall_level",
    "weakest_pillar",
    "autonomy",
    "autonomy_ceiling",
    "departures",
    "confidence",
    "next_chain",
    "no_next_reason",
    "alternatives",
    "blocked",
    "unlock_paths",
    "alerts",
    "chains",
}


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small questionnaire and catalogue; answers files are written per test."""
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE)
    (tmp_path / "c.yaml").write_text(CATALOGUE)
    return tmp_path


def score_mini(folder: Path, answers: str, *options: str) -> int:
    path = folder / "answers.yaml"
    path.write_text(answers)
    args = ["score", str(path), "--questionnaire", str(folder / "q.yaml")]
    return main([*args, "--catalogue", str(folder / "c.yaml"), *options])


def yaml_files_in(folder: Path) -> int:
    # Like the validator, skip hidden folders (the evidence samples' .github/workflows/*.yml).
    return sum(
        1
        for p in folder.rglob("*")
        if p.suffix in {".yaml", ".yml"}
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def test_validate_data_reports_no_problems(monkeypatch, capsys):
    monkeypatch.chdir(REPO)

    assert main(["validate", "data"]) == 0

    assert capsys.readouterr().out == f"{yaml_files_in(DATA_DIR)} files checked, no problems\n"


def test_validate_without_paths_checks_the_data_folder(monkeypatch, capsys):
    monkeypatch.chdir(REPO)

    assert main(["validate"]) == 0

    assert capsys.readouterr().out == f"{yaml_files_in(DATA_DIR)} files checked, no problems\n"


def test_validate_broken_file_prints_file_line_field_and_hint(tmp_path, capsys):
    broken = tmp_path / "chains.yaml"
    broken.write_text(CATALOGUE.replace("    risk: low", "    risk: lo"))

    assert main(["validate", str(broken)]) == 1

    assert capsys.readouterr().out == textwrap.dedent(
        f"""\
        {broken}:18:5: chains[tool-call-approval].risk: unknown value 'lo' (hint: did you mean 'low'? allowed values: low, medium, high)

        1 file checked, 1 problem
        """  # noqa: E501
    )


def test_validate_groups_problems_by_file_with_a_blank_line_between(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("id: [\n")
    (tmp_path / "b.yaml").write_text("units: []\n")

    assert main(["validate", str(tmp_path)]) == 1

    out = capsys.readouterr().out
    assert out.splitlines()[1:] == [
        "",
        f"{tmp_path / 'b.yaml'}:1:1: not a questionnaire, catalogue or answers file (hint: a"
        " questionnaire starts with `id:` and has `pillars:` and `questions:`; a catalogue has"
        " `chains:`; an answers file has `team:`, `period:` and `answers:`)",
        "",
        "2 files checked, 2 problems",
    ]
    assert out.startswith(f"{tmp_path / 'a.yaml'}:2:1: while parsing a flow node,")


def test_validate_missing_path_is_a_problem_not_a_traceback(tmp_path, capsys):
    missing = tmp_path / "nowhere"

    assert main(["validate", str(missing)]) == 1

    captured = capsys.readouterr()
    assert captured.out == (
        f"{missing}: no such file or folder (hint: check the path)\n\n0 files checked, 1 problem\n"
    )
    assert captured.err == ""


def test_unexpected_failure_is_an_internal_error_with_exit_code_2(monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(validate_command, "validate_paths", explode)

    assert main(["validate", "data"]) == 2

    assert capsys.readouterr().err == "internal error: RuntimeError: disk on fire\n"


def test_score_example_as_json_prints_one_object_with_every_report_key(capsys):
    assert main(["score", str(EXAMPLE), "--format", "json"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert set(report) == REPORT_KEYS
    assert report["questionnaire"]["id"] == "autonomy-readiness"
    assert {p["id"] for p in report["pillars"]} == {
        "blast_radius",
        "production_access",
        "orchestrator_skill",
    }


def test_score_json_gives_exact_levels_next_chain_and_compensating_controls(mini, capsys):
    assert score_mini(mini, ANSWERS, "--format", "json") == 0

    report = json.loads(capsys.readouterr().out)
    assert report == {
        "team": "payments",
        "period": "2026-Q4",
        "questionnaire": {"id": "mini", "version": "1"},
        "pillars": [
            {
                "id": "blast_radius",
                "name": "Blast radius",
                "score": 100.0,
                "level": 4,
                "capped_by": [],
                "explanation": "score 100.0 reaches level 4",
            },
            {
                "id": "skill",
                "name": "Skill",
                "score": 100.0,
                "level": 4,
                "capped_by": [],
                "explanation": "score 100.0 reaches level 4",
            },
        ],
        "overall_level": 4,
        "weakest_pillar": "blast_radius",
        "autonomy": "L5 Observer",
        "autonomy_ceiling": None,
        "departures": [],
        "confidence": {"value": 0.75, "band": "medium"},
        "next_chain": {
            "id": "merge-review",
            "name": "Review before merge",
            "reason": "The only eligible chain (risk medium); saves high toil."
            " Conditions met: chain 'Approve each tool call' is removed.",
            "compensating_controls": ["Required tests."],
            "provisional": False,
        },
        "no_next_reason": None,
        "alternatives": [],
        "blocked": [],
        "unlock_paths": [],
        "alerts": [],
        "chains": [
            {"id": "tool-call-approval", "name": "Approve each tool call", "status": "removed"},
            {"id": "merge-review", "name": "Review before merge", "status": "next"},
            {
                "id": "irreversible-operations",
                "name": "Approve irreversible operations",
                "status": "permanent",
            },
        ],
    }


def test_score_json_lists_chain_removed_too_early_with_its_gaps_and_no_next_chain(mini, capsys):
    answers = ANSWERS.replace("value: 1", "value: 0").replace(
        "removed_chains: [tool-call-approval]", "removed_chains: [merge-review]"
    )

    assert score_mini(mini, answers, "--format", "json") == 0

    report = json.loads(capsys.readouterr().out)
    assert report["next_chain"] is None
    assert report["no_next_reason"] == (
        "Resolve 1 removed-too-early alert first: reinstate the chain or close its gaps."
    )
    assert report["alternatives"] == ["tool-call-approval"]
    assert report["alerts"] == [
        {
            "id": "merge-review",
            "name": "Review before merge",
            "gaps": [
                {
                    "kind": "any_of",
                    "subject": "",
                    "current": None,
                    "required": None,
                    "text": "one of: (chain 'Approve each tool call' is still in place)"
                    " or (SK-01 is 0, needs 1)",
                    "options": [
                        {
                            "kind": "chain_removed",
                            "subject": "tool-call-approval",
                            "current": 0,
                            "required": 1,
                            "text": "chain 'Approve each tool call' is still in place",
                            "options": [],
                        },
                        {
                            "kind": "answer",
                            "subject": "SK-01",
                            "current": 0,
                            "required": 1,
                            "text": "SK-01 is 0, needs 1",
                            "options": [],
                        },
                    ],
                }
            ],
        }
    ]


def test_score_text_shows_levels_next_chain_blocked_gaps_and_nearest_unlock(mini, capsys):
    answers = ANSWERS.replace("BR-01: 2", "BR-01: 1").replace(
        "removed_chains: [tool-call-approval]", "removed_chains: []"
    )

    assert score_mini(mini, answers) == 0

    assert capsys.readouterr().out == textwrap.dedent(
        """\
        payments — 2026-Q4
        Questionnaire mini 1, catalogue mini-chains 1

        Readiness
          Blast radius   50.0  level 2  (score 50.0 reaches level 2)
          Skill         100.0  level 4  (score 100.0 reaches level 4)
          Overall level 2; weakest pillar: Blast radius
          Allowed autonomy: L3 Consultant
          Confidence: 0.75 (medium); 1 without evidence

        Next chain to remove: Review before merge (merge-review)
          Why: The only eligible chain (risk medium); saves high toil. Conditions met: SK-01 is 1 ≥ 1.
          Keep running in its place:
            - Required tests.
          Alternatives: none

        Blocked chains
          Approve each tool call (tool-call-approval)
            - BR-01 is 1, needs 2

        Nearest unlocks
          Approve each tool call (tool-call-approval): 1 step
            - BR-01: 1 → 2 — Where do agents run?
        """  # noqa: E501
    )


def test_score_text_says_reinstate_for_a_chain_removed_too_early(mini, capsys):
    answers = ANSWERS.replace("value: 1", "value: 0").replace(
        "removed_chains: [tool-call-approval]", "removed_chains: [merge-review]"
    )

    assert score_mini(mini, answers) == 0

    out = capsys.readouterr().out
    assert out.split("\n\n")[-2:] == [
        "No chain to remove now\n"
        "  Resolve 1 removed-too-early alert first: reinstate the chain or close its gaps.\n"
        "  Eligible once resolved: Approve each tool call",
        "Removed too early\n"
        "  Review before merge (merge-review): reinstate, or close these gaps:\n"
        "    - one of: (chain 'Approve each tool call' is still in place)"
        " or (SK-01 is 0, needs 1)\n",
    ]


def test_score_bad_answers_file_prints_every_problem_and_scores_nothing(mini, capsys):
    answers = ANSWERS.replace("BR-01: 2", "BR-01: 5").replace("period: 2026-Q4", "period: Q4")

    assert score_mini(mini, answers) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == textwrap.dedent(
        f"""\
        {mini / "answers.yaml"}:2:1: period: 'Q4' is not a valid period (hint: write the year and the quarter, e.g. 2026-Q4)
        1 problem; nothing was scored
        """  # noqa: E501
    )


def test_score_answers_off_the_scale_name_the_question_and_its_top(mini, capsys):
    assert score_mini(mini, ANSWERS.replace("BR-01: 2", "BR-01: 5")) == 1

    assert capsys.readouterr().err == (
        f"{mini / 'answers.yaml'}:5:3: answers.BR-01: BR-01 is 5, but its scale goes up to 2"
        " (hint: answer a value from 0 to 2)\n1 problem; nothing was scored\n"
    )


def test_score_missing_answers_file_is_a_problem(tmp_path, capsys):
    missing = tmp_path / "nowhere.yaml"

    assert main(["score", str(missing)]) == 1

    assert capsys.readouterr().err == (
        f"{missing}: no such file (hint: check the path)\n1 problem; nothing was scored\n"
    )


def test_installed_console_script_validates_the_data_folder():
    script = Path(sys.executable).parent / "readiness"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli.main"]

    completed = subprocess.run(
        [*command, "validate", "data"], cwd=REPO, capture_output=True, text=True, check=False
    )

    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout.endswith("files checked, no problems\n")
