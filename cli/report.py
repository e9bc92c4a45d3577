"""`readiness report --period 2026-Q4 --out DIR`: write the review pack from the database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.exports.chart_process import ChartProcess

if TYPE_CHECKING:
    from assessments.settings import Settings


def run_report(
    settings: Settings, period: str, unit: str | None, baseline: str | None, out: Path
) -> int:
    """Write the HTML, Markdown and CSV pack into `out` and print their paths.

    The charts are drawn in a process forked first thing, so that the renderer starts while
    this one loads the content and scores the organisation (see `ui.exports.chart_process`).

    Raises:
        ReadinessError: an unknown period, unit or baseline (main prints it, exit 1).
        OSError: the folder cannot be written.
        ChartProcessError: the process drawing the charts stopped.
    """
    with ChartProcess() as charts:
        return _write_pack(settings, period, unit, baseline, out, charts)


def _write_pack(
    settings: Settings,
    period: str,
    unit: str | None,
    baseline: str | None,
    out: Path,
    charts: ChartProcess,
) -> int:
    # Imported once the chart process is forked: it needs none of this.
    from assessments.content.in_force import load_content
    from assessments.service.content_versions import put_in_force
    from assessments.service.quarterly_review import load_review
    from assessments.service.readiness import ReadinessService
    from assessments.storage.db import make_engine, upgrade_to_head
    from assessments.storage.store import utc_now
    from ui.exports.review_pack import (
        pack_file_name,
        review_pack_csv,
        review_pack_document,
        review_pack_markdown,
    )
    from ui.exports.review_sections import pack_sections

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
    # The charts are drawn in the chart process while the Markdown and the CSV are written.
    sections = pack_sections(review)
    document = review_pack_document(review, charts, sections)
    texts = {"md": review_pack_markdown(review, sections), "csv": review_pack_csv(review)}
    texts["html"] = document.render()
    out.mkdir(parents=True, exist_ok=True)
    for extension in ("html", "md", "csv"):
        path = out / pack_file_name(review, extension)
        # newline="" keeps the CSV's own line endings exactly as written.
        path.write_text(texts[extension], encoding="utf-8", newline="")
        print(path, file=sys.stdout)
    return 0
