"""Evidence for the demo organisation: the sample repositories' scans on a few teams.

Every fourth team gets a scan of its latest period, alternating between the gappy and the
well-governed sample under `data/examples/evidence/`, so the self-assessment page and the team
report show verdicts as soon as `make run` starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from assessments.evidence.facts import Scan
from assessments.evidence.scan import scan_checkout
from assessments.evidence.scan_format import scan_document
from assessments.settings import DEFAULT_DATA_DIR

SAMPLES = ("gappy", "well-governed")


class _Store(Protocol):
    """A store that opens units of work (`assessments.storage.contract.Store`)."""

    def unit_of_work(self, actor: str = "") -> AbstractContextManager[Any]: ...


EVERY = 4


def sample_scan(name: str, now: datetime, data_dir: Path = DEFAULT_DATA_DIR) -> Scan | None:
    """The scan of one sample, with sources named from `data/`; None when it is missing."""
    root = data_dir / "examples" / "evidence" / name
    if not root.is_dir():
        return None
    scan = scan_checkout(root, now)
    prefix = root.as_posix()
    shown = f"data/examples/evidence/{name}"
    facts = tuple(replace(f, source=f.source.replace(prefix, shown, 1)) for f in scan.facts)
    return Scan(facts, scan.problems, tuple(f.replace(prefix, shown, 1) for f in scan.files))


def attach_demo_evidence(
    store: _Store,
    team_slugs: Sequence[str],
    period: str,
    now: datetime,
    actor: str,
    data_dir: Path = DEFAULT_DATA_DIR,
) -> int:
    """Attach a sample scan to every fourth team's latest assessment of `period`."""
    samples = (sample_scan(name, now, data_dir) for name in SAMPLES)
    scans = [scan for scan in samples if scan is not None]
    if not scans:
        return 0
    attached = 0
    with store.unit_of_work(actor) as repo:
        for index, slug in enumerate(team_slugs[::EVERY]):
            team = repo.team(slug)
            latest = repo.latest_revision(team.id, period) if team else None
            if latest is None:
                continue
            scan = scans[index % len(scans)]
            repo.add_evidence_scan(latest.id, scan_document(scan), len(scan.facts))
            attached += 1
    return attached
