"""An evidence check as plain JSON-able values and as text for a terminal."""

from __future__ import annotations

from typing import Any

from assessments.content.in_force import Content
from assessments.evidence.check import EvidenceCheck
from assessments.evidence.facts import Scan
from assessments.evidence.scan_format import fact_document, scan_document
from assessments.evidence.verdicts import Judgement, Verdict, VerdictKind, render_value
from scoring.results import AssessmentResult


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    """One verdict with the rules and facts that decided it."""
    return {
        "question": verdict.question,
        "verdict": verdict.kind.value,
        "answered": verdict.answered,
        "counted_as": verdict.bound if verdict.bound is not None else verdict.answered,
        "explanation": verdict.explanation(),
        "rules": [
            {
                "id": o.rule.id,
                "max": o.rule.max,
                "binds": o.binds,
                "cites": o.rule.cites,
                "facts": [fact_document(f) for f in o.facts],
                "not_found": list(o.missing),
            }
            for o in verdict.outcomes
        ],
    }


def check_dict(check: EvidenceCheck, content: Content) -> dict[str, Any]:
    """The whole check: facts, problems, verdicts, bounds and the next chain both ways."""
    result = scan_document(check.scan)
    if check.judgement is not None:
        result["verdicts"] = [verdict_dict(v) for v in check.judgement.verdicts]
        result["bounds"] = dict(sorted(check.judgement.bounds.items()))
    if check.claimed is not None and check.evidenced is not None:
        result["next_chain"] = {
            "on_answers": check.claimed.recommendation.next_chain,
            "with_evidence": check.evidenced.recommendation.next_chain,
        }
        result["overall_level"] = {
            "on_answers": check.claimed.overall_level,
            "with_evidence": check.evidenced.overall_level,
        }
    return result


def check_text(
    check: EvidenceCheck, content: Content, team: str = "", *, with_facts: bool = True
) -> str:
    """The check for a terminal: facts, then verdicts, then what changes."""
    lines = [_scan_summary(check.scan)]
    if with_facts:
        lines += ["", "Facts"]
    width = max((len(f.name) for f in check.scan.facts), default=0)
    for fact in check.scan.facts if with_facts else ():
        lines.append(
            f"  {fact.name:<{width}}  {render_value(fact.value)}  at {fact.where}"
            f"  ({fact.how.value}, {fact.read_at.date().isoformat()})"
        )
    if check.scan.problems:
        lines += ["", "Problems"] + [f"  {p}" for p in check.scan.problems]
    if check.judgement is not None:
        lines += ["", *_verdict_lines(check.judgement, team)]
    if check.claimed is not None and check.evidenced is not None:
        lines += ["", *_outcome_lines(check.claimed, check.evidenced, content)]
    return "\n".join(lines) + "\n"


def _scan_summary(scan: Scan) -> str:
    problems = len(scan.problems)
    found = f"{problems} problem{'s' if problems != 1 else ''}" if problems else "no problems"
    files = len(set(scan.files))
    return f"{len(scan.facts)} facts from {files} file{'s' if files != 1 else ''}, {found}"


def _verdict_lines(judgement: Judgement, team: str) -> list[str]:
    counts = {kind: 0 for kind in VerdictKind}
    for verdict in judgement.verdicts:
        counts[verdict.kind] += 1
    summary = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
    lines = [f"Verdicts{' for ' + team if team else ''}: {summary}"]
    for kind in (VerdictKind.CONTRADICTED, VerdictKind.SUPPORTED):
        for verdict in judgement.verdicts:
            if verdict.kind is kind:
                lines.append(f"  {kind.value:<12}  {verdict.explanation()}")
    uncovered = [v.question for v in judgement.verdicts if v.kind is VerdictKind.NOT_COVERED]
    if uncovered:
        lines.append(f"  {'not covered':<12}  {', '.join(uncovered)}")
    return lines


def _outcome_lines(
    claimed: AssessmentResult, evidenced: AssessmentResult, content: Content
) -> list[str]:
    def chain(result: AssessmentResult) -> str:
        chain_id = result.recommendation.next_chain
        if chain_id is None:
            return f"none ({result.recommendation.reason})"
        names = {c.id: c.name for c in content.catalogue.chains}
        return f"{names.get(chain_id, chain_id)} ({chain_id})"

    return [
        f"Overall level: {claimed.overall_level} on the answers alone,"
        f" {evidenced.overall_level} with the evidence",
        f"Next chain on the answers alone: {chain(claimed)}",
        f"Next chain with the evidence:    {chain(evidenced)}",
    ]
