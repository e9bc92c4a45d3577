"""One team's scored assessment as a JSON-able dict and as plain text (CLI, exports).

Pure: content and a scoring result in, a dict or a string out.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Protocol

from assessments.content.in_force import Content
from assessments.reports.crosswalk import autonomy_ceiling, departures, gaps_by_standard
from scoring.results import AssessmentResult, ChainResult, ChainStatus, Gap, UnlockPath


class ReportSubject(Protocol):
    """Whose assessment it is: an answers file, a stored assessment, or a `TeamPeriod`."""

    @property
    def team(self) -> str: ...

    @property
    def period(self) -> str: ...


@dataclass(frozen=True)
class TeamPeriod:
    """A team and a period, for callers that have no answers sheet at hand."""

    team: str
    period: str


def report_dict(
    content: Content, subject: ReportSubject, result: AssessmentResult
) -> dict[str, Any]:
    """Everything a manager needs from one assessment, as plain JSON-able values."""
    recommendation = result.recommendation
    next_chain = None
    if recommendation.next_chain is not None:
        chain = result.chain(recommendation.next_chain)
        next_chain = {
            "id": chain.chain,
            "name": chain.name,
            "reason": recommendation.reason,
            "compensating_controls": list(_controls(content, chain.chain)),
            "provisional": recommendation.provisional,
        }
    return {
        "team": subject.team,
        "period": subject.period,
        "questionnaire": {"id": content.questionnaire.id, "version": content.questionnaire.version},
        "pillars": [
            {
                "id": p.pillar,
                "name": p.name,
                "score": round(p.score, 1),
                "level": p.level,
                "capped_by": list(p.capped_by),
                "explanation": p.explanation,
            }
            for p in result.pillars
        ],
        "overall_level": result.overall_level,
        "weakest_pillar": result.weakest_pillar,
        "autonomy": result.autonomy.value,
        "autonomy_ceiling": autonomy_ceiling(
            content.catalogue, result, content.questionnaire.top_level
        ),
        "departures": [d.__dict__ for d in departures(content.catalogue, result)],
        "confidence": {
            "value": round(result.confidence.value, 2),
            "band": result.confidence.band.value,
        },
        "next_chain": next_chain,
        "no_next_reason": recommendation.reason if next_chain is None else None,
        "alternatives": list(recommendation.alternatives),
        "blocked": [_chain_gaps(c) for c in result.chains if c.status is ChainStatus.BLOCKED],
        "unlock_paths": [_path_dict(content, path) for path in recommendation.unlock_paths],
        "alerts": [_chain_gaps(result.chain(chain_id)) for chain_id in recommendation.alerts],
        "chains": [
            {"id": c.chain, "name": c.name, "status": c.status.value} for c in result.chains
        ],
    }


def report_text(content: Content, subject: ReportSubject, result: AssessmentResult) -> str:
    """The same report as plain text for a terminal."""
    q, c = content.questionnaire, content.catalogue
    lines = [
        f"{subject.team} — {subject.period}",
        f"Questionnaire {q.id} {q.version}, catalogue {c.id} {c.version}",
        "",
        "Readiness",
    ]
    width = max(len(p.name) for p in result.pillars)
    for p in result.pillars:
        lines.append(f"  {p.name:<{width}}  {p.score:5.1f}  level {p.level}  ({p.explanation})")
    weakest = result.pillar(result.weakest_pillar).name
    lines += [
        f"  Overall level {result.overall_level}; weakest pillar: {weakest}",
        f"  Allowed autonomy: {result.autonomy.value}",
        *[f"  {line}" for line in [autonomy_ceiling(c, result, q.top_level)] if line],
        *[
            f"  {'Removed' if d.removed else 'Removing next'}: {d.chain_name} departs from"
            f" {d.standard}. {d.note}"
            for d in departures(c, result)
        ],
        f"  Confidence: {result.confidence.value:.2f} ({result.confidence.band.value})"
        + _confidence_detail(result),
        "",
    ]
    lines += _next_chain_lines(content, result)
    blocked = [chain for chain in result.chains if chain.status is ChainStatus.BLOCKED]
    if blocked:
        lines += ["", "Blocked chains"]
        for chain in blocked:
            lines.append(f"  {chain.name} ({chain.chain})")
            lines += _gap_lines(chain.gaps, "    ")
    if result.recommendation.unlock_paths:
        lines += ["", "Nearest unlocks"]
        for path in result.recommendation.unlock_paths:
            lines += _path_lines(content, result, path)
    if result.recommendation.alerts:
        lines += ["", "Removed too early"]
        for chain_id in result.recommendation.alerts:
            chain = result.chain(chain_id)
            lines.append(f"  {chain.name} ({chain.chain}): reinstate, or close these gaps:")
            lines += _gap_lines(chain.gaps, "    ")
    answers = getattr(subject, "answers", None)
    if isinstance(answers, dict):
        found = gaps_by_standard(content.questionnaire, answers)
        if found:
            lines += ["", "Gaps by standard (answers below 3, don't know or unanswered)"]
            for standard, gaps in found.items():
                lines.append(f"  {standard}")
                lines += [f"    {g.reference}: {g.question} is {g.answer}" for g in gaps]
    return "\n".join(lines) + "\n"


def _next_chain_lines(content: Content, result: AssessmentResult) -> list[str]:
    recommendation = result.recommendation
    alternatives = ", ".join(result.chain(a).name for a in recommendation.alternatives) or "none"
    if recommendation.next_chain is None:
        lines = [
            "No chain to remove now",
            textwrap.fill(recommendation.reason, 100, initial_indent="  ", subsequent_indent="  "),
        ]
        return (
            [*lines, f"  Eligible once resolved: {alternatives}"]
            if recommendation.alternatives
            else lines
        )
    chain = result.chain(recommendation.next_chain)
    label = " (provisional: low confidence)" if recommendation.provisional else ""
    lines = [
        f"Next chain to remove{label}: {chain.name} ({chain.chain})",
        textwrap.fill(
            f"Why: {recommendation.reason}",
            width=100,
            initial_indent="  ",
            subsequent_indent="    ",
        ),
        "  Keep running in its place:",
    ]
    lines += [f"    - {control}" for control in _controls(content, chain.chain)]
    return [*lines, f"  Alternatives: {alternatives}"]


def _confidence_detail(result: AssessmentResult) -> str:
    confidence = result.confidence
    parts = [
        f"{len(ids)} {label}"
        for ids, label in (
            (confidence.unanswered, "unanswered"),
            (confidence.dont_know, "don't know"),
            (confidence.without_evidence, "without evidence"),
        )
        if ids
    ]
    return f"; {', '.join(parts)}" if parts else ""


def _gap_lines(gaps: tuple[Gap, ...], indent: str) -> list[str]:
    # An any-of gap's text already names its options.
    return [f"{indent}- {gap.text}" for gap in gaps]


def _path_lines(content: Content, result: AssessmentResult, path: UnlockPath) -> list[str]:
    steps = f"{path.steps} step{'' if path.steps == 1 else 's'}"
    lines = [f"  {path.name} ({path.chain}): {steps}"]
    if path.chains_first:
        names = ", ".join(result.chain(chain_id).name for chain_id in path.chains_first)
        lines.append(f"    - first remove: {names}")
    for step in path.improvements:
        text = content.questionnaire.question(step.question).text
        lines.append(f"    - {step.question}: {step.current} → {step.target} — {text}")
    return lines


def _controls(content: Content, chain_id: str) -> tuple[str, ...]:
    return content.catalogue.chain(chain_id).compensating_controls


def _chain_gaps(chain: ChainResult) -> dict[str, Any]:
    return {"id": chain.chain, "name": chain.name, "gaps": [_gap_dict(g) for g in chain.gaps]}


def _gap_dict(gap: Gap) -> dict[str, Any]:
    return {
        "kind": gap.kind,
        "subject": gap.subject,
        "current": gap.current,
        "required": gap.required,
        "text": gap.text,
        "options": [_gap_dict(option) for option in gap.options],
    }


def _path_dict(content: Content, path: UnlockPath) -> dict[str, Any]:
    return {
        "id": path.chain,
        "name": path.name,
        "steps": path.steps,
        "improvements": [
            {
                "question": i.question,
                "text": content.questionnaire.question(i.question).text,
                "current": i.current,
                "target": i.target,
            }
            for i in path.improvements
        ],
        "chains_first": list(path.chains_first),
    }
