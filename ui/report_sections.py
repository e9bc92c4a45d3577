"""The team report's sections, drawn from one scoring result."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from assessments.content.in_force import Content
from assessments.content.questionnaire import DEFAULT_LEVEL_NAMES, Questionnaire
from assessments.reports.evidence_lines import EvidenceLinks
from assessments.wording import count
from scoring.results import AssessmentResult, ChainStatus, Gap
from ui.figures.team import pillar_levels_figure
from ui.tables import render_text_table
from ui.text import inert

_QUESTION_ID = re.compile(r"\b([A-Z]{2,4}-\d{2,3})\b")


def with_questions(sentence: str, questionnaire: Questionnaire | None) -> str:
    """ "OS-01 is 3 ≥ 3" → "OS-01 (How are agent tasks specified?) is 3 ≥ 3"."""
    if questionnaire is None:
        return sentence
    known = {q.id: q.text for q in questionnaire.questions}
    return _QUESTION_ID.sub(
        lambda m: f"{m.group(1)} ({known[m.group(1)]})" if m.group(1) in known else m.group(1),
        sentence,
    )


def current_answer(result: AssessmentResult, question_id: str, value: int | None) -> str:
    """What a question's answer is now, in words: "don't know" and "unanswered", never 0."""
    if question_id in result.confidence.dont_know:
        return "don't know"
    if question_id in result.confidence.unanswered:
        return "unanswered"
    return str(value)


def gap_lines(gaps: tuple[Gap, ...], questionnaire: Questionnaire | None = None) -> list[str]:
    """Gaps as sentences; an any-of gap lists its alternatives."""
    lines = []
    for gap in gaps:
        if gap.options:
            lines.append(
                "one of: "
                + "; or ".join(with_questions(o.text, questionnaire) for o in gap.options)
            )
        else:
            lines.append(with_questions(gap.text, questionnaire))
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
        why, _, _ = rec.reason.partition(" Conditions met:")
        st.markdown(f"**Why this one:** {inert(why)}")
        met = result.chain(rec.next_chain).satisfied
        if met:
            st.markdown(
                "**Conditions it meets:**\n"
                + "\n".join(f"- {inert(with_questions(m, content.questionnaire))}" for m in met)
            )
        st.markdown("**Keep running in its place:**")
        st.markdown("\n".join(f"- {inert(c)}" for c in chain.compensating_controls))
        st.caption(
            f"Reinstate it {inert(chain.reinstate_text[0].lower() + chain.reinstate_text[1:])}"
        )


def render_levels(
    result: AssessmentResult,
    level_names: Sequence[str] = DEFAULT_LEVEL_NAMES,
    autonomy_note: str | None = None,
) -> None:
    """Overall level, weakest pillar, autonomy level and confidence, then the pillar chart.

    Args:
        result: the scored assessment.
        level_names: the questionnaire's names of its readiness levels, from 0.
        autonomy_note: why the allowed autonomy is lower than the level alone allows, if it is.
    """
    top_level = len(level_names) - 1
    weakest = result.pillar(result.weakest_pillar)
    cols = st.columns(3)
    cols[0].metric("Overall readiness", level_names[result.overall_level], border=True)
    cols[0].caption(f"Set by the weakest pillar: {weakest.name}")
    cols[1].metric("Agents may run at", result.autonomy.value, border=True)
    cols[1].caption("Levels of autonomy for AI agents (Feng, McDonald & Zhang, 2025)")
    if autonomy_note:
        cols[1].caption(f":material/verified_user: {inert(autonomy_note)}")
    confidence = result.confidence
    cols[2].metric("Confidence", f"{confidence.value:.0%} · {confidence.band.value}", border=True)
    cols[2].caption("Unanswered, don't know and claims without evidence lower it")
    st.altair_chart(pillar_levels_figure(result, top_level), key="pillar_chart", width="stretch")
    for pillar in result.pillars:
        st.caption(f"**{pillar.name}** — {inert(pillar.explanation)}")


def render_alerts(content: Content, result: AssessmentResult) -> None:
    """Chains removed before their conditions hold: reinstate, or close the gaps."""
    for chain_id in result.recommendation.alerts:
        chain_result = result.chain(chain_id)
        lines = "\n".join(
            f"- {inert(line)}" for line in gap_lines(chain_result.gaps, content.questionnaire)
        )
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
            st.markdown(
                f"**{inert(path.name)}** — {count(path.steps, 'step')} on the scale{first}{wait}"
            )
            lines = []
            for imp in path.improvements:
                question = questionnaire.question(imp.question)
                target = question.level(imp.target)
                lines.append(
                    f"- **{imp.question}** {inert(question.text)} — now "
                    f"{current_answer(result, imp.question, imp.current)}, needs "
                    f"**{imp.target} · {inert(target.label)}**: {inert(target.description)}"
                )
            st.markdown("\n".join(lines) or "- No answer needs to change.")


def render_chain_table(result: AssessmentResult, questionnaire: Questionnaire) -> None:
    """Every chain with its status; blocked ones with their exact gaps."""
    labels = {
        ChainStatus.REMOVED: "removed",
        ChainStatus.NEXT: "next",
        ChainStatus.ELIGIBLE: "eligible now",
        ChainStatus.BLOCKED: "in place (blocked)",
        ChainStatus.REMOVED_TOO_EARLY: "removed too early",
        ChainStatus.PERMANENT: "permanent",
    }
    render_text_table(
        ["Chain", "Status", "Gaps / reason"],
        [
            (
                chain.name,
                labels[chain.status],
                "; ".join(gap_lines(chain.gaps, questionnaire))
                or with_questions(chain.reason, questionnaire),
            )
            for chain in result.chains
        ],
    )


def render_confidence(result: AssessmentResult, questionnaire: Questionnaire) -> None:
    """Which answers lower confidence."""
    c = result.confidence
    parts = [
        ("Unanswered", c.unanswered),
        ("Don't know", c.dont_know),
        ("Claimed without an evidence link", c.without_evidence),
    ]
    for label, ids in parts:
        if ids:
            st.markdown(
                f"**{label}:**\n"
                + "\n".join(f"- {q} {inert(questionnaire.question(q).text)}" for q in ids)
            )
    if not any(ids for _, ids in parts):
        st.markdown("Every answer is backed by evidence.")


def render_evidence_links(links: EvidenceLinks) -> None:
    """The links given with the answers, each with the day it stands as of."""
    if not links.links:
        st.markdown("No answer has an evidence link.")
        return
    st.caption(
        "Answers carry no date of their own: each link stands as of the day the team last "
        "vouched for the whole assessment."
    )
    st.markdown("\n".join(f"- {inert(line)}" for line in links.lines()))
