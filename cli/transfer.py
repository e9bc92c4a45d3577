"""`readiness export --out FILE` and `readiness import FILE`: the admin page's data transfer,
for organisations whose export is larger than an upload may be."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assessments.content.in_force import load_content
from assessments.content.loading import read_source
from assessments.service.content_versions import put_in_force
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.store import utc_now
from assessments.wording import count

IMPORT_LIMIT_MB = 512
"""An export takes about 2 KB per assessment: room for a quarter of a million."""
CLI_ACTOR = "cli"
"""Who the audit trail names for a transfer from the command line (whoever holds the URL)."""


def _service(settings: Settings) -> ReadinessService:
    engine = make_engine(settings.database_url)
    upgrade_to_head(engine)
    content = load_content(data_dir=settings.data_dir)
    library = put_in_force(engine, content, utc_now)
    return ReadinessService(engine, content, library=library)


def run_export(settings: Settings, out: Path) -> int:
    """Write every record of the configured database to `out` as JSON; print a summary."""
    service = _service(settings)
    try:
        document = service.export_data(actor=CLI_ACTOR)
    finally:
        service.engine.dispose()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    print(f"{out}: {count(len(document['assessments']), 'assessment')}", file=sys.stdout)
    return 0


def run_import(settings: Settings, source: Path) -> int:
    """Import an export into the configured (empty) database; print what was written.

    Raises:
        ContentError: the file is not a valid export (main lists every problem, exit 1).
        InvalidInputError: the database is not empty (main prints it, exit 1).
    """
    service = _service(settings)
    try:
        summary = service.import_data(
            read_source(source, IMPORT_LIMIT_MB), str(source), actor=CLI_ACTOR
        )
    finally:
        service.engine.dispose()
    print(f"imported {summary.summary()}", file=sys.stdout)
    return 0
