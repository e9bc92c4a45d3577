"""Evidence expiry: which evidence has expired, and which expires soon. Pure: today is an input.

A question may declare `evidence_valid_days`; a fact read (or an evidence link dated) longer
ago than that counts as none for that question. Facts count for a question when one of its
evidence rules reads them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from assessments.evidence.facts import Fact
from assessments.evidence.rules import EvidenceRule, fact_tests

SOON_DAYS = 30


@dataclass(frozen=True)
class Expiry:
    """One piece of evidence for one question, and the day it stops counting.

    Attributes:
        question: the question it backs.
        what: the fact's place (`file:line field`) or the evidence link.
        as_of: when it was read or dated.
        expires_on: the first day it no longer counts.
    """

    question: str
    what: str
    as_of: date
    expires_on: date


@dataclass(frozen=True)
class ExpiryReport:
    """Evidence already expired, and evidence expiring within the horizon."""

    expired: tuple[Expiry, ...]
    expiring: tuple[Expiry, ...]


def evidence_expiry(
    valid_days: Mapping[str, int],
    today: date,
    facts: Sequence[Fact] = (),
    rules: Sequence[EvidenceRule] = (),
    links: Mapping[str, tuple[str, date]] | None = None,
    horizon_days: int = SOON_DAYS,
) -> ExpiryReport:
    """List what expired before `today` and what expires within `horizon_days` of it.

    Args:
        valid_days: question id → days its evidence stays valid (questions without a limit
            are left out).
        today: the day to judge on.
        facts: facts of the scans held against the answers.
        rules: the evidence rules, which say which facts back which question.
        links: question id → (evidence link, the date it was checked).
        horizon_days: how far ahead "expires soon" looks.
    """
    items: list[Expiry] = []
    for question, days in valid_days.items():
        names = {
            test.fact
            for rule in rules
            if rule.question == question
            for test in fact_tests(rule.condition)
        }
        for fact in facts:
            if fact.name in names:
                as_of = fact.read_at.date()
                items.append(Expiry(question, fact.where, as_of, as_of + timedelta(days=days)))
        if links and question in links:
            link, as_of = links[question]
            items.append(Expiry(question, link, as_of, as_of + timedelta(days=days)))
    items = sorted(set(items), key=lambda e: (e.expires_on, e.question, e.what))
    soon = today + timedelta(days=horizon_days)
    return ExpiryReport(
        expired=tuple(e for e in items if e.expires_on <= today),
        expiring=tuple(e for e in items if today < e.expires_on <= soon),
    )
