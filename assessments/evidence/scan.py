"""Scan repository checkouts and given files for configuration facts.

A folder is read as a repository checkout: the documented locations of each tool's settings,
`.github/workflows/`, CODEOWNERS, and a `github-json/` folder of saved API responses when
present. A file is recognised by its name. Problems with one file never stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from assessments.errors import Problem
from assessments.evidence.claude import collect_claude_settings
from assessments.evidence.codeowners import LOCATIONS, collect_codeowners, no_codeowners
from assessments.evidence.codex import collect_codex_config, collect_codex_requirements
from assessments.evidence.cursor import collect_cursor_sandbox
from assessments.evidence.facts import Scan, merge_scans
from assessments.evidence.github_live import GitHubAccess, fetch_github
from assessments.evidence.github_settings import api_facts, read_github_json
from assessments.evidence.workflows import WORKFLOW_SUFFIXES, collect_workflow

Collector = Callable[[Path, str, datetime], Scan]

MANAGED_SETTINGS = ("managed-settings.json", "etc/claude-code/managed-settings.json")
CODEX_REQUIREMENTS = (
    "requirements.toml",
    ".codex/requirements.toml",
    "etc/codex/requirements.toml",
)
GITHUB_JSON_FOLDER = "github-json"


def _managed_claude(path: Path, shown: str, now: datetime) -> Scan:
    return collect_claude_settings(path, shown, now, managed=True)


def _project_claude(path: Path, shown: str, now: datetime) -> Scan:
    return collect_claude_settings(path, shown, now, managed=False)


_IN_CHECKOUT: tuple[tuple[str, Collector], ...] = (
    *((name, _managed_claude) for name in MANAGED_SETTINGS),
    (".claude/settings.json", _project_claude),
    *((name, collect_codex_requirements) for name in CODEX_REQUIREMENTS),
    (".codex/config.toml", collect_codex_config),
    (".cursor/sandbox.json", collect_cursor_sandbox),
)
_BY_NAME: dict[str, Collector] = {
    "managed-settings.json": _managed_claude,
    "settings.json": _project_claude,
    "requirements.toml": collect_codex_requirements,
    "config.toml": collect_codex_config,
    "sandbox.json": collect_cursor_sandbox,
    "CODEOWNERS": collect_codeowners,
}


def scan_paths(
    paths: Sequence[Path],
    now: datetime,
    github_json: Path | None = None,
    github: tuple[GitHubAccess, str] | None = None,
) -> Scan:
    """Every fact found under `paths`, plus the GitHub settings saved in `github_json` or
    fetched live for `github` (access, `owner/repo`)."""
    scans = []
    for path in paths:
        if path.is_dir():
            scans.append(scan_checkout(path, now))
        elif path.is_file():
            scans.append(scan_file(path, str(path), now))
        else:
            scans.append(_problem(path, "no such file or folder", "check the path"))
    if github_json is not None:
        scans.append(_github_folder(github_json, str(github_json)))
    if github is not None:
        access, repository = github
        documents, problems = fetch_github(access, repository, now)
        scans.append(api_facts(documents).merged(Scan(problems=tuple(problems))))
    return merge_scans(scans)


def scan_checkout(root: Path, now: datetime) -> Scan:
    """The facts of one repository checkout."""
    scans = []
    for relative, collector in _IN_CHECKOUT:
        if (root / relative).is_file():
            scans.append(collector(root / relative, _shown(root, relative), now))
    workflows = root / ".github" / "workflows"
    if workflows.is_dir():
        for file in sorted(workflows.iterdir()):
            if file.suffix in WORKFLOW_SUFFIXES and file.is_file():
                relative = f".github/workflows/{file.name}"
                scans.append(collect_workflow(file, _shown(root, relative), now))
    owners = next((name for name in LOCATIONS if (root / name).is_file()), None)
    if owners is not None:
        scans.append(collect_codeowners(root / owners, _shown(root, owners), now))
    elif (root / ".git").exists() or (root / ".github").is_dir():
        scans.append(no_codeowners(str(root), now))
    if (root / GITHUB_JSON_FOLDER).is_dir():
        scans.append(_github_folder(root / GITHUB_JSON_FOLDER, _shown(root, GITHUB_JSON_FOLDER)))
    if not scans:
        return _problem(
            root,
            "no agent, CI or code-owner configuration found in this folder",
            "give a repository checkout, or the settings files themselves",
        )
    return merge_scans(scans)


def scan_file(path: Path, shown: str, now: datetime) -> Scan:
    """The facts of one given file, recognised by its name."""
    collector = _BY_NAME.get(path.name)
    if collector is None and path.suffix in WORKFLOW_SUFFIXES:
        collector = collect_workflow
    if collector is None:
        known = ", ".join([*_BY_NAME, "*.yml (a workflow)"])
        return _problem(path, "not a configuration file the scan knows", f"known names: {known}")
    return collector(path, shown, now)


def _github_folder(folder: Path, shown: str) -> Scan:
    documents, problems = read_github_json(folder, shown)
    return api_facts(documents).merged(Scan(problems=tuple(problems)))


def _shown(root: Path, relative: str) -> str:
    return (root / relative).as_posix()


def _problem(path: Path, message: str, hint: str = "") -> Scan:
    return Scan(problems=(Problem(str(path), None, None, "", message, hint),))
