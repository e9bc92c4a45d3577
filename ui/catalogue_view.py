"""The chain catalogue page's sections: one card per chain, in removal order."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.content.catalogue import Chain
from assessments.content.in_force import Content
from assessments.reports.catalogue_view import RemovalCount, condition_lines
from ui.text import inert


def render_chain(content: Content, chain: Chain, count: RemovalCount | None) -> None:
    """A chain: its gate, what it protects, unlock conditions, controls, reinstatement, uptake."""
    questionnaire, catalogue = content.questionnaire, content.catalogue
    badges = [f"risk {chain.risk.value}", f"toil {chain.toil.value}"]
    if chain.permanent:
        badges.insert(0, "permanent: never recommended for removal")
    with st.container(border=True, key=f"chain_{chain.id}"):
        st.markdown(f"#### {chain.order}. {inert(chain.name)}")
        st.caption(" · ".join(badges))
        st.markdown(f"**Today:** {inert(chain.gate)}")
        pillars = ", ".join(questionnaire.pillar(p).name for p in chain.protects)
        st.markdown(f"**Protects:** {inert(pillars)}")
        lines = condition_lines(chain.unlock, questionnaire, catalogue)
        if lines:
            st.markdown(
                "**May be removed when:**\n"
                + "\n".join(f"{'    ' * line.depth}- {inert(line.text)}" for line in lines)
            )
        if chain.compensating_controls:
            st.markdown(
                "**Keeps running in its place:**\n"
                + "\n".join(f"- {inert(c)}" for c in chain.compensating_controls)
            )
        st.markdown(f"**Reinstate it:** {inert(chain.reinstate_text)}")
        if count is not None:
            early = f" ({count.too_early} more too early)" if count.too_early else ""
            st.caption(
                f"Removed by {count.removed} of the {count.submitted} teams that submitted{early}."
            )


def render_catalogue(content: Content, counts: Mapping[str, RemovalCount] | None) -> None:
    """Every chain in removal order."""
    for chain in sorted(content.catalogue.chains, key=lambda c: c.order):
        render_chain(content, chain, None if counts is None else counts.get(chain.id))
