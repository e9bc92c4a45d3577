"""The checklist of approval chains in place today, saved on every change."""

from __future__ import annotations

import streamlit as st

from assessments.content.catalogue import ChainCatalogue
from assessments.errors import ConflictError, ReadinessError, StorageError
from ui.draft_state import DraftSession, SetChain
from ui.text import inert


def render_chain_checklist(
    catalogue: ChainCatalogue,
    removed: frozenset[str],
    state: DraftSession,
    assessment_id: int,
    set_chain: SetChain,
) -> None:
    """One checkbox per chain: ticked while the human gate is still in place."""
    st.caption("Untick a chain your team has already removed. Permanent chains should stay ticked.")
    for chain in sorted(catalogue.chains, key=lambda c: c.order):
        key = state.key(assessment_id, "chain", chain.id)

        def on_change(chain_id: str = chain.id, key: str = key) -> None:
            removed = not st.session_state[key]
            try:
                state.saved(set_chain(chain_id, removed, state.version))
                state.unsaved_chains.pop(chain_id, None)
            except ConflictError as conflict:
                state.conflict = str(conflict)
            except StorageError as error:
                state.keep_unsaved(error, chain=(chain_id, removed))
            except ReadinessError as error:
                state.errors[chain_id] = str(error)

        suffix = " · permanent" if chain.permanent else ""
        st.checkbox(
            f"{chain.order}. {chain.name}{suffix}",
            value=chain.id not in removed,
            key=key,
            on_change=on_change,
            help=inert(chain.gate),
        )
        if chain.id in state.errors:
            st.warning(state.errors[chain.id], icon=":material/warning:")
