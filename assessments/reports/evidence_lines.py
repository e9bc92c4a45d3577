"""The evidence a team report lists, as plain lines: an attached scan's verdicts as of the scan,
and the links given with answers as of the day the team last vouched for them.

Pure: the lines are text as read (renderers escape them); the dates come from the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assessments.content.questionnaire import Questionnaire
from assessments.evidence.expiry import Expiry, ExpiryReport
from assessments.evidence.facts import Scan
from assessments.evidence.verdicts import Judgement, Verdict, VerdictKind
from assessments.storage.views import DraftView
from assessments.wording import count


@dataclass(frozen=True)
class ScanEvidence:
    """What an attached scan says about the answers, as of when it was read and attached.

    Attributes:
        as_of: "Scan attached by ana@example.com on 2026-11-02 · 36 facts from 9 files,
            read on 2026-11-01".
        contradicted: one line per answer that counts at its bound, with file and field.
        supported: one line per answer the facts support, with the facts that decided it.
        expired: evidence that no longer counts, with its as-of date.
        expiring: evidence that stops counting within 30 days.
    """

    as_of: str
    contradicted: tuple[str, ...]
    supported: tuple[str, ...]
    expired: tuple[str, ...] = ()
    expiring: tuple[str, ...] = ()

    @property
    def contradicted_summary(self) -> str:
        """ "2 answers count at the bound the configuration allows; …" or that none does."""
        if not self.contradicted:
            return "No answer is contradicted by the configuration."
        n = len(self.contradicted)
        return (
            f"{count(n, 'answer')} {'counts' if n == 1 else 'count'} at the bound the"
            " configuration allows; the levels and the recommendation already use it."
        )


def scan_evidence(
    attached_by: str,
    attached_at: datetime,
    scan: Scan,
    judgement: Judgement,
    expiry: ExpiryReport | None = None,
) -> ScanEvidence:
    """The report's lines for one attached scan held against the answers."""
    files = len(set(scan.files))
    read = sorted({fact.read_at.date() for fact in scan.facts})
    when = ""
    if read:
        span = read[0].isoformat()
        if read[-1] != read[0]:
            span += f" to {read[-1].isoformat()}"
        when = f", read on {span}"
    as_of = (
        f"Scan attached by {attached_by} on {attached_at:%Y-%m-%d} · "
        f"{count(len(scan.facts), 'fact')} from {count(files, 'file')}{when}"
    )
    supported = [v for v in judgement.verdicts if v.kind is VerdictKind.SUPPORTED]
    return ScanEvidence(
        as_of,
        tuple(v.explanation() for v in judgement.contradicted),
        tuple(_supported_line(v) for v in supported),
        tuple(_expiry_line(e, "expired on") for e in (expiry.expired if expiry else ())),
        tuple(_expiry_line(e, "expires on") for e in (expiry.expiring if expiry else ())),
    )


def _supported_line(verdict: Verdict) -> str:
    facts = "; ".join(dict.fromkeys(o.evidence() for o in verdict.outcomes))
    return f"{verdict.explanation()}: {facts}" if facts else verdict.explanation()


def _expiry_line(item: Expiry, verb: str) -> str:
    return (
        f"{item.question} {item.what} (as of {item.as_of.isoformat()}, {verb}"
        f" {item.expires_on.isoformat()})"
    )


@dataclass(frozen=True)
class LinkedAnswer:
    """An evidence link given with an answer, and the day it stands as of."""

    question: str
    link: str
    as_of: date


@dataclass(frozen=True)
class EvidenceLinks:
    """The links of one assessment revision and what their date means.

    Attributes:
        basis: "submitted" or "last saved in the draft": answers carry no date of their own, so a
            link counts as of the day the team last vouched for the whole assessment.
    """

    links: tuple[LinkedAnswer, ...]
    basis: str

    def lines(self) -> list[str]:
        """ "BR-01 https://wiki.example.com/sandbox (as of 2026-11-02, submitted)"."""
        return [
            f"{a.question} {a.link} (as of {a.as_of.isoformat()}, {self.basis})" for a in self.links
        ]


def evidence_links(view: DraftView, questionnaire: Questionnaire) -> EvidenceLinks:
    """The links given with the answers of `view`, in questionnaire order, with their date.

    A submitted revision's links stand as of its submission (the submitter vouched for every
    answer that day, links carried from an earlier quarter included); a draft's as of its
    last save.
    """
    if view.submitted_at is not None:
        as_of, basis = view.submitted_at.date(), "submitted"
    else:
        as_of, basis = view.updated_at.date(), "last saved in the draft"
    links = tuple(
        LinkedAnswer(question.id, entry.evidence, as_of)
        for question in questionnaire.questions
        if (entry := view.answers.get(question.id)) is not None and entry.evidence
    )
    return EvidenceLinks(links, basis)
