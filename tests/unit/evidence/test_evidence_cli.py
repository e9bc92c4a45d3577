"""`readiness evidence scan` as a user runs it: facts, verdicts with file and field, next chain."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cli.main import main

REPO = Path(__file__).resolve().parents[3]
GAPPY = "data/examples/evidence/gappy"
GOOD = "data/examples/evidence/well-governed"
TEAM = "data/examples/checkout-web.yaml"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_the_gappy_repository_contradicts_the_team_and_the_next_chain_changes(capsys) -> None:
    assert main(["evidence", "scan", GAPPY, "--answers", TEAM]) == 0
    out = capsys.readouterr().out
    contradicted = [line.strip() for line in out.splitlines() if "contradicted  " in line]
    assert contradicted == [
        "contradicted  BR-01 counted as 1: you answered 3; Cursor runs agent commands with no"
        f" sandbox ({GAPPY}/.cursor/sandbox.json type = 'insecure_none')",
        "contradicted  BR-02 counted as 1: you answered 3; Codex's workspace sandbox lets"
        f" commands reach the network ({GAPPY}/.codex/config.toml"
        " sandbox_workspace_write.network_access)",
        "contradicted  BR-03 counted as 1: you answered 3; Claude Code settings have no deny"
        f" rules ({GAPPY}/.claude/settings.json permissions.deny = 0;"
        " managed-settings.json permissions.deny not found)",
        "contradicted  PA-03 counted as 1: you answered 2; a workflow grants its token write"
        f" access to everything ({GAPPY}/.github/workflows/label.yml:5 permissions)",
        "contradicted  PA-07 counted as 1: you answered 2; workflow tokens (and agents running"
        f" in workflows) may approve pull requests ({GAPPY}/github-json/"
        "actions-permissions-workflow.json can_approve_pull_request_reviews)",
        "contradicted  PA-09 counted as 1: you answered 2; a job run for pull requests reads"
        f" repository secrets ({GAPPY}/.github/workflows/ci.yml:4 jobs.test)",
    ]
    assert "Verdicts for checkout-web 2026-Q4: 2 supported, 6 contradicted, 22 not covered" in out
    assert (
        "Next chain on the answers alone: Approve each agent tool call (tool-call-approval)" in out
    )
    assert (
        "Next chain with the evidence:    none (No chain can be removed yet; the nearest is"
        " Approve each agent tool call: BR-01 is 1, needs 3.)"
    ) in out


def test_the_well_governed_repository_supports_the_same_team(capsys) -> None:
    assert main(["evidence", "scan", GOOD, "--answers", TEAM]) == 0
    out = capsys.readouterr().out
    assert "0 contradicted" in out
    assert re.search(
        r"supported +BR-03 supported: the configuration allows 3 \(5 rules checked\)", out
    )
    assert (
        "Next chain with the evidence:    Approve each agent tool call (tool-call-approval)" in out
    )


def test_json_output_carries_facts_verdicts_bounds_and_both_next_chains(capsys) -> None:
    assert main(["evidence", "scan", GAPPY, "--answers", TEAM, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["bounds"] == {
        "BR-01": 1,
        "BR-02": 1,
        "BR-03": 1,
        "PA-03": 1,
        "PA-07": 1,
        "PA-09": 1,
    }
    assert report["next_chain"] == {"on_answers": "tool-call-approval", "with_evidence": None}
    assert report["problems"] == []
    br03 = next(v for v in report["verdicts"] if v["question"] == "BR-03")
    assert (br03["verdict"], br03["answered"], br03["counted_as"]) == ("contradicted", 3, 1)
    assert br03["rules"][0]["id"] == "br03-no-deny-rules"
    assert br03["rules"][0]["facts"][0] | {"read_at": None} == {
        "name": "claude.project.deny_rules",
        "value": 0,
        "source": f"{GAPPY}/.claude/settings.json",
        "field": "permissions.deny",
        "line": None,
        "read_at": None,
        "how": "file-in-repo",
    }
    assert br03["rules"][0]["not_found"] == ["claude.managed.deny_rules"]


def test_a_broken_file_is_reported_and_the_scan_goes_on(tmp_path: Path, capsys) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / GAPPY, repo)
    (repo / ".codex" / "config.toml").write_text('sandbox_mode = "workspace-write\n')
    assert main(["evidence", "scan", str(repo), "--answers", TEAM]) == 1
    out = capsys.readouterr().out
    assert f"  {repo}/.codex/config.toml:1:32: invalid TOML: Illegal character '\\n'" in out
    assert "BR-02 counted as 1" in out  # Cursor still says the network is open
    assert "Traceback" not in out


def test_facts_alone_without_answers(capsys) -> None:
    assert main(["evidence", "scan", f"{GAPPY}/.cursor/sandbox.json"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2 facts from 1 file, no problems"
    assert "Verdicts" not in out


def test_nothing_to_scan_is_an_error(capsys) -> None:
    assert main(["evidence", "scan"]) == 1
    assert capsys.readouterr().err == (
        "error: give a repository checkout, settings files or --github-json DIR\n"
    )


def test_a_live_github_repository_needs_a_token(monkeypatch, capsys) -> None:
    monkeypatch.delenv("READINESS_GITHUB_TOKEN", raising=False)
    assert main(["evidence", "scan", "--github-repo", "example/web"]) == 1
    assert capsys.readouterr().err == (
        "error: --github-repo needs a token in READINESS_GITHUB_TOKEN\n"
    )
