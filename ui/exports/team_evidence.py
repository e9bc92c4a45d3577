"""The team report downloads' evidence: the attached scan's verdicts as of the scan, and the
links given with answers as of the day they were vouched for. Every line is rendered inert."""

from __future__ import annotations

from assessments.reports.evidence_lines import EvidenceLinks, ScanEvidence
from ui.exports.html_document import HtmlDocument, bullets, esc
from ui.text import inert

SCAN_HEADING = "Evidence from configuration"
LINKS_HEADING = "Evidence links"
LINKS_NOTE = (
    "Answers carry no date of their own: each link stands as of the day the team last"
    " vouched for the whole assessment."
)


def _scan_parts(evidence: ScanEvidence) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("Supported by the configuration (counted as evidenced):", evidence.supported),
        ("Expired (counts as no evidence):", evidence.expired),
        ("Expires within 30 days:", evidence.expiring),
    ]


def evidence_markdown(scan: ScanEvidence | None, links: EvidenceLinks | None) -> list[str]:
    """Markdown lines for both sections (none when there is nothing to list)."""
    lines: list[str] = []
    if scan is not None:
        lines += ["", f"## {SCAN_HEADING}", "", f"_{inert(scan.as_of)}_", ""]
        lines.append(f"**{inert(scan.contradicted_summary)}**")
        if scan.contradicted:
            lines += ["", *[f"- {inert(line)}" for line in scan.contradicted]]
        for title, items in _scan_parts(scan):
            if items:
                lines += ["", title, "", *[f"- {inert(line)}" for line in items]]
    if links is not None and links.links:
        lines += ["", f"## {LINKS_HEADING}", "", f"_{inert(LINKS_NOTE)}_", ""]
        lines += [f"- {inert(line)}" for line in links.lines()]
    return lines


def evidence_html(
    doc: HtmlDocument, scan: ScanEvidence | None, links: EvidenceLinks | None
) -> None:
    """Append both sections to `doc` (none when there is nothing to list)."""
    if scan is not None:
        doc.heading(SCAN_HEADING)
        doc.paragraph(scan.as_of, css_class="meta")
        doc.raw(f"<p><strong>{esc(scan.contradicted_summary)}</strong></p>")
        if scan.contradicted:
            doc.raw(bullets(scan.contradicted))
        for title, items in _scan_parts(scan):
            if items:
                doc.paragraph(title)
                doc.raw(bullets(items))
    if links is not None and links.links:
        doc.heading(LINKS_HEADING)
        doc.paragraph(LINKS_NOTE, css_class="meta")
        doc.raw(bullets(links.lines()))
