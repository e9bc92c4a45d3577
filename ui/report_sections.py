"""The team report's sections, drawn from one scoring result."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.content.in_force import Content
from scoring.results import AssessmentResult, ChainStatus, Gap
from ui.figures.team import pillar_levels_figure
from ui.text import inert


def gap_lines(gaps: tuple[Gap, ...]) -> list[str]:
    """Gaps as sentences; an any-of gap lists its alternatives."""
    lines = []
    for gap in gaps:
        if gap.options:
            lines.append("one of: " + "; or ".join(o.text for o in gap.options))
        else:
            lines.append(gap.text)
    return lines


def render_decision(content: Content, result: AssessmentResult) -> None:
    """The one chain to remove next, why, and what keeps running in its place."""
    rec = result.recommendation
    if rec.next_chain is None:
        st.info(f"**No chain to remove now.** {inert(rec.reason)}", icon=":material/block:")
        return
    chain = content.catalogue.chain(rec.next_chain)
    provisional = " (provisional: low confidence)" if rec.provisional else ""
    with st.container(border=True, key="decision"):
        st.markdown(f"#### Remove next: {inert(chain.name)}{provisional}")
        st.markdown(f"**Today:** {inert(chain.gate)}")
        st.markdown(f"**Why this one:** {inert(rec.reason)}")
        st.markdown("**Keep running in its place:**")
        st.markdown("\n".join(f"- {inert(c)}" for c in chain.compensating_controls))
        st.caption(
            f"Reinstate it {inert(chain.reinstate_text[0].lower() + chain.reinstate_text[1:])}"
        )


def render_levels(result: AssessmentResult) -> None:
    """Overall level, weakest pillar, autonomy level and confidence, then the pillar chart."""
    weakest = result.pillar(result.weakest_pillar)
    cols = st.columns(3)
    cols[0].metric("Overall readiness", f"Level {result.overall_level}", border=True)
    cols[0].caption(f"Set by the weakest pillar: {weakest.name}")
    cols[1].metric("Agents may run at", result.autonomy.value, border=True)
    cols[1].caption("Levels of autonomy for AI agents (Feng, McDonald & Zhang, 2025)")
    confidence = result.confidence
    cols[2].metric("Confidence", f"{confidence.value:.0%} · {confidence.band.value}", border=True)
    cols[2].caption("Unanswered, don't know and claims without evidence lower it")
    st.plotly_chart(
        pillar_levels_figure(result), key="pillar_chart", config={"displayModeBar": False}
    )
    for pillar in result.pillars:
        st.caption(f"**{pillar.name}** — {inert(pillar.explanation)}")


def render_alerts(content: Content, result: AssessmentResult) -> None:
    """Chains removed before their conditions hold: reinstate, or close the gaps."""
    for chain_id in result.recommendation.alerts:
        chain_result = result.chain(chain_id)
        lines = "\n".join(f"- {inert(line)}" for line in gap_lines(chain_result.gaps))
        st.error(
            f"**{inert(chain_result.name)} was removed too early.** Reinstate it, or close "
            f"these gaps:\n{lines}",
            icon=":material/warning:",
        )


def render_unlock_paths(content: Content, result: AssessmentResult) -> None:
    """For the nearest blocked chains, the smallest answer improvements that unlock them."""
    paths = result.recommendation.unlock_paths
    if not paths:
        st.caption("No blocked chain is waiting only on answers or time.")
        return
    questionnaire = content.questionnaire
    for path in paths:
        first = ""
        if path.chains_first:
            names = ", ".join(content.catalogue.chain(c).name for c in path.chains_first)
            first = f" · after removing {inert(names)}"
        with st.container(border=True, key=f"unlock_{path.chain}"):
            if path.only_time and path.wait_until is not None:
                st.markdown(
                    f"**{inert(path.name)}** — wait until {path.wait_until.isoformat()}:"
                    " the track record it needs builds up by then"
                )
                continue
            wait = f" · and wait until {path.wait_until.isoformat()}" if path.wait_until else ""
            st.markdown(f"**{inert(path.name)}** — {path.steps} step(s) on the scale{first}{wait}")
            lines = []
            for imp in path.improvements:
                question = questionnaire.question(imp.question)
                target = question.level(imp.target)
                lines.append(
                    f"- **{imp.question}** {inert(question.text)} — now {imp.current}, needs "
                    f"**{imp.target} · {inert(target.label)}**: {inert(target.description)}"
                )
            st.markdown("\n".join(lines) or "- No answer needs to change.")


def render_chain_table(result: AssessmentResult) -> None:
    """Every chain with its status; blocked ones with their exact gaps."""
    labels = {
        ChainStatus.REMOVED: "removed",
        ChainStatus.NEXT: "next",
        ChainStatus.ELIGIBLE: "eligible now",
        ChainStatus.BLOCKED: "in place (blocked)",
        ChainStatus.REMOVED_TOO_EARLY: "removed too early",
        ChainStatus.PERMANENT: "permanent",
    }
    rows = [
        {
            "Chain": chain.name,
            "Status": labels[chain.status],
            "Gaps / reason": "; ".join(gap_lines(chain.gaps)) or chain.reason,
        }
        for chain in result.chains
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="chain_table")


def render_confidence(result: AssessmentResult) -> None:
    """Which answers lower confidence."""
    c = result.confidence
    parts = [
        ("Unanswered", c.unanswered),
        ("Don't know", c.dont_know),
        ("Claimed without an evidence link", c.without_evidence),
    ]
    for label, ids in parts:
        if ids:
            st.markdown(f"**{label}:** {', '.join(ids)}")
    if not any(ids for _, ids in parts):
        st.markdown("Every answer is backed by evidence.")
