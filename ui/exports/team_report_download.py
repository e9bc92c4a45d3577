"""The team report as a download: Markdown, and one self-contained HTML file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.content.comparable import VersionChange
from assessments.content.in_force import Content
from assessments.reports.evidence_lines import EvidenceLinks, ScanEvidence
from assessments.service.team_scoring import HistoryPoint
from assessments.wording import count
from scoring.results import AssessmentResult, UnlockPath
from ui.exports.html_document import HtmlDocument, bullets, esc, table
from ui.exports.team_evidence import evidence_html, evidence_markdown
from ui.figures.team import history_figure, pillar_levels_figure
from ui.report_sections import current_answer, gap_lines
from ui.text import inert


@dataclass(frozen=True)
class TeamReport:
    """Everything a team report shows, already scored."""

    content: Content
    team_name: str
    period: str
    label: str
    """e.g. "revision 2, submitted by ana@example.com" or "draft preview"."""
    result: AssessmentResult
    history: Sequence[HistoryPoint] = ()
    notes: Sequence[str] = ()
    """Which questionnaire version was used when not the one in force; history footnotes."""
    changes: Sequence[VersionChange] = ()
    evidence: ScanEvidence | None = None
    """The attached scan's verdicts, when a scan is attached for the period."""
    links: EvidenceLinks | None = None
    """The links given with the answers, with the day they stand as of."""


def _next_chain_lines(report: TeamReport) -> tuple[str, list[str]]:
    rec = report.result.recommendation
    if rec.next_chain is None:
        return f"No chain to remove now. {rec.reason}", []
    chain = report.content.catalogue.chain(rec.next_chain)
    provisional = " (provisional: low confidence)" if rec.provisional else ""
    return f"Remove next: {chain.name}{provisional}. {rec.reason}", list(
        chain.compensating_controls
    )


def _path_words(report: TeamReport, path: UnlockPath) -> str:
    """ "2 steps on the scale: BR-03 (Outbound network) 1 → 3" or what must go first."""
    catalogue, questionnaire = report.content.catalogue, report.content.questionnaire
    first = ", ".join(catalogue.chain(c).name for c in path.chains_first)
    after = f"remove {first} first" if first else ""
    if not path.improvements:
        return f"no answer needs to change; {after}" if after else "no answer needs to change"
    changes = ", ".join(
        f"{i.question} ({questionnaire.question(i.question).text}) "
        f"{current_answer(report.result, i.question, i.current)} → {i.target}"
        for i in path.improvements
    )
    return f"{count(path.steps, 'step')} on the scale: {changes}" + (f"; {after}" if after else "")


def team_report_markdown(report: TeamReport) -> str:
    """A Markdown report; user-written text is escaped so it cannot inject markup."""
    r = report.result
    weakest = r.pillar(r.weakest_pillar)
    headline, controls = _next_chain_lines(report)
    lines = [
        f"# Autonomy readiness: {inert(report.team_name)} · {report.period}",
        "",
        f"_{inert(report.label)}_",
        "",
        *[line for note in report.notes for line in (f"> {inert(note)}", "")],
        f"**{inert(headline)}**",
    ]
    if controls:
        lines += ["", "Keep running in its place:", *[f"- {inert(c)}" for c in controls]]
    lines += [
        "",
        "## Levels",
        "",
        f"- Overall readiness level **{r.overall_level}**, set by the weakest pillar: "
        f"{inert(weakest.name)}",
        f"- Agents may run at **{r.autonomy.value}**",
        f"- Confidence {r.confidence.value:.0%} ({r.confidence.band.value})",
        "",
        "| Pillar | Score | Level | Why |",
        "|---|---|---|---|",
        *[
            f"| {inert(p.name)} | {p.score:.1f} | {p.level} | {inert(p.explanation)} |"
            for p in r.pillars
        ],
    ]
    if r.recommendation.alerts:
        lines += ["", "## Removed too early", ""]
        for chain_id in r.recommendation.alerts:
            c = r.chain(chain_id)
            lines.append(
                f"- **{inert(c.name)}**: reinstate, or close these gaps: "
                + "; ".join(inert(g) for g in gap_lines(c.gaps))
            )
    if r.recommendation.alternatives:
        lines += ["", "## Alternatives", ""]
        lines += [f"- {inert(r.chain(cid).name)}" for cid in r.recommendation.alternatives]
    if r.recommendation.unlock_paths:
        lines += ["", "## Smallest improvements to the next unlocks", ""]
        for path in r.recommendation.unlock_paths:
            lines.append(f"- **{inert(path.name)}**: {inert(_path_words(report, path))}")
    lines += evidence_markdown(report.evidence, report.links)
    blocked = [c for c in r.chains if c.status.value == "blocked"]
    if blocked:
        lines += ["", "## Blocked chains", ""]
        lines += [
            f"- {inert(c.name)}: " + "; ".join(inert(g) for g in gap_lines(c.gaps)) for c in blocked
        ]
    return "\n".join(lines) + "\n"


def team_report_html(report: TeamReport) -> str:
    """One self-contained HTML file with the charts embedded (readable offline)."""
    r = report.result
    weakest = r.pillar(r.weakest_pillar)
    headline, controls = _next_chain_lines(report)
    doc = HtmlDocument(f"Autonomy readiness: {report.team_name} · {report.period}")
    doc.heading(f"Autonomy readiness: {report.team_name} · {report.period}", level=1)
    doc.paragraph(report.label, css_class="meta")
    for note in report.notes:
        doc.paragraph(note, css_class="meta")
    card = f"<div class='card'><strong>{esc(headline)}</strong>"
    if controls:
        card += "<p>Keep running in its place:</p>" + bullets(controls)
    doc.raw(card + "</div>")
    for chain_id in r.recommendation.alerts:
        c = r.chain(chain_id)
        doc.raw(
            f"<div class='card alert'><strong>{esc(c.name)} was removed too early.</strong> "
            f"Reinstate it, or close these gaps:{bullets(gap_lines(c.gaps))}</div>"
        )
    doc.heading("Levels")
    doc.paragraph(
        f"Overall readiness level {r.overall_level}, set by the weakest pillar: {weakest.name}. "
        f"Agents may run at {r.autonomy.value}. Confidence {r.confidence.value:.0%} "
        f"({r.confidence.band.value})."
    )
    doc.figure(pillar_levels_figure(r, report.content.questionnaire.top_level))
    doc.raw(
        table(
            ["Pillar", "Score", "Level", "Why"],
            [(p.name, f"{p.score:.1f}", p.level, p.explanation) for p in r.pillars],
        )
    )
    if r.recommendation.unlock_paths:
        doc.heading("Smallest improvements to the next unlocks")
        rows = [
            (
                path.name,
                i.question,
                report.content.questionnaire.question(i.question).text,
                current_answer(r, i.question, i.current),
                i.target,
            )
            for path in r.recommendation.unlock_paths
            for i in path.improvements
        ] + [
            (path.name, "", _path_words(report, path), "", "")
            for path in r.recommendation.unlock_paths
            if not path.improvements
        ]
        doc.raw(table(["Chain", "Question", "Asks", "Now", "Needed"], rows))
    evidence_html(doc, report.evidence, report.links)
    doc.heading("Every chain")
    doc.raw(
        table(
            ["Chain", "Status", "Gaps / reason"],
            [
                (c.name, c.status.value.replace("_", " "), "; ".join(gap_lines(c.gaps)) or c.reason)
                for c in r.chains
            ],
        )
    )
    if report.history:
        doc.heading("History")
        doc.figure(history_figure(report.history, report.changes))
    return doc.render()
