"""Draw an export's charts in a process of their own, started long before they are needed.

vl-convert's renderer takes 0.6-1 s to start on its first chart and holds the GIL while it
draws, so a thread would not overlap it with anything. `readiness report` starts one worker
process first thing: the renderer starts there while the main process loads the content and
scores the organisation, and the pack's charts are then drawn there while the main process
writes its tables. The app's export buttons draw in their own process (`draw_here`).

The worker is spawned, not forked: a process that has drawn a chart already runs the
renderer's threads, and a forked copy of it waits forever on the first chart. Only the
standard library is imported here, so the new interpreter is ready in a tenth of a second.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

_WARM_UP: dict[str, Any] = {
    "data": {"values": [{"x": 0}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}
"""A chart whose drawing starts the renderer."""


class ChartProcessError(RuntimeError):
    """The chart process stopped before it drew every chart."""


def draw(spec: dict[str, Any], config: dict[str, Any]) -> str:
    """A Vega-Lite spec drawn as SVG text; nothing may be loaded from outside."""
    import vl_convert  # here: the worker needs nothing else, and the app only when exporting

    svg: str = vl_convert.vegalite_to_svg(spec, config=config, allowed_base_urls=[])
    return svg


def draw_here(spec: dict[str, Any], config: dict[str, Any]) -> Future[str]:
    """Draw in this process, now; the result (or the error) as a finished future."""
    done: Future[str] = Future()
    try:
        done.set_result(draw(spec, config))
    except Exception as error:
        done.set_exception(error)
    return done


class ChartProcess:
    """One worker process that draws charts; use it as a context manager, which stops it."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        self._pool.submit(draw, _WARM_UP, {})

    def __call__(self, spec: dict[str, Any], config: dict[str, Any]) -> Future[str]:
        """Draw a chart there; the SVG text comes as a future."""
        drawn: Future[str] = Future()
        try:
            pending = self._pool.submit(draw, spec, config)
        except BrokenProcessPool as error:
            drawn.set_exception(_stopped(error))
            return drawn

        def relay(done: Future[str]) -> None:
            error = done.exception()
            if isinstance(error, BrokenProcessPool):
                drawn.set_exception(_stopped(error))
            elif error is not None:
                drawn.set_exception(error)
            else:
                drawn.set_result(done.result())

        pending.add_done_callback(relay)
        return drawn

    def close(self) -> None:
        """Stop the worker (once the chart it is drawing, if any, is done)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ChartProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _stopped(error: BaseException) -> ChartProcessError:
    return ChartProcessError(f"the process drawing the charts stopped ({error})")
