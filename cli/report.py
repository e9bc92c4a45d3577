"""`readiness report --period 2026-Q4 --out DIR`: write the review pack from the database."""

from __future__ import annotations

import sys
from pathlib import Path

from assessments.content.in_force import load_content
from assessments.service.content_versions import put_in_force
from assessments.service.quarterly_review import load_review
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.store import utc_now
from ui.exports.review_pack import (
    pack_file_name,
    review_pack_csv,
    review_pack_html,
    review_pack_markdown,
)


def run_report(
    settings: Settings, period: str, unit: str | None, baseline: str | None, out: Path
) -> int:
    """Write the HTML, Markdown and CSV pack into `out` and print their paths.

    Raises:
        ReadinessError: an unknown period, unit or baseline (main prints it, exit 1).
        OSError: the folder cannot be written.
    """
    content = load_content(data_dir=settings.data_dir)
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
        library = put_in_force(engine, content, utc_now)
        service = ReadinessService(engine, content, library=library)
        review = load_review(
            service, content, period, unit_slug=unit, baseline_period=baseline, library=library
        )
    finally:
        engine.dispose()
    out.mkdir(parents=True, exist_ok=True)
    writers = (
        ("html", review_pack_html),
        ("md", review_pack_markdown),
        ("csv", review_pack_csv),
    )
    for extension, render in writers:
        path = out / pack_file_name(review, extension)
        # newline="" keeps the CSV's own line endings exactly as written.
        path.write_text(render(review), encoding="utf-8", newline="")
        print(path, file=sys.stdout)
    return 0
