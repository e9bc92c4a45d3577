"""Evidence on the pages: the attached scan's verdicts, next to questions and in the report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from assessments.errors import ContentError, ReadinessError
from assessments.evidence.check import default_evidence_rules, hold_answers, valid_days
from assessments.evidence.expiry import ExpiryReport, evidence_expiry
from assessments.evidence.scan_format import parse_scan_json
from assessments.evidence.verdicts import Judgement, Verdict, VerdictKind
from assessments.service.authorized import AuthorizedService
from assessments.service.evidence import EvidenceScanView
from assessments.storage.store import utc_now
from assessments.wording import count
from scoring import AssessmentInput
from scoring.results import AssessmentResult
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload

CONTRADICTED_SHOWN = 10
"""Teams named in the contradicted-claims line; the rest are counted."""


@dataclass(frozen=True)
class HeldAnswers:
    """A team's answers held against its latest attached scan."""

    scan: EvidenceScanView
    judgement: Judgement
    result: AssessmentResult
    expiry: ExpiryReport


def hold_latest_scan(
    service: AuthorizedService,
    content: Content,
    team_slug: str,
    period: str,
    assessment: AssessmentInput,
) -> HeldAnswers | None:
    """The verdicts and the bounded result, when a scan is attached for the period."""
    view = service.latest_evidence(team_slug, period)
    if view is None:
        return None
    rules = default_evidence_rules().rules
    today = utc_now()  # evidence expires on the day the report is read
    judgement, _, result = hold_answers(content, assessment, view.scan, rules, today)
    expiry = evidence_expiry(valid_days(content), today.date(), view.scan.facts, rules)
    return HeldAnswers(view, judgement, result, expiry)


def verdict_line(verdict: Verdict | None) -> tuple[str, str] | None:
    """(kind, text) to show under a question, or None when the facts say nothing."""
    if verdict is None or verdict.kind is VerdictKind.NOT_COVERED:
        return None
    return verdict.kind.value, verdict.explanation()


def _held_at_bound(answers: int) -> str:
    """ "1 answer counts at the bound", "3 answers count at the bound"."""
    verb = "counts" if answers == 1 else "count"
    return f"{count(answers, 'answer')} {verb} at the bound"


def render_evidence_note(held: HeldAnswers | None) -> None:
    """One line under the decision when the configuration lowered answers."""
    if held is None or not held.judgement.contradicted:
        return
    ids = ", ".join(v.question for v in held.judgement.contradicted)
    st.caption(
        f":material/fact_check: {_held_at_bound(len(held.judgement.contradicted))} the "
        f"attached configuration scan allows ({ids}); see the *Evidence* tab."
    )


def render_evidence(held: HeldAnswers | None) -> None:
    """The report's evidence section: what the scan contradicts and supports."""
    st.subheader("Evidence from configuration")
    if held is None:
        st.caption(
            "No configuration scan is attached for this period. Attach one with "
            "`readiness evidence attach` or on the self-assessment page."
        )
        return
    scan = held.scan
    files = len(set(scan.scan.files))
    st.caption(
        f"Scan attached by {inert(scan.attached_by)} on {scan.attached_at:%Y-%m-%d} · "
        f"{len(scan.scan.facts)} facts from {files} files"
    )
    contradicted = held.judgement.contradicted
    supported = [v for v in held.judgement.verdicts if v.kind is VerdictKind.SUPPORTED]
    if contradicted:
        st.warning(
            f"{_held_at_bound(len(contradicted))} the configuration allows; "
            "the levels and the recommendation above already use it.",
            icon=":material/fact_check:",
        )
        st.markdown("\n".join(f"- {inert(v.explanation())}" for v in contradicted))
    else:
        st.success("No answer is contradicted by the configuration.", icon=":material/verified:")
    if supported:
        st.caption(
            "Supported by the configuration (counted as evidenced): "
            + ", ".join(v.question for v in supported)
        )
    for title, items in (
        ("Expired", held.expiry.expired),
        ("Expires within 30 days", held.expiry.expiring),
    ):
        if items:
            st.caption(
                f"{title}: "
                + "; ".join(f"{e.question} {inert(e.what)} ({e.expires_on})" for e in items)
            )


def render_scan_upload(service: AuthorizedService, team_slug: str, period: str) -> None:
    """Attach a scan saved with `readiness evidence scan --format json`."""
    upload = read_upload(
        "Attach a configuration scan (JSON from `readiness evidence scan --format json`)",
        ["json"],
        key="evidence_upload",
        limit_mb=TEXT_LIMIT_MB,
    )
    if upload is None:
        return
    # The uploader keeps its file across reruns: attach each file once.
    digest = hashlib.sha256(upload.data).hexdigest()
    if st.session_state.get("evidence_attached") == digest:
        return
    try:
        scan = parse_scan_json(upload.data, upload.name)
        attached = service.attach_evidence(team_slug, period, scan)
    except ContentError as error:
        st.error(
            "The scan was not attached:\n"
            + "\n".join(f"- {inert(str(p))}" for p in error.problems),
            icon=":material/error:",
        )
        return
    except ReadinessError as error:
        st.error(inert(str(error)), icon=":material/error:")
        return
    st.session_state["evidence_attached"] = digest
    st.success(
        f"Attached {len(attached.scan.facts)} facts; the verdicts show under each question.",
        icon=":material/fact_check:",
    )


def contradicted_filter(table: pd.DataFrame, *, key: str) -> pd.DataFrame:
    """An org filter: only the teams whose answers a configuration scan contradicts."""
    counts = table["contradicted"].fillna(0) if "contradicted" in table else None
    flagged = 0 if counts is None else int((counts > 0).sum())
    only = st.toggle(
        f"Only teams with contradicted claims ({flagged})",
        key=key,
        disabled=counts is None or flagged == 0,
        help="Teams whose attached configuration scan bounds some answers below what they "
        "claimed; those answers count at the bound in every score here.",
    )
    return table[counts > 0] if only and counts is not None else table


def contradicted_line(table: pd.DataFrame, shown: int = CONTRADICTED_SHOWN) -> str | None:
    """The teams with contradicted claims and how many each: the `shown` with most by name
    (then by name), the rest counted; None when no team has any."""
    if "contradicted" not in table:
        return None
    counts = table["contradicted"].fillna(0).astype(int)
    flagged = table.assign(contradicted=counts)[counts > 0]
    if flagged.empty:
        return None
    ordered = flagged.sort_values(["contradicted", "team"], ascending=[False, True])
    listed = ", ".join(
        f"{inert(str(team))} {int(n)}"
        for team, n in zip(ordered["team"].head(shown), ordered["contradicted"], strict=False)
    )
    rest = len(ordered) - shown
    more = (
        f"; and {count(rest, 'more team')}: “Only teams with contradicted claims” on the org"
        " heatmap lists them all"
        if rest > 0
        else ""
    )
    return (
        ":material/fact_check: Contradicted claims, counted at their evidence bounds: "
        f"{listed}{more}"
    )


def render_contradicted_counts(table: pd.DataFrame) -> None:
    """One line naming the teams with contradicted claims and how many each."""
    line = contradicted_line(table)
    if line is not None:
        st.caption(line)
