"""Cursor: the workspace's `.cursor/sandbox.json` (`type`, `networkPolicy`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assessments.errors import Problem
from assessments.evidence.facts import Fact, ReadHow, Scan
from assessments.evidence.readers import UnreadableFile, object_of, parse_json, read_text

SANDBOX_TYPES = ("workspace_readwrite", "workspace_readonly", "insecure_none")
DEFAULT_TYPE = "workspace_readwrite"


def collect_cursor_sandbox(path: Path, shown: str, now: datetime) -> Scan:
    """Facts from `.cursor/sandbox.json`; a missing `type` is the documented default."""
    try:
        source = read_text(path, shown)
        sandbox = object_of(parse_json(source), source)
    except UnreadableFile as error:
        return Scan(problems=(error.problem,), files=(shown,))
    facts: list[Fact] = []
    problems: list[Problem] = []
    kind = sandbox.get("type", DEFAULT_TYPE)
    if kind in SANDBOX_TYPES:
        facts.append(Fact("cursor.sandbox_type", kind, shown, "type", now, ReadHow.FILE_IN_REPO))
    else:
        problems.append(
            Problem(
                shown,
                None,
                None,
                "type",
                f"unknown sandbox type {kind!r}",
                f"documented values: {', '.join(SANDBOX_TYPES)}",
            )
        )
    policy = sandbox.get("networkPolicy")
    if isinstance(policy, dict) and isinstance(policy.get("default"), str):
        facts.append(
            Fact(
                "cursor.network_default",
                policy["default"],
                shown,
                "networkPolicy.default",
                now,
                ReadHow.FILE_IN_REPO,
            )
        )
    elif policy is not None:
        problems.append(
            Problem(shown, None, None, "networkPolicy", "expected an object with `default`")
        )
    return Scan(tuple(facts), tuple(problems), (shown,))
