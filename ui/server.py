"""The app as `make run` serves it: app.py behind Streamlit's ASGI wrapper, warmed at start.

`streamlit run ui/server.py` serves exactly what `streamlit run app.py` serves, but its
lifespan hook first imports the app's modules, opens the database (migrations, content,
demo seed, roles file) and scores the org pages' view of the current quarter, so
/_stcore/health answers only once the first visitor would not pay for any of that (about 3 s
for the demo org on a quiet machine; the scoring is most of a cold org page at 2,000 teams).
A load balancer waiting on the health check therefore sends no one to a replica that is still
starting.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"


def warm_up() -> None:
    """Import what the pages import, open the service (cached for the process), and score
    the org pages' view of the current quarter (`ui.org_data.warm_up`); then move everything
    alive into the collector's permanent generation (`gc.freeze`)."""
    import ui.exports.review_pack  # noqa: F401
    from ui import org_data, resources
    from ui.context import current_period

    resources.service()
    org_data.warm_up(current_period())
    # At 2,000 teams × 8 quarters the modules and the warmed caches are a few hundred MB of
    # objects; a full collection walked all of them, 0.08–0.11 s in the middle of a page run,
    # every few runs. Frozen, they are never walked again (nor collected: they live as long
    # as the process, as the caches and modules do anyway).
    gc.collect()
    gc.freeze()


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Warm up in a worker thread before serving (a failure aborts start-up loudly)."""
    await anyio.to_thread.run_sync(warm_up)
    yield


app = st.App(str(APP), lifespan=lifespan)
