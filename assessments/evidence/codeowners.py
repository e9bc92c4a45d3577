"""CODEOWNERS coverage of CI and agent configuration paths.

GitHub reads the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`. Each line is a
gitignore-style pattern and its owners; the last matching line wins, and a line without owners
leaves the path unowned. Changes to workflows and agent settings need an owner's review, or an
agent (or anyone) can loosen its own guardrails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assessments.evidence.facts import Fact, ReadHow, Scan
from assessments.evidence.readers import UnreadableFile, read_text

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
WORKFLOW_PATH = ".github/workflows/ci.yml"
AGENT_CONFIG_PATHS = (".claude/settings.json", "AGENTS.md", "CLAUDE.md")


@dataclass(frozen=True)
class OwnerRule:
    """One CODEOWNERS line: its pattern, owners and line number."""

    pattern: str
    owners: tuple[str, ...]
    line: int

    def matches(self, path: str) -> bool:
        """Whether the pattern covers `path` (relative, with `/` separators)."""
        return pattern_regex(self.pattern).fullmatch(path) is not None


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression of a CODEOWNERS pattern (gitignore rules, no negation)."""
    if pattern in {"*", "**", "/*", "/**"}:
        return re.compile(r".*")
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    regex = ""
    index = 0
    while index < len(body):
        if body.startswith("**/", index):
            regex, index = regex + "(?:.*/)?", index + 3
        elif body.startswith("/**", index) and index + 3 == len(body):
            regex, index = regex + "/.*", index + 3
        elif body.startswith("**", index):
            regex, index = regex + ".*", index + 2
        elif body[index] == "*":
            regex, index = regex + "[^/]*", index + 1
        elif body[index] == "?":
            regex, index = regex + "[^/]", index + 1
        else:
            regex, index = regex + re.escape(body[index]), index + 1
    # `docs/*` covers the folder's own files only; any other pattern also covers what is below it.
    below = "" if pattern.endswith("/*") else "(?:/.*)?"
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + regex + below)


def parse_codeowners(text: str) -> list[OwnerRule]:
    """The rules of a CODEOWNERS file, in order (comments and blank lines skipped)."""
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        rules.append(OwnerRule(pattern.replace("\\#", "#"), tuple(owners), number))
    return rules


def owner_rule(rules: list[OwnerRule], path: str) -> OwnerRule | None:
    """The rule that decides `path`'s owners (the last match), if any."""
    decided = None
    for rule in rules:
        if rule.matches(path):
            decided = rule
    return decided


def collect_codeowners(path: Path, shown: str, now: datetime) -> Scan:
    """Whether workflows and agent configuration have owners, per the CODEOWNERS file."""
    try:
        rules = parse_codeowners(read_text(path, shown).text)
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    facts = (
        _coverage("codeowners.workflows_owned", rules, (WORKFLOW_PATH,), shown, now),
        _coverage("codeowners.agent_config_owned", rules, AGENT_CONFIG_PATHS, shown, now),
    )
    return Scan(facts, (), (shown,))


def no_codeowners(root: str, now: datetime) -> Scan:
    """The facts of a repository that has no CODEOWNERS file: nothing is owned."""
    field = "no CODEOWNERS in .github/, the root or docs/"
    facts = tuple(
        Fact(name, False, root, field, now, ReadHow.FILE_IN_REPO)
        for name in ("codeowners.workflows_owned", "codeowners.agent_config_owned")
    )
    return Scan(facts, (), ())


def _coverage(
    name: str, rules: list[OwnerRule], paths: tuple[str, ...], shown: str, now: datetime
) -> Fact:
    unowned = []
    decided_by = []
    for path in paths:
        rule = owner_rule(rules, path)
        if rule is None or not rule.owners:
            unowned.append(path)
        else:
            decided_by.append(rule)
    if unowned:
        field = f"no owner for {', '.join(unowned)}"
        return Fact(name, False, shown, field, now, ReadHow.FILE_IN_REPO)
    patterns = ", ".join(dict.fromkeys(rule.pattern for rule in decided_by))
    line = decided_by[0].line if len(decided_by) == 1 else None
    return Fact(name, True, shown, patterns, now, ReadHow.FILE_IN_REPO, line)
