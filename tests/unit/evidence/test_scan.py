"""Scanning checkouts and files: what is found where, and a broken file never stops the rest."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from assessments.evidence.scan import scan_paths

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples" / "evidence"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def families(facts: object) -> Counter[str]:
    return Counter(f.name.split(".")[0] for f in facts)  # type: ignore[attr-defined]


def test_the_well_governed_sample_yields_facts_from_every_source() -> None:
    scan = scan_paths([SAMPLES / "well-governed"], NOW)
    assert scan.problems == ()
    assert families(scan.facts) == {
        "claude": 18,
        "codex": 7,
        "cursor": 2,
        "actions": 10,
        "codeowners": 2,
        "github": 12,
    }


def test_the_gappy_sample_shows_its_gaps() -> None:
    scan = scan_paths([SAMPLES / "gappy"], NOW)
    assert scan.problems == ()
    found = {
        (f.name, f.where) for f in scan.facts if f.value is True and f.name.startswith("actions.")
    }
    root = (SAMPLES / "gappy").as_posix()
    assert found == {
        (
            "actions.workflow.permissions_missing",
            f"{root}/.github/workflows/ci.yml:4 jobs.test.permissions",
        ),
        ("actions.workflow.secrets_in_pr_jobs", f"{root}/.github/workflows/ci.yml:4 jobs.test"),
        ("actions.workflow.write_all", f"{root}/.github/workflows/label.yml:5 permissions"),
        (
            "actions.workflow.pr_target_head_checkout",
            f"{root}/.github/workflows/label.yml:12 jobs.label.steps[0].with.ref",
        ),
        (
            "actions.workflow.deploy_without_environment",
            f"{root}/.github/workflows/release.yml:8 jobs.deploy-production.environment",
        ),
    }


def test_a_malformed_file_is_reported_and_the_other_files_are_still_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLES / "gappy", repo)
    (repo / ".claude" / "settings.json").write_text('{"permissions": {"deny": [}')
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: [push\njobs: {}\n")
    scan = scan_paths([repo], NOW)
    assert [(p.file.removeprefix(f"{repo}/"), p.line) for p in scan.problems] == [
        (".claude/settings.json", 1),
        (".github/workflows/ci.yml", 2),
    ]
    assert not scan.named("claude.project.deny_rules")
    assert scan.named("cursor.sandbox_type")[0].value == "insecure_none"
    assert len(scan.named("actions.workflow.write_all")) == 2  # label.yml and release.yml


def test_given_files_are_recognised_by_name_and_unknown_ones_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    scan = scan_paths(
        [
            SAMPLES / "well-governed" / "etc" / "claude-code" / "managed-settings.json",
            SAMPLES / "gappy" / ".github" / "workflows" / "label.yml",
            other,
            tmp_path / "missing",
        ],
        NOW,
    )
    assert families(scan.facts) == {"claude": 11, "actions": 5}
    assert [(p.file, p.message) for p in scan.problems] == [
        (str(other), "not a configuration file the scan knows"),
        (str(tmp_path / "missing"), "no such file or folder"),
    ]


def test_a_checkout_without_codeowners_owns_nothing(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    scan = scan_paths([tmp_path], NOW)
    assert {(f.name, f.value) for f in scan.facts} == {
        ("codeowners.workflows_owned", False),
        ("codeowners.agent_config_owned", False),
    }


def test_a_folder_with_nothing_to_read_says_so(tmp_path: Path) -> None:
    scan = scan_paths([tmp_path], NOW)
    assert scan.facts == ()
    assert [p.message for p in scan.problems] == [
        "no agent, CI or code-owner configuration found in this folder"
    ]
